"""The curator's checks on loaded content: the served answers' leads, readability, structure and freshness.

Each finding prints as `file: problem`: a warning, or an error when the checks run strict. (That every cited
source is in the register is checked by the loader itself: such content never loads.)
"""
from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path

from .content import GENERAL, LANGS, URGENT, Answer, Content, ContentError, _show
from .readability import measure, words

SETTINGS_FILE = "checks.toml"
SCORE_NAMES = {"nl": "Flesch-Douma", "en": "Flesch Reading Ease"}


@dataclass(frozen=True)
class Settings:
    """The thresholds from content/checks.toml (defaults: the values the checks were designed with)."""
    min_score_nl: float = 60.0
    min_score_en: float = 60.0
    max_sentence_words: int = 20
    max_review_age_months: int = 12
    names_are_free: bool = True      # medicine names do not count as hard words
    max_lead_words: int = 60
    # the headings every risks answer has, in this order, each a line of its own
    risks_headings_nl: tuple = ("Direct hulp:", "Vaak voorkomende bijwerkingen:", "Wie het niet mag gebruiken:",
                                "Melden:")
    risks_headings_en: tuple = ("Get help now:", "Common side effects:", "Who should not use it:", "Reporting:")

    def min_score(self, lang: str) -> float:
        """The lowest readability score an answer in `lang` may have."""
        return self.min_score_nl if lang == "nl" else self.min_score_en

    def risks_headings(self, lang: str) -> tuple:
        """The headings of a risks answer in `lang`, in their order."""
        return self.risks_headings_nl if lang == "nl" else self.risks_headings_en


@dataclass(frozen=True)
class Finding:
    """One problem with one answer."""
    file: str
    problem: str
    check: str          # lead, readability, structure or freshness
    error: bool = False

    def line(self, strict: bool = False) -> str:
        """`file: problem`, marked as a warning when it does not fail the check."""
        warning = "" if self.error or strict else "warning: "
        return f"{self.file}: {warning}{self.problem}"


def load_settings(root: Path | str) -> Settings:
    """The thresholds in `root`/checks.toml; the defaults when there is no such file; ContentError when broken."""
    path = Path(root) / SETTINGS_FILE
    if not path.exists():
        return Settings()
    try:
        with path.open("rb") as f:
            data = tomllib.load(f)
    except (tomllib.TOMLDecodeError, OSError, UnicodeDecodeError) as e:
        raise ContentError([f"{_show(path)}: not valid TOML ({e})"]) from None
    flat = {}
    for key, value in data.items():
        flat.update(value if isinstance(value, dict) else {key: value})
    known = {f.name: f.type for f in fields(Settings)}
    problems = [f"{_show(path)}: unknown setting '{key}'" for key in flat if key not in known]
    values = {}
    for key, value in flat.items():
        if key not in known:
            continue
        kind = known[key]
        if kind == "tuple":
            if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
                problems.append(f"{_show(path)}: '{key}' must be a list of texts")
            else:
                values[key] = tuple(v.strip() for v in value)
            continue
        want = {"float": (int, float), "int": (int,), "bool": (bool,)}[kind]
        if not isinstance(value, want) or (kind != "bool" and (isinstance(value, bool) or value < 0)):
            problems.append(f"{_show(path)}: '{key}' must be a {'true/false' if kind == 'bool' else 'number'}")
        else:
            values[key] = value
    if problems:
        raise ContentError(problems)
    return Settings(**values)


def source_day(text: str) -> dt.date | None:
    """The day a register date means ('2025-10' is 1 October 2025), or None for 'undated' and the like."""
    found = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", text.strip())
    if not found:
        return None
    try:
        return dt.date(int(found[1]), int(found[2] or 1), int(found[3] or 1))
    except ValueError:
        return None


