"""Triage by meaning: how urgent a message is (112 now, 113, a doctor today, or none), read from its sentence
embedding and its letter groups and words by a classifier trained on the example files, with the rules of
`bot.safety` as a floor. See bot/training.py for how the model is made and docs/curating.md for how to extend it."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from . import classifier, examples, meaning, safety
from .classifier import ModelError  # noqa: F401  (part of this module's interface)

MODEL_FILE = "triage-model.npz"   # numpy arrays in a zip, written by `bot train`


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
        t, d = self.model.thresholds, self.model.doubt
        emergency = rules.kind == "emergency" or p["emergency"] >= t["emergency"]
        crisis = rules.kind == "crisis" or rules.crisis_too or p["crisis"] >= t["crisis"]
        if emergency:
            return Triage("emergency", crisis_too=crisis)
        if crisis:
            return Triage("crisis")
        doubt = ("emergency" if p["emergency"] >= d["emergency"]
                 else "crisis" if p["crisis"] >= d["crisis"] else None)
        if p["urgent"] >= t["urgent"]:
            return Triage("urgent", category=self.model.category("urgent", vector, folded), doubt=doubt, alarm=rules.alarm)
        return Triage(None, doubt=doubt, alarm=rules.alarm or doubt == "emergency")
