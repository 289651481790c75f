"""The coverage report: medicines x topics x languages, as Markdown and HTML (whole page or table only)."""
import datetime as dt

import pytest
from bs4 import BeautifulSoup

from bot import report
from bot.checks import Settings
from bot.cli import main
from bot.content import LANGS, TOPICS, load

TODAY = dt.date(2026, 11, 22)


@pytest.fixture(scope="module")
def shipped():
    return report.build(load(), today=TODAY)


@pytest.fixture
def with_draft(content_copy):
    """A copy of the content where Dupixent's storage answer is a draft again."""
    for lang in LANGS:
        path = content_copy / lang / "dupilumab.toml"
        path.write_text(path.read_text(encoding="utf-8").replace("[storage]\n", "[storage]\ndraft = true\n", 1),
                        encoding="utf-8")
    return report.build(load(content_copy), settings=Settings(), today=TODAY)


def _cell(built, medicine, lang, topic):
    row = next(r for r in built.rows if r.medicine == medicine and r.lang == lang)
    return row.cells[TOPICS.index(topic)]


def test_every_medicine_topic_and_language_has_a_cell(shipped):
    content = load()
    assert [(r.medicine, r.lang) for r in shipped.rows] == [(m, lang) for m in content.medicines for lang in LANGS]
    assert all(len(r.cells) == len(TOPICS) for r in shipped.rows)
    counts = shipped.counts()
    assert counts["answered"] == sum(not a.draft for a in content.answers.values() if a.medicine not in ("general", "urgent"))
    assert counts["answered"] + counts["draft"] + counts["not covered"] == len(shipped.rows) * len(TOPICS)


def test_a_cell_holds_status_review_date_and_score(shipped):
    cell = _cell(shipped, "dupilumab", "nl", "about")
    reviewed = load().answer("nl", "dupilumab", "about").reviewed
    assert (cell.status, cell.reviewed) == ("answered", reviewed) and 0 < cell.score < 100
    assert _cell(shipped, "etranacogen_dezaparvovec", "en", "vaccination").status == "not covered"


def test_drafts_need_work(with_draft):
    cell = _cell(with_draft, "dupilumab", "en", "storage")
    assert cell.status == "draft" and "draft: rewrite and review" in cell.needs
    assert cell in with_draft.needing_work()


def test_markdown_is_a_table_with_a_row_per_medicine_and_language(with_draft):
    text = report.render(with_draft, "md")
    header = next(line for line in text.splitlines() if line.startswith("| medicine"))
    assert header == "| medicine | language | " + " | ".join(TOPICS) + " |"
    row = next(line for line in text.splitlines() if line.startswith("| Dupixent (dupilumab) | en |"))
    assert row.count("|") == len(TOPICS) + 3 and "✎" in row.split("|")[-2]
    assert "- dupilumab/storage (en): draft: rewrite and review" in text


def test_html_page_has_one_table_with_headers_for_topics(with_draft):
    page = BeautifulSoup(report.render(with_draft, "html"), "html.parser")
    assert page.html["lang"] == "en" and page.title.string.startswith("Content coverage")
    tables = page.find_all("table")
    assert len(tables) == 1
    heads = [th.get_text() for th in tables[0].thead.find_all("th", scope="col")]
    assert heads == ["medicine", "language", *TOPICS]
    rows = tables[0].tbody.find_all("tr")
    assert len(rows) == len(with_draft.rows)
    draft = rows[1].find_all("td")[1 + TOPICS.index("storage")]
    assert "draft" in draft["class"] and "needs-work" in draft["class"]
    assert rows[1].th["scope"] == "row" and rows[1].th.get_text() == "Dupixent (dupilumab)"


def test_html_fragment_is_only_the_table(shipped):
    fragment = report.render(shipped, "html", fragment=True)
    parsed = BeautifulSoup(fragment, "html.parser")
    assert [tag.name for tag in parsed.find_all(recursive=False)] == ["table"]
    assert not parsed.find(["html", "head", "body", "style"])
    assert parsed.table.caption.get_text().startswith("Content coverage, 2026-11-22")


def test_names_are_escaped_in_html():
    content = load()
    medicine = content.medicines["dupilumab"]
    content.medicines["dupilumab"] = type(medicine)(medicine.id, "<b>Dupi</b>", medicine.substance, medicine.kind,
                                                    medicine.condition, medicine.names)
    html = report.render(report.build(content, today=TODAY), "html", fragment=True)
    assert "<b>Dupi</b>" not in html and "&lt;b&gt;Dupi&lt;/b&gt;" in html


def test_an_unknown_format_is_refused(shipped):
    with pytest.raises(ValueError):
        report.render(shipped, "pdf")


def test_cli_prints_the_report(capsys):
    assert main(["report"]) == 0
    assert capsys.readouterr().out.startswith("# Content coverage")
    assert main(["report", "--format", "html"]) == 0
    assert capsys.readouterr().out.startswith("<!DOCTYPE html>")


def test_a_missing_lead_needs_work(content_copy):
    path = content_copy / "en" / "dupilumab.toml"
    text = path.read_text(encoding="utf-8")
    start = text.index("lead = ", text.index("[storage]"))
    path.write_text(text[:start] + text[text.index('"""', start + 10) + 4:], encoding="utf-8")
    built = report.build(load(content_copy), settings=Settings(), today=dt.date(2026, 12, 1))
    assert "no lead" in _cell(built, "dupilumab", "en", "storage").needs
    assert not _cell(built, "dupilumab", "nl", "storage").needs
