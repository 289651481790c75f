"""Understanding side by side: what each reader makes of the single questions of our unseen topic sets, all
trained on the same labelled questions (content/<lang>/questions/, training and validation parts).

- words + n-grams, logistic regression, fall-back at 0.3 (the way Rasa's default pipeline reads intents);
- BM25 retrieval of the nearest example question (the way QnA Maker finds an answer);
- fuzzy nearest example question (rapidfuzz token_set_ratio);
- the meaning reader alone (bot/understanding.py: sentence embedding + letter groups);
- the engine (`bot.ask`): words and meaning together, with the medicine read from its name.

A case's expected label comes from its kind and topic: a topic (or compare) for an answer, "other" for a topic our
sources leave out, or personal / smalltalk / out_of_scope. Cases with earlier turns and unknown medicines are left
out (they test the conversation and the names, not the reading). Also prints the time per question of each reader.

Run: .venv/bin/python bench/understanding.py [SET.jsonl ...]   (default: tests/data/topics_holdout*.jsonl; asserts
nothing)
"""
from __future__ import annotations

import json
import math
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot import examples, meaning, understanding  # noqa: E402
from bot.content import TOPICS, UNSUPPORTED_TOPICS, content_root  # noqa: E402
from bot.text import fold, plain  # noqa: E402

FALLBACK = 0.3
OTHER = "other"


def expected_labels(case: dict) -> set | None:
    """The labels a single question may get, or None when the case is not about reading a question."""
    if case["turns"] or "unknown_medicine" in case["kind"]:
        return None
    topics = case["topic"] if isinstance(case["topic"], list) else [case["topic"]]
    out = set()
    for kind in case["kind"]:
        if kind in ("personal", "smalltalk", "out_of_scope"):
            out.add(kind)
        elif kind in ("answer", "not_covered"):
            for topic in topics:
                if topic in TOPICS or topic == "compare":
                    out.add(topic)
                elif topic == "*" or topic in UNSUPPORTED_TOPICS:
                    out.add(OTHER)
    return out or None


def label_of_reply(reply) -> str:
    if reply.kind in ("answer", "not_covered") and reply.topic:
        return OTHER if reply.topic in UNSUPPORTED_TOPICS else reply.topic
    if reply.kind == "not_covered":
        return OTHER
    return reply.kind


def shown(label: str) -> str:
    return OTHER if label in UNSUPPORTED_TOPICS else label


class Rasa:
    def __init__(self, texts, labels):
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import make_pipeline, make_union
        self.model = make_pipeline(
            make_union(TfidfVectorizer(analyzer="word", ngram_range=(1, 2)),
                       TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 4))),
            LogisticRegression(C=10, max_iter=3000))
        self.model.fit([fold(t) for t in texts], labels)

    def __call__(self, text):
        p = self.model.predict_proba([fold(text)])[0]
        best = p.argmax()
        return self.model.classes_[best] if p[best] >= FALLBACK else "out_of_scope"


class BM25:
    def __init__(self, texts, labels, k1=1.5, b=0.75):
        self.docs = [fold(t).split() for t in texts]
        self.labels = labels
        self.k1, self.b = k1, b
        self.avg = sum(map(len, self.docs)) / len(self.docs)
        df = Counter(w for d in self.docs for w in set(d))
        n = len(self.docs)
        self.idf = {w: math.log(1 + (n - f + 0.5) / (f + 0.5)) for w, f in df.items()}
        self.tf = [Counter(d) for d in self.docs]

    def __call__(self, text):
        words = fold(text).split()
        best, best_score = "out_of_scope", 0.0
        for doc, tf, label in zip(self.docs, self.tf, self.labels):
            score = 0.0
            for w in words:
                f = tf.get(w)
                if f:
                    score += self.idf[w] * f * (self.k1 + 1) / (f + self.k1 * (1 - self.b + self.b * len(doc) / self.avg))
            if score > best_score:
                best, best_score = label, score
        return best


class Fuzzy:
    def __init__(self, texts, labels):
        self.texts = [fold(t) for t in texts]
        self.labels = labels

    def __call__(self, text):
        from rapidfuzz import fuzz, process
        found = process.extractOne(fold(text), self.texts, scorer=fuzz.token_set_ratio)
        return self.labels[found[2]] if found else "out_of_scope"


class Meaning:
    def __init__(self):
        self.reader = understanding.Reader(content_root())

    def __call__(self, text):
        t = plain(text)
        sense = self.reader.read(t, fold(t))
        return sense.label if sense else "out_of_scope"


class Engine:
    def __call__(self, text):
        from bot import ask
        return label_of_reply(ask(text))


def main(paths):
    items = [e for e in examples.QUESTIONS.load(content_root()) if e.split != "test"]
    texts, labels = [e.text for e in items], [e.category for e in items]
    readers = {"words+n-grams LR (Rasa-like)": Rasa(texts, labels), "BM25 nearest (QnA-Maker-like)": BM25(texts, labels),
               "fuzzy nearest question": Fuzzy(texts, labels), "meaning reader alone": Meaning(),
               "engine (words + meaning)": Engine()}
    for path in paths:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
        cases = [(c["q"], expected_labels(c)) for c in map(json.loads, filter(str.strip, lines))]
        cases = [(q, want) for q, want in cases if want]
        print(f"\n{Path(path).name}: {len(cases)} single questions")
        print(f"  {'reader':32} {'right':>12} {'ms median':>10} {'ms p99':>8}")
        for name, read in readers.items():
            right, times = 0, []
            for q, want in cases:
                meaning.embed.cache_clear()   # each reader embeds the question itself, as a fresh question
                t = time.perf_counter()
                got = shown(read(q))
                times.append((time.perf_counter() - t) * 1000)
                right += got in want
            times.sort()
            print(f"  {name:32} {right:>4}/{len(cases)} {right / len(cases):6.1%} {statistics.median(times):10.2f} "
                  f"{times[int(0.99 * (len(times) - 1))]:8.2f}")


if __name__ == "__main__":
    main(sys.argv[1:] or sorted(str(p) for p in (ROOT / "tests" / "data").glob("topics_holdout*.jsonl")
                                if not p.name.endswith(".txt")))
