"""Triage by meaning: how urgent a message is (112 now, 113, a doctor today, or none), read from its sentence
embedding and its letter groups and words by a classifier trained on the example files, with the rules of
`bot.safety` as a floor. See bot/training.py for how the model is made and docs/curating.md for how to extend it."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from . import classifier, examples, meaning, safety
from .text import fold
from .classifier import ModelError  # noqa: F401  (part of this module's interface)

MODEL_FILE = "triage-model.npz"   # numpy arrays in a zip, written by `bot train`
# The crisis threshold is set low for recall, so a question about stopping, halving or counting one's own tablets can
# cross it. Below this probability, a crisis that only the classifier saw gives way to the band of doubt (the 113 line
# first, then the answer) when the message is about one of our medicines (named, or the conversation's) and the
# question reader is sure it is an ordinary question (bot/dialogue.py). On the safety holdouts no real crisis had a name, a sure question reading and
# a probability below this; the calm dose and stopping questions that reached 113 had.
FIRM_CRISIS = 0.45
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+|\n+")
MIN_WORDS, MIN_PARTS, MAX_PARTS = 5, 2, 4   # two sentences of five words or more: signs, then a question
SURE_SENTENCE = 0.6   # read alone, a sentence is an emergency from this likely up


@dataclass(frozen=True)
class Triage:
    """What triage found. `level` is emergency / crisis / urgent / None; `category` the nearest example category
    of an urgent level (which leaflet text to show); `doubt` a level the message comes close to without reaching
    it (the reply then opens with its 112 or 113 line and keeps its kind); `crisis_too` when an emergency also
    reads as a crisis; `alarm` when a general question touches red-flag symptoms."""
    level: str | None
    category: str | None = None
    doubt: str | None = None
    crisis_too: bool = False
    alarm: bool = False
    firm: bool = True      # False for a crisis only the classifier saw, below FIRM_CRISIS

    def as_doubt(self) -> "Triage":
        """A crisis that is not firm, read as doubt: the reply opens with the 113 line and answers the question."""
        return Triage(None, doubt="crisis", alarm=self.alarm) if self.level == "crisis" and not self.firm else self


class Model(classifier.Model):
    """The triage model: a level's probability is the sum over its categories."""

    def __init__(self, meta: dict, arrays):
        super().__init__(meta, arrays)
        self.thresholds = meta["thresholds"]
        self.doubt = meta["doubt"]
        levels = [c.split(":")[0] for c in self.classes]
        self.sum_levels = np.array([[lvl == level for lvl in levels] for level in examples.LEVELS], dtype=np.float32)

    @classmethod
    def load(cls, content_root: Path) -> "Model":
        return super().load(Path(content_root) / MODEL_FILE, examples.TRIAGE, content_root)

    def probabilities(self, vector: np.ndarray, folded: str) -> dict[str, float]:
        """The probability of each level."""
        return dict(zip(examples.LEVELS, (self.sum_levels @ self.class_probabilities(vector, folded)).tolist()))

    def category(self, level: str, vector: np.ndarray, folded: str) -> str:
        """The most likely category of a level."""
        p = self.class_probabilities(vector, folded)
        best = max((i for i, c in enumerate(self.classes) if c.startswith(level + ":")), key=lambda i: p[i])
        return self.classes[best].split(":", 1)[1]


def _sentences(plain: str) -> list[str]:
    """The sentences of a message of several, each of at least MIN_WORDS words (at most MAX_PARTS, longest first);
    [] for one sentence. Read alone, a sentence loses its context, so it counts only when it is sure
    (SURE_SENTENCE), and the examples teach that a parent telling how bad a child's eczema is, is calm."""
    parts = [p.strip() for p in _SENTENCE_END.split(plain) if len(p.split()) >= MIN_WORDS]
    if len(parts) < MIN_PARTS:
        return []
    return sorted(parts, key=len, reverse=True)[:MAX_PARTS]


class Triager:
    """Reads the urgency of messages for one content folder."""

    def __init__(self, content_root: Path):
        self.model = Model.load(content_root)
        meaning.load()

    def triage(self, plain: str, folded: str) -> Triage:
        """`plain` is `text.plain(raw)`, `folded` is `text.fold(plain)`."""
        rules = safety.check(f" {folded} ", plain)
        if not folded:
            return Triage(rules.kind, alarm=rules.alarm)
        vector = meaning.embed(plain)
        p = self.model.probabilities(vector, folded)
        for part in _sentences(plain):   # signs of an emergency before a question, or in a story, read on their own
            if self.model.probabilities(meaning.embed(part), fold(part))["emergency"] >= SURE_SENTENCE:
                p["emergency"] = 1.0
        t, d = self.model.thresholds, self.model.doubt
        emergency = rules.kind == "emergency" or p["emergency"] >= t["emergency"]
        ruled_crisis = rules.kind == "crisis" or rules.crisis_too
        crisis = ruled_crisis or p["crisis"] >= t["crisis"]
        if emergency:
            return Triage("emergency", crisis_too=crisis)
        if crisis:
            return Triage("crisis", firm=ruled_crisis or p["crisis"] >= FIRM_CRISIS)
        doubt = ("emergency" if p["emergency"] >= d["emergency"]
                 else "crisis" if p["crisis"] >= d["crisis"] else None)
        if p["urgent"] >= t["urgent"]:
            return Triage("urgent", category=self.model.category("urgent", vector, folded), doubt=doubt, alarm=rules.alarm)
        return Triage(None, doubt=doubt, alarm=rules.alarm or doubt == "emergency")
