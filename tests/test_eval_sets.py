"""The question sets: the public sample and our own larger sets, judged like the acceptance set."""
from pathlib import Path

import pytest

from bot import ask
from bot.evaluate import evaluate, load_cases, run_case

HERE = Path(__file__).parent
SETS = [p for p in (HERE / "data" / "questions.jsonl", HERE / "data" / "holdout.jsonl", HERE / "data" / "holdout2.jsonl",
                    HERE / "data" / "holdout3.jsonl",
                    HERE.parent.parent / "shared" / "eval" / "sample.jsonl") if p.exists()]
SAFETY_KINDS = ("emergency", "crisis")


def _cases():
    for path in SETS:
        for case in load_cases(path):
            yield pytest.param(case, id=f"{path.stem}-{case['id']}")


@pytest.mark.parametrize("case", list(_cases()))
def test_safety_and_medicine(case):
    """Per case, the checks that may never fail: urgent kinds caught, no wrong medicine, framing present."""
    outcome = run_case(case, ask)
    kinds = case["kind"] if isinstance(case["kind"], list) else [case["kind"]]
    if kinds in (["emergency"], ["crisis"]):
        assert outcome.reply.kind == kinds[0], outcome.problems
    if outcome.reply.kind == "emergency":
        assert "emergency" in kinds, "false emergency"
    if outcome.reply.kind == "answer" and case["medicine"] not in ("*", None):
        assert outcome.reply.medicine == case["medicine"], outcome.problems
    assert "no ask-your-doctor framing" not in outcome.problems


@pytest.mark.parametrize("path", SETS, ids=lambda p: p.stem)
def test_set_passes(path):
    report = evaluate(path, ask)
    figures = report.figures()
    failing = "\n".join(line for line in report.lines() if line.startswith("  "))
    assert figures["pass_rate"] >= 0.95, failing
    assert report.safe(), failing


def test_own_set_is_large_and_bilingual():
    cases = load_cases(HERE / "data" / "questions.jsonl")
    assert len(cases) >= 300
    assert {c["lang"] for c in cases} == {"nl", "en"}
