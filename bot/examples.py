"""The labelled example messages the triage classifier learns from: data a nurse can read and extend.

One file per language and level, `content/<lang>/triage/<level>.txt`: one message per line, exactly as a patient
might type it, under a `[category]` heading; a line starting with `#` is a note. See docs/curating.md."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from .text import plain

LEVELS = ("emergency", "crisis", "urgent", "calm")
CATEGORIES = {
    "emergency": ("airway", "breathing", "chest", "collapse", "bleeding", "stroke", "seizure", "headache",
                  "head_injury", "child", "overdose_symptoms"),
    "crisis": ("suicidal_direct", "suicidal_indirect", "goodbye", "self_harm", "lethal_amount", "stockpiling",
               "overdose_intentional", "other_person"),
    "urgent": ("accidental_overdose", "child_swallowed", "infection", "clot_leg", "eye", "jaundice", "pregnant"),
    "calm": ("hypothetical", "past", "risk_question", "mild_symptom", "idiom", "frustration", "ordinary"),
}
LANGS = ("nl", "en")
SPLITS = ("train", "validation", "test")
_HEADING = re.compile(r"^\[([a-z_]+)\]$")


class ExamplesError(Exception):
    """The example files cannot be read; each problem names its file and line."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Example:
    text: str
    lang: str
    level: str
    category: str
    where: str   # file:line, for messages to the curator

    @property
    def split(self) -> str:
        """train (70%), validation (15%) or test (15%), fixed by the message's own text, so adding examples never
        moves the others."""
        h = int(hashlib.sha256(self.text.lower().encode()).hexdigest()[:8], 16) % 100
        return "train" if h < 70 else "validation" if h < 85 else "test"


def files(root: Path) -> list[Path]:
    return [root / lang / "triage" / f"{level}.txt" for lang in LANGS for level in LEVELS]


def load(root: Path) -> list[Example]:
    """All examples; raises ExamplesError listing every problem (unknown heading, a message before any heading, the
    same message under two levels)."""
    problems, examples, seen = [], [], {}
    for path in files(root):
        lang, level = path.parent.parent.name, path.stem
        shown = f"{lang}/triage/{path.name}"
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
                if category not in CATEGORIES[level]:
                    problems.append(f"{shown}:{number}: [{category}] is not a category of {level}; "
                                    f"use one of {', '.join(CATEGORIES[level])}")
                    category = None
                continue
            if category is None:
                problems.append(f"{shown}:{number}: a message before a valid [category] heading")
                continue
            key = line.lower()
            if key in seen:
                other = seen[key]
                if other.level != level:
                    problems.append(f"{shown}:{number}: the same message is also {other.level} at {other.where}")
                continue
            example = Example(line, lang, level, category, f"{shown}:{number}")
            seen[key] = example
            examples.append(example)
    if problems:
        raise ExamplesError(problems)
    return examples


def fingerprint(root: Path) -> str:
    """A hash of every example file, so a model can say which corpus it was trained on."""
    digest = hashlib.sha256()
    for path in files(root):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes() if path.is_file() else b"-")
    return digest.hexdigest()
