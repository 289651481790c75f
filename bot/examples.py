"""Labelled example messages the classifiers learn from: data a nurse can read and extend.

Two corpora, one folder per language each: `content/<lang>/triage/<level>.txt` (how urgent a message is) and
`content/<lang>/questions/<group>.txt` (what a question asks about). One message per line, exactly as a patient
might type it, under a `[category]` heading; a line starting with `#` is a note. See docs/curating.md."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from .content import LANGS, TOPICS, UNSUPPORTED_TOPICS, ContentError
from .text import plain

_HEADING = re.compile(r"^\[([a-z_]+)\]$")


class ExamplesError(ContentError):
    """The example files cannot be read; each problem names its file and line (`problems`)."""


@dataclass(frozen=True)
class Example:
    text: str
    lang: str
    level: str      # the file (a triage level, or a group of question labels)
    category: str   # the heading
    where: str      # file:line, for messages to the curator

    @property
    def split(self) -> str:
        """train (70%), validation (15%) or test (15%), fixed by the message's own text, so adding examples never
        moves the others."""
        h = int(hashlib.sha256(self.text.lower().encode()).hexdigest()[:8], 16) % 100
        return "train" if h < 70 else "validation" if h < 85 else "test"


@dataclass(frozen=True)
class Corpus:
    """One set of example files: `folder` under each language, one file per key of `categories` holding the
    headings allowed in it."""
    folder: str
    categories: dict

    @property
    def levels(self) -> tuple:
        return tuple(self.categories)

    def files(self, root: Path) -> list[Path]:
        return [Path(root) / lang / self.folder / f"{level}.txt" for lang in LANGS for level in self.categories]

    def load(self, root: Path) -> list[Example]:
        """All examples; raises ExamplesError listing every problem (unknown heading, a message before any
        heading, the same message under two headings)."""
        problems, found, seen = [], [], {}
        for path in self.files(root):
            lang, level = path.parent.parent.name, path.stem
            shown = f"{lang}/{self.folder}/{path.name}"
            if not path.is_file():
                problems.append(f"{shown}: file missing")
                continue
            category = None
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                line = plain(line).strip()
                if not line or line.startswith("#"):
                    continue
                heading = _HEADING.match(line)
                if heading:
                    category = heading.group(1)
                    if category not in self.categories[level]:
                        problems.append(f"{shown}:{number}: [{category}] is not a heading of {path.name}; "
                                        f"use one of {', '.join(self.categories[level])}")
                        category = None
                    continue
                if category is None:
                    problems.append(f"{shown}:{number}: a message before a valid [heading]")
                    continue
                key = line.lower()
                if key in seen:
                    other = seen[key]
                    if (other.level, other.category) != (level, category):
                        problems.append(f"{shown}:{number}: the same message is also {other.level} "
                                        f"[{other.category}] at {other.where}")
                    continue
                example = Example(line, lang, level, category, f"{shown}:{number}")
                seen[key] = example
                found.append(example)
        if problems:
            raise ExamplesError(problems)
        return found

    def fingerprint(self, root: Path) -> str:
        """A hash of every example file, so a model can say which corpus it was trained on."""
        digest = hashlib.sha256()
        for path in self.files(root):
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes() if path.is_file() else b"-")
        return digest.hexdigest()


TRIAGE = Corpus("triage", {
    "emergency": ("airway", "breathing", "chest", "collapse", "bleeding", "stroke", "seizure", "headache",
                  "head_injury", "child", "overdose_symptoms"),
    "crisis": ("suicidal_direct", "suicidal_indirect", "goodbye", "self_harm", "lethal_amount", "stockpiling",
               "overdose_intentional", "other_person"),
    "urgent": ("accidental_overdose", "child_swallowed", "infection", "clot_leg", "eye", "jaundice", "pregnant", "allergic_skin"),
    "calm": ("hypothetical", "past", "risk_question", "mild_symptom", "idiom", "frustration", "ordinary"),
})
# What a question asks: a topic of the curated answers, a topic our sources leave out (so it is never answered with
# a neighbouring topic's text), or how to take it (advice for oneself, small talk, none of our business).
QUESTIONS = Corpus("questions", {
    "topics": TOPICS + ("compare",),
    "other": UNSUPPORTED_TOPICS,
    "stance": ("personal", "smalltalk", "out_of_scope"),
})

# The triage corpus, as most callers need it.
LEVELS = TRIAGE.levels
CATEGORIES = TRIAGE.categories
files, load, fingerprint = TRIAGE.files, TRIAGE.load, TRIAGE.fingerprint
