"""`bot stats`: the usage figures in the terminal, read from the database the web app writes to; and the
README's account of what is stored."""
import pytest

from bot.cli import build_parser, main
from bot.web import ROOT


def _count_some(app):
    client = app.test_client()
    for question in ("wat is dupixent", "wat is dupixent", "hoe is het weer", "kan ik alcohol drinken met dupixent"):
        client.post("/nl/", data={"q": question})
    client.post("/api/ask", json={"question": "what are the side effects of rinvoq", "surface": "kiosk"})
    client.post("/api/feedback", json={"answer_id": "upadacitinib/risks", "lang": "en", "helpful": False})
    client.post("/api/feedback", json={"answer_id": "dupilumab/about", "lang": "nl", "helpful": True})
    assert app.extensions["usage"].flush()


def test_stats_prints_the_figures(figures_app, database_url, monkeypatch, capsys):
    _count_some(figures_app())
    monkeypatch.setenv("BOT_DATABASE_URL", database_url)
    assert main(["stats", "--days", "7"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].endswith(": 5 questions")
    for heading in ("Questions per day", "Replies by kind", "By surface", "By language",
                    "Least helpful answers (thumbs up / down)", "Most frequent missing topics"):
        assert heading in out
    kinds = out[out.index("Replies by kind") + 1:out.index("By surface") - 1]
    assert kinds[0].split() == ["answer", "3", "60.0%"]
    helpful = out[out.index("Least helpful answers (thumbs up / down)") + 1].split()
    assert helpful[:4] == ["upadacitinib/risks", "0", "/", "1"]
    missing = out[out.index("Most frequent missing topics") + 1:]
    assert ["not_covered", "dupilumab/alcohol", "1"] in [line.split() for line in missing]
    assert not any("weer" in line for line in out)  # no question text: the log is off


def test_stats_on_an_empty_database(database_url, monkeypatch, capsys):
    monkeypatch.setenv("BOT_DATABASE_URL", database_url)
    assert main(["stats"]) == 0
    out = capsys.readouterr().out
    assert ": 0 questions" in out and "  none" in out


def test_stats_when_the_database_is_unreachable(monkeypatch, capsys):
    monkeypatch.setenv("BOT_DATABASE_URL", "postgresql+psycopg://bot@127.0.0.1:1/nothing")
    assert main(["stats"]) == 1
    assert "cannot be read" in capsys.readouterr().err


@pytest.mark.parametrize("days", ["0", "367", "-1", "x"])
def test_stats_refuses_an_odd_number_of_days(days, capsys):
    with pytest.raises(SystemExit) as exit_:
        build_parser().parse_args(["stats", "--days", days])
    assert exit_.value.code == 2


def test_the_readme_says_what_is_stored_and_how_to_set_it():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "## Feedback and usage figures" in readme
    for needle in ("`bot stats", "/admin", "POST /api/feedback", "BOT_DATABASE_URL", "BOT_ADMIN_PASSWORD",
                   "BOT_KEEP_UNANSWERED_QUESTIONS", "BOT_UNANSWERED_QUESTIONS_DAYS", "instance/bot.sqlite"):
        assert needle in readme, needle