def _months_before(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return dt.date(year, month + 1, min(day.day, 28))


def answer_file(root: Path, answer: Answer) -> str:
    """The file an answer lives in, as messages show it."""
    return _show(Path(root) / answer.lang / f"{answer.medicine}.toml")


def free_words(content: Content) -> frozenset:
    """The words of the medicines' own names, which a patient knows and a score should not count."""
    return frozenset(w.lower() for m in content.medicines.values()
                     for name in (m.brand, m.substance, *m.names) for w in words(name))


def _hard_to_read(text: str, lang: str, where: str, settings: Settings, free: frozenset) -> list[str]:
    found = measure(text, lang, free if settings.names_are_free else frozenset())
    problems = []
    lowest = settings.min_score(lang)
    if found.score < lowest:
        problems.append(f"{where} reads hard: {SCORE_NAMES[lang]} {found.score:.0f} (at least {lowest:g})")
    for count, sentence in found.long_sentences(settings.max_sentence_words):
        start = " ".join(sentence.split()[:6])
        problems.append(f"{where} has a sentence of {count} words (at most "
                        f"{settings.max_sentence_words}): \"{start} ...\"")
    return problems


def readability(answer: Answer, settings: Settings, free: frozenset = frozenset()) -> list[str]:
    """What makes an answer hard to read: a low score, sentences over the limit."""
    return _hard_to_read(answer.text, answer.lang, f"[{answer.topic}]", settings, free)


def lead(answer: Answer, settings: Settings, free: frozenset = frozenset()) -> list[str]:
    """What is wrong with an answer's lead, the short answer shown first: missing, too long, hard to read."""
    if not answer.lead:
        return [f"[{answer.topic}] has no lead: add `lead = \"\"\"...\"\"\"` after the title, at most "
                f"{settings.max_lead_words} words that answer the question directly"]
    problems = []
    count = len(words(answer.lead))
    if count > settings.max_lead_words:
        problems.append(f"[{answer.topic}] lead has {count} words (at most {settings.max_lead_words})")
    return problems + _hard_to_read(answer.lead, answer.lang, f"[{answer.topic}] lead", settings, free)


def structure(answer: Answer, settings: Settings) -> list[str]:
    """Whether a risks answer has its headings, alarm signs first, each a line of its own and in order."""
    if answer.topic != "risks":
        return []
    headings = settings.risks_headings(answer.lang)
    lines = [line.strip() for line in answer.text.splitlines()]
    found = [line for line in lines if line in headings]
    if found == list(headings):
        return []
    shown = ", ".join(f'"{h}"' for h in headings)
    return [f"[risks] needs the headings {shown}, in this order, each a line of its own"]


def freshness(answer: Answer, settings: Settings, today: dt.date) -> list[str]:
    """Why an answer's review is out of date: too long ago, before its source's date, or in the future."""
    if answer.reviewed is None:
        return []
    problems = []
    if answer.reviewed > today:
        problems.append(f"[{answer.topic}] reviewed {answer.reviewed} is in the future")
    elif answer.reviewed < _months_before(today, settings.max_review_age_months):
        problems.append(f"[{answer.topic}] reviewed {answer.reviewed}, more than "
                        f"{settings.max_review_age_months} months ago: check it against its sources again")
    sources = {c.source.id: c.source for c in answer.citations}
    for source in sources.values():
        day = source_day(source.date)
        if day and answer.reviewed < day:
            problems.append(f"[{answer.topic}] reviewed {answer.reviewed}, before its source "
                            f"'{source.id}' ({source.date}): check it against the new version")
    return problems


def check(content: Content, root: Path | str, settings: Settings | None = None,
          today: dt.date | None = None) -> list[Finding]:
    """Every finding on the served answers of `content`, loaded from `root`, in file order."""
    root = Path(root)
    settings = settings or load_settings(root)
    today = today or dt.date.today()
    free = free_words(content)
    findings = []
    order = {m: i for i, m in enumerate([*content.medicines, GENERAL, URGENT])}
    for answer in sorted(content.answers.values(), key=lambda a: (LANGS.index(a.lang), order[a.medicine])):
        if answer.draft:
            continue
        file = answer_file(root, answer)
        if answer.medicine != URGENT:   # an urgent text is short and shown whole, first
            findings += [Finding(file, p, "lead") for p in lead(answer, settings, free)]
        findings += [Finding(file, p, "readability") for p in readability(answer, settings, free)]
        findings += [Finding(file, p, "structure") for p in structure(answer, settings)]
        findings += [Finding(file, p, "freshness") for p in freshness(answer, settings, today)]
    return findings
