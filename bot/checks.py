"""The curator's checks on loaded content: readability and freshness of the served answers.

Each finding prints as `file: problem`: a warning, or an error when the checks run strict. (That every cited
source is in the register is checked by the loader itself: such content never loads.)
"""
from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path

from .content import GENERAL, LANGS, Answer, Content, ContentError, _show
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

    def min_score(self, lang: str) -> float:
        """The lowest readability score an answer in `lang` may have."""
        return self.min_score_nl if lang == "nl" else self.min_score_en


@dataclass(frozen=True)
class Finding:
    """One problem with one answer."""
    file: str
    problem: str
    check: str          # readability or freshness
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
        want = {"float": (int, float), "int": (int,), "bool": (bool,)}[known[key]]
        if not isinstance(value, want) or (known[key] != "bool" and (isinstance(value, bool) or value < 0)):
            problems.append(f"{_show(path)}: '{key}' must be a {'true/false' if known[key] == 'bool' else 'number'}")
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


def readability(answer: Answer, settings: Settings, free: frozenset = frozenset()) -> list[str]:
    """What makes an answer hard to read: a low score, sentences over the limit."""
    found = measure(answer.text, answer.lang, free if settings.names_are_free else frozenset())
    problems = []
    lowest = settings.min_score(answer.lang)
    if found.score < lowest:
        problems.append(f"[{answer.topic}] reads hard: {SCORE_NAMES[answer.lang]} {found.score:.0f} "
                        f"(at least {lowest:g})")
    for count, sentence in found.long_sentences(settings.max_sentence_words):
        start = " ".join(sentence.split()[:6])
        problems.append(f"[{answer.topic}] has a sentence of {count} words (at most "
                        f"{settings.max_sentence_words}): \"{start} ...\"")
    return problems


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
    order = {m: i for i, m in enumerate([*content.medicines, GENERAL])}
    for answer in sorted(content.answers.values(), key=lambda a: (LANGS.index(a.lang), order[a.medicine])):
        if answer.draft:
            continue
        file = answer_file(root, answer)
        findings += [Finding(file, p, "readability") for p in readability(answer, settings, free)]
        findings += [Finding(file, p, "freshness") for p in freshness(answer, settings, today)]
    return findings
