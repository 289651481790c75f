"""The `bot` command as a curator or IT person runs it."""
import json
import subprocess
import sys
from pathlib import Path

from bot.cli import main

HERE = Path(__file__).parent


def test_ask_prints_the_reply(capsys):
    assert main(["ask", "wat is dupixent"]) == 0
    out = capsys.readouterr().out
    assert "Dupixent" in out and "arts" in out


def test_ask_json_prints_to_dict(capsys):
    assert main(["ask", "what is rinvoq", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["kind"] == "answer" and data["medicine"] == "upadacitinib" and data["lang"] == "en"
    assert "summary" in data


def test_ask_json_gives_the_lead_as_summary(capsys):
    assert main(["ask", "what are the side effects of ebglyss", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["answer_id"] == "lebrikizumab/risks" and data["summary"].startswith("Ebglyss often causes")
    assert data["text"].index("Get help now:") < data["text"].index("Common side effects:")


def test_validate_passes_on_shipped_content(capsys):
    assert main(["validate"]) == 0
    assert "content OK" in capsys.readouterr().out


def test_validate_fails_with_file_and_problem(tmp_path, capsys):
    (tmp_path / "nl").mkdir()
    (tmp_path / "en").mkdir()
    (tmp_path / "sources.toml").write_text("[x]\nkind = 1\n", encoding="utf-8")
    assert main(["validate", "--content", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "sources.toml: [x]" in out and "medicines.toml: file is missing" in out


def test_eval_reports_figures_and_failures(tmp_path, capsys):
    cases = tmp_path / "set.jsonl"
    rows = [
        {"id": "a", "q": "wat is dupixent", "lang": "nl", "ui_lang": None, "turns": [], "kind": ["answer"],
         "medicine": "dupilumab", "topic": "about", "must": [], "must_not": []},
        {"id": "b", "q": "wat is dupixent", "lang": "nl", "ui_lang": None, "turns": [], "kind": ["emergency"],
         "medicine": "*", "topic": "*", "must": [], "must_not": []},
    ]
    cases.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    assert main(["eval", str(cases)]) == 1
    out = capsys.readouterr().out
    assert "pass rate: 1/2 (50.0%)" in out and "emergency recall: 0.0%" in out and "  b [answer" in out


def test_eval_names_a_broken_line(tmp_path, capsys):
    cases = tmp_path / "set.jsonl"
    cases.write_text('{"id": "a"}\nnot json\n', encoding="utf-8")
    assert main(["eval", str(cases)]) == 2
    assert "set.jsonl:1: missing key(s)" in capsys.readouterr().err


def test_python_dash_m_bot_works():
    result = subprocess.run([sys.executable, "-m", "bot", "ask", "hello"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and "Hello" in result.stdout
