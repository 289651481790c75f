"""Triage by meaning: how urgent a message is (112 now, 113, a doctor today, or none), read from its sentence
embedding and its letter groups and words by a classifier trained on the example files, with the rules of
`bot.safety` as a floor. See bot/training.py for how the model is made and docs/curating.md for how to extend it."""
from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from . import examples, meaning, safety

MODEL_FILE = "triage-model.npz"   # numpy arrays in a zip, written by `bot train`
ALARM_LEVELS = ("emergency", "crisis", "urgent")


class ModelError(Exception):
    """The triage model is missing, broken, or was trained on another corpus or encoder."""


def grams(folded: str) -> list[str]:
    """The lexical features of a folded text: its words, pairs of words, and groups of 2 to 5 letters within a word
    (so a misspelled word still shares most of its groups with the right spelling)."""
    tokens = folded.split()
    out = [f"w:{t}" for t in tokens]
    out += [f"b:{a}_{b}" for a, b in zip(tokens, tokens[1:])]
    for t in tokens:
        padded = f" {t} "
        for n in range(2, 6):
            out += [f"c:{padded[i:i + n]}" for i in range(len(padded) - n + 1)]
    return out


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


def save(path: Path, meta: dict, **arrays) -> None:
    """Write a model: `meta` as JSON and the arrays as .npy files in one zip, with fixed dates so the same
    training gives the same bytes."""
    members = {"meta": np.array(json.dumps(meta, sort_keys=True))}
    members.update((name, np.asarray(value)) for name, value in arrays.items())
    temporary = path.with_suffix(".tmp")
    with zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, value in members.items():
            buffer = io.BytesIO()
            np.save(buffer, value, allow_pickle=False)
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, buffer.getvalue())
    temporary.replace(path)


class Model:
    """A trained triage model, as written by `bot train`: a linear classifier with one class per example
    category; a level's probability is the sum over its categories."""

    def __init__(self, meta: dict, arrays):
        self.classes = list(meta["classes"])
        self.thresholds = meta["thresholds"]
        self.doubt = meta["doubt"]
        self.meaning = arrays["meaning"].astype(np.float32)            # (classes, dimensions)
        self.intercept = arrays["intercept"].astype(np.float32)
        self.lexical = arrays["lexical"].astype(np.float32)            # (grams, classes)
        self.idf = arrays["idf"].astype(np.float32)
        self.rows = {g: i for i, g in enumerate(arrays["grams"].tolist())}
        levels = [c.split(":")[0] for c in self.classes]
        self.sum_levels = np.array([[lvl == level for lvl in levels] for level in examples.LEVELS], dtype=np.float32)
        if self.meaning.shape != (len(self.classes), meaning.DIMENSIONS) or len(self.rows) != len(self.lexical):
            raise ValueError("arrays do not fit together")

    @classmethod
    def load(cls, content_root: Path) -> "Model":
        path = Path(content_root) / MODEL_FILE
        try:
            with np.load(path, allow_pickle=False) as data:
                meta = json.loads(str(data["meta"]))
                arrays = {k: data[k] for k in ("meaning", "intercept", "lexical", "idf", "grams")}
        except (OSError, ValueError, KeyError, zipfile.BadZipFile) as e:
            raise ModelError(f"{path}: cannot read the triage model ({e}); run `bot train`") from None
        if meta.get("encoder") != meaning.NAME:
            raise ModelError(f"{path}: trained on encoder {meta.get('encoder')!r}, this engine uses "
                             f"{meaning.NAME!r}; run `bot train`")
        if meta.get("corpus") != examples.fingerprint(Path(content_root)):
            raise ModelError(f"{path}: the example files changed since the model was trained; run `bot train`")
        try:
            return cls(meta, arrays)
        except (KeyError, TypeError, ValueError) as e:
            raise ModelError(f"{path}: broken triage model ({e}); run `bot train`") from None

    def class_probabilities(self, vector: np.ndarray, folded: str) -> np.ndarray:
        scores = self.meaning @ vector + self.intercept
        counts: dict[int, int] = {}
        for g in grams(folded):
            row = self.rows.get(g)
            if row is not None:
                counts[row] = counts.get(row, 0) + 1
        if counts:
            rows = np.fromiter(counts, dtype=np.int64)
            weights = (1 + np.log(np.fromiter(counts.values(), dtype=np.float32))) * self.idf[rows]
            scores = scores + (weights / np.linalg.norm(weights)) @ self.lexical[rows]
        scores = np.exp(scores - scores.max())
        return scores / scores.sum()

    def probabilities(self, vector: np.ndarray, folded: str) -> dict[str, float]:
        """The probability of each level, and of each class (category)."""
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
