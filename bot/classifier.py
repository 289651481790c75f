"""A linear classifier over a message's sentence embedding and its letter groups and words, as `bot train` writes
it: the mechanism shared by triage (how urgent) and understanding (what about). See bot/training.py."""
from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import numpy as np

from . import meaning
from .examples import Corpus


class ModelError(Exception):
    """A model is missing, broken, or was trained on other examples or another encoder."""


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
    """A multinomial logistic regression: one class per example category (`level:category`)."""

    def __init__(self, meta: dict, arrays):
        self.meta = meta
        self.classes = list(meta["classes"])
        self.meaning = arrays["meaning"].astype(np.float32)            # (classes, dimensions)
        self.intercept = arrays["intercept"].astype(np.float32)
        self.lexical = arrays["lexical"].astype(np.float32)            # (grams, classes)
        self.idf = arrays["idf"].astype(np.float32)
        self.rows = {g: i for i, g in enumerate(arrays["grams"].tolist())}
        if self.meaning.shape != (len(self.classes), meaning.DIMENSIONS) or len(self.rows) != len(self.lexical):
            raise ValueError("arrays do not fit together")

    @classmethod
    def load(cls, path: Path, corpus: Corpus, content_root: Path):
        """The model at `path`, checked against the encoder and the example files of `corpus`."""
        try:
            with np.load(path, allow_pickle=False) as data:
                meta = json.loads(str(data["meta"]))
                arrays = {k: data[k] for k in ("meaning", "intercept", "lexical", "idf", "grams")}
        except (OSError, ValueError, KeyError, zipfile.BadZipFile) as e:
            raise ModelError(f"{path}: cannot read the {corpus.folder} model ({e}); run `bot train`") from None
        if meta.get("encoder") != meaning.NAME:
            raise ModelError(f"{path}: trained on encoder {meta.get('encoder')!r}, this engine uses "
                             f"{meaning.NAME!r}; run `bot train`")
        if meta.get("corpus") != corpus.fingerprint(Path(content_root)):
            raise ModelError(f"{path}: the {corpus.folder} example files changed since the model was trained; "
                             f"run `bot train`")
        try:
            return cls(meta, arrays)
        except (KeyError, TypeError, ValueError) as e:
            raise ModelError(f"{path}: broken {corpus.folder} model ({e}); run `bot train`") from None

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
