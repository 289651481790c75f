"""Understanding by meaning: what a question asks (a topic, a comparison, advice for oneself, small talk, or
nothing of ours), read from its sentence embedding and its letter groups and words by a classifier trained on the
example questions in `content/<lang>/questions/`. The medicine is never read this way: only from its name
(bot/match.py). How the engine weighs this against the words: bot/dialogue.py."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import classifier, examples, meaning

MODEL_FILE = "questions-model.npz"   # written by `bot train`


@dataclass(frozen=True)
class Sense:
    """The most likely labels of a question, best first, with their probabilities; `sure` when the best one
    reaches the confidence chosen in training."""
    ranked: tuple          # ((label, probability), ...)
    sure: bool

    @property
    def label(self) -> str:
        return self.ranked[0][0]

    @property
    def p(self) -> float:
        return self.ranked[0][1]

    def of(self, label: str) -> float:
        return next((p for lab, p in self.ranked if lab == label), 0.0)


class Reader:
    """Reads what questions ask, for one content folder."""

    def __init__(self, content_root: Path):
        self.model = classifier.Model.load(Path(content_root) / MODEL_FILE, examples.QUESTIONS, content_root)
        self.confident = float(self.model.meta["confident"])
        self.labels = [c.split(":", 1)[1] for c in self.model.classes]
        meaning.load()

    def read(self, plain: str, folded: str) -> Sense | None:
        """`plain` is `text.plain(raw)`, `folded` is `text.fold(plain)`; None for an empty message."""
        if not folded:
            return None
        p = self.model.class_probabilities(meaning.embed(plain), folded)
        ranked = tuple(sorted(zip(self.labels, p.tolist()), key=lambda item: -item[1]))
        return Sense(ranked, ranked[0][1] >= self.confident)
