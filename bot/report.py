"""The curator's coverage report: medicines x topics x languages, with review dates and readability scores."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from html import escape

from .checks import Settings, free_words, freshness, lead, load_settings
from .content import LANGS, TOPICS, Content, content_root
from .readability import measure

MARKS = {"answered": "✓", "draft": "✎", "not covered": "–"}


@dataclass(frozen=True)
class Cell:
    """One medicine's answer on one topic in one language."""
    medicine: str
    topic: str
    lang: str
    status: str               # answered, draft or not covered
    reviewed: dt.date | None
    score: float | None       # Flesch-Douma (nl) or Flesch Reading Ease (en)
    needs: tuple              # what needs work, e.g. ("reads hard", "review due")


@dataclass(frozen=True)
class Row:
    """A medicine in one language, with a cell per topic."""
    medicine: str
    name: str                 # "Dupixent (dupilumab)"
    lang: str
    cells: tuple


@dataclass(frozen=True)
class Report:
    """The coverage matrix on a given day."""
    day: dt.date
    topics: tuple
    rows: tuple

    def counts(self) -> dict:
        """How many cells are answered, draft and not covered."""
        cells = [c for row in self.rows for c in row.cells]
        return {status: sum(c.status == status for c in cells) for status in MARKS}

    def needing_work(self) -> list[Cell]:
        """The cells a curator should look at: drafts and answers with a finding."""
        return [c for row in self.rows for c in row.cells if c.needs]


def _cell(content: Content, medicine: str, topic: str, lang: str, settings: Settings, free: frozenset,
          today: dt.date) -> Cell:
    answer = content.answers.get((lang, medicine, topic))
    if answer is None:
        return Cell(medicine, topic, lang, "not covered", None, None, ())
    measured = measure(answer.text, lang, free if settings.names_are_free else frozenset())
    needs = [need for need, found in (
        ("draft: rewrite and review", answer.draft),
        ("reads hard", measured.score < settings.min_score(lang)),
        ("long sentence", measured.long_sentences(settings.max_sentence_words)),
        ("no lead" if not answer.lead else "lead needs work", not answer.draft and lead(answer, settings, free)),
        ("review due", freshness(answer, settings, today))) if found]
    return Cell(medicine, topic, lang, "draft" if answer.draft else "answered", answer.reviewed,
                measured.score, tuple(needs))


def build(content: Content, settings: Settings | None = None, today: dt.date | None = None) -> Report:
    """The coverage of `content`; thresholds from the content folder's checks.toml unless `settings` is given."""
    settings = settings or load_settings(content_root())
    today = today or dt.date.today()
    free = free_words(content)
    rows = tuple(Row(m.id, f"{m.brand} ({m.substance})", lang,
                     tuple(_cell(content, m.id, t, lang, settings, free, today) for t in TOPICS))
                 for m in content.medicines.values() for lang in LANGS)
    return Report(today, TOPICS, rows)


def _summary(report: Report) -> str:
    counts = report.counts()
    return (f"{counts['answered']} answered, {counts['draft']} draft, {counts['not covered']} not covered; "
            f"{len(report.needing_work())} need work. A cell: ✓ answered, ✎ draft, – not covered; then the "
            "readability score and the review date; ⚠ needs work.")


def _cell_text(cell: Cell) -> str:
    parts = [MARKS[cell.status]]
    if cell.score is not None:
        parts.append(f"{cell.score:.0f}")
    if cell.reviewed:
        parts.append(cell.reviewed.isoformat())
    if cell.needs:
        parts.append("⚠")
    return " ".join(parts)


def _markdown(report: Report) -> str:
    lines = [f"# Content coverage, {report.day}", "", _summary(report), "",
             "| medicine | language | " + " | ".join(report.topics) + " |",
             "|---|---|" + "---|" * len(report.topics)]
    for row in report.rows:
        lines.append(f"| {row.name} | {row.lang} | " + " | ".join(_cell_text(c) for c in row.cells) + " |")
    work = report.needing_work()
    if work:
        lines += ["", "## Needs work", ""]
        lines += [f"- {c.medicine}/{c.topic} ({c.lang}): {', '.join(c.needs)}" for c in work]
    return "\n".join(lines) + "\n"


def _html_cell(cell: Cell) -> str:
    classes = cell.status.replace(" ", "-") + (" needs-work" if cell.needs else "")
    parts = [f'<span class="status">{MARKS[cell.status]} {cell.status}</span>']
    if cell.score is not None:
        parts.append(f'<span class="score" title="readability score">{cell.score:.0f}</span>')
    if cell.reviewed:
        parts.append(f'<time datetime="{cell.reviewed}">{cell.reviewed}</time>')
    if cell.needs:
        parts.append(f'<span class="needs">⚠ {escape(", ".join(cell.needs))}</span>')
    return f'<td class="{classes}">{" ".join(parts)}</td>'


def _html_table(report: Report) -> str:
    head = "".join(f'<th scope="col">{escape(t)}</th>' for t in report.topics)
    rows = "\n".join(f'<tr><th scope="row">{escape(row.name)}</th><td>{row.lang}</td>'
                     + "".join(_html_cell(c) for c in row.cells) + "</tr>" for row in report.rows)
    return (f'<table class="coverage">\n<caption>Content coverage, {report.day}: {escape(_summary(report))}'
            f'</caption>\n<thead><tr><th scope="col">medicine</th><th scope="col">language</th>{head}</tr></thead>'
            f"\n<tbody>\n{rows}\n</tbody>\n</table>")


_STYLE = ("body{font-family:system-ui,sans-serif;margin:1rem}table{border-collapse:collapse;font-size:.85rem}"
          "th,td{border:1px solid #999;padding:.25rem .4rem;vertical-align:top;text-align:left}"
          "td.answered{background:#e6f4ea}td.draft{background:#fff4d6}td.not-covered{background:#eee}"
          "td.needs-work{outline:2px solid #b35900;outline-offset:-2px}.needs{display:block;color:#7a3d00}"
          "caption{text-align:left;margin-bottom:.5rem}")


def render(report: Report, fmt: str = "md", fragment: bool = False) -> str:
    """The report as Markdown ("md") or HTML ("html"); `fragment` gives only the HTML <table>."""
    if fmt == "md":
        return _markdown(report)
    if fmt != "html":
        raise ValueError(f"unknown report format {fmt!r} (md or html)")
    table = _html_table(report)
    if fragment:
        return table
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f"<title>Content coverage, {report.day}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
            f"<h1>Content coverage, {report.day}</h1>\n{table}\n</body>\n</html>\n")
