"""`bot train`: the triage and question models, rebuilt from the example files, the same every time for the same
files.

Each classifier is a multinomial logistic regression (scikit-learn) over the sentence embedding and the tf-idf of
the message's letter groups and words (`classifier.grams`). The triage model learns each category
(emergency:airway, calm:idiom, ...) as a class of its own, and a level's probability is the sum over its
categories: an idiom and a goodbye are far apart in meaning, and one line per category separates them better than
one line per level. Thresholds are chosen for recall on out-of-fold probabilities of the training and validation
parts (5-fold cross-validation); the final model is fitted on those two parts; the test part, never seen in
training, gives the figures printed at the end. The question model learns
each label (a topic, compare, personal, smalltalk, out_of_scope); its cross-validated probabilities fix the
confidence from which the engine lets meaning overrule the words (see bot/understanding.py)."""
from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np

from . import classifier, examples, meaning, safety, triage, understanding
from .text import fold

TARGET_RECALL = {"emergency": 0.97, "crisis": 0.97, "urgent": 0.90}   # of each level's validation examples
DOUBT_RECALL = {"emergency": 0.995, "crisis": 0.995}                    # the band that opens with 112/113
C = 30.0
CONFIDENT_PRECISION = 0.93   # of the question model: above its confidence, meaning may overrule the words
FOLDS = 5
CACHE = Path(".cache") / "bot-train"


def _embeddings(texts: list[str]) -> np.ndarray:
    """Sentence vectors of the examples, kept in a local cache (not in git) so retraining after adding a few
    examples takes seconds."""
    key = hashlib.sha256(meaning.NAME.encode()).hexdigest()[:12]
    path = CACHE / f"embeddings-{key}.npz"
    cached = {}
    if path.is_file():
        with np.load(path) as data:
            cached = dict(zip(data["texts"].tolist(), data["vectors"]))
    missing = [t for t in dict.fromkeys(texts) if t not in cached]
    if missing:
        cached.update(zip(missing, meaning.embed_many(missing)))
        CACHE.mkdir(parents=True, exist_ok=True)
        keys = sorted(cached)
        np.savez_compressed(path, texts=np.array(keys), vectors=np.stack([cached[k] for k in keys]))
    return np.stack([cached[t] for t in texts])


def _fit(vectors, lexical, labels):
    from scipy.sparse import csr_matrix, hstack
    from sklearn.linear_model import LogisticRegression
    model = LogisticRegression(C=C, max_iter=3000, random_state=0)
    model.fit(hstack([csr_matrix(vectors), lexical]).tocsr(), labels)
    return model


def _vectorizer():
    from sklearn.feature_extraction.text import TfidfVectorizer
    return TfidfVectorizer(analyzer=classifier.grams, min_df=2, sublinear_tf=True, dtype=np.float32)


def _class_probabilities(model, vectorizer, vectors, folded):
    from scipy.sparse import csr_matrix, hstack
    return model.predict_proba(hstack([csr_matrix(vectors), vectorizer.transform(folded)]).tocsr())


def _probabilities(model, vectorizer, vectors, folded):
    """Probabilities per level (columns in the order of examples.LEVELS): the sum over the level's categories."""
    p = _class_probabilities(model, vectorizer, vectors, folded)
    out = np.zeros((len(p), len(examples.LEVELS)))
    for j, label in enumerate(model.classes_):
        out[:, examples.LEVELS.index(label.split(":")[0])] += p[:, j]
    return out


def _threshold(scores: np.ndarray, recall: float) -> float:
    """The highest threshold that keeps `recall` of these scores at or above it."""
    ranked = np.sort(scores)[::-1]
    return float(ranked[max(0, int(np.ceil(recall * len(ranked))) - 1)]) if len(ranked) else 0.5


def _out_of_fold(vectors, folded, labels, probabilities, width, strata) -> np.ndarray:
    """`probabilities(model, vectorizer, vectors, folded)` of every example, from a model that never saw it."""
    from sklearn.model_selection import StratifiedKFold
    out = np.zeros((len(labels), width))
    for train, held in StratifiedKFold(FOLDS, shuffle=True, random_state=0).split(vectors, strata):
        model, vectorizer = _fit_all(vectors[train], [folded[i] for i in train], labels[train])
        out[held] = probabilities(model, vectorizer, vectors[held], [folded[i] for i in held])
    return out


def _fit_all(vectors, folded, labels):
    vectorizer = _vectorizer()
    return _fit(vectors, vectorizer.fit_transform(folded), labels), vectorizer


def _write(path: Path, meta: dict, model, vectorizer) -> None:
    dims = meaning.DIMENSIONS
    grams = sorted(vectorizer.vocabulary_, key=vectorizer.vocabulary_.get)
    classifier.save(path, {"encoder": meaning.NAME, "classes": list(model.classes_), **meta},
                    meaning=model.coef_[:, :dims], intercept=model.intercept_, lexical=model.coef_[:, dims:].T,
                    idf=vectorizer.idf_, grams=grams)


def _corpus(root: Path, corpus, say):
    """The examples of a corpus, their plain and folded texts, their vectors and which are for learning."""
    items = corpus.load(root)
    plains = [e.text for e in items]
    say(f"{corpus.folder}: {len(items)} examples; embedding them with {meaning.NAME} ...")
    learn = np.array([e.split != "test" for e in items])
    return items, plains, [fold(t) for t in plains], _embeddings(plains), learn


def _decisions(p: np.ndarray, rules: list, thresholds: dict, levels: list) -> list:
    """The level each message gets, as `triage.Triager` decides it."""
    col = {lvl: levels.index(lvl) for lvl in levels}
    out = []
    for row, rule in zip(p, rules):
        if rule == "emergency" or row[col["emergency"]] >= thresholds["emergency"]:
            out.append("emergency")
        elif rule == "crisis" or row[col["crisis"]] >= thresholds["crisis"]:
            out.append("crisis")
        elif row[col["urgent"]] >= thresholds["urgent"]:
            out.append("urgent")
        else:
            out.append("calm")
    return out


def figures(items: list, decided: list) -> list[str]:
    """Recall per level and category, and what calm messages were raised to, as lines to print."""
    lines = []
    for level in examples.LEVELS:
        mine = [(e, d) for e, d in zip(items, decided) if e.level == level]
        if not mine:
            continue
        if level == "calm":
            raised = sum(d != "calm" for _, d in mine)
            alarms = sum(d in ("emergency", "crisis") for _, d in mine)
            lines.append(f"calm: {len(mine)}; raised to 112/113 {alarms} ({alarms / len(mine):.1%}), "
                         f"to urgent {raised - alarms} ({(raised - alarms) / len(mine):.1%})")
        else:
            caught = sum(d == level or (level == "urgent" and d in ("emergency", "crisis")) for _, d in mine)
            lines.append(f"{level}: {caught}/{len(mine)} caught ({caught / len(mine):.1%})")
        for category in examples.CATEGORIES[level]:
            cat = [(e, d) for e, d in mine if e.category == category]
            if not cat:
                continue
            if level == "calm":
                off = sum(d != "calm" for _, d in cat)
                lines.append(f"  {category}: {off}/{len(cat)} raised")
            else:
                missed = sum(d != level and not (level == "urgent" and d in ("emergency", "crisis")) for _, d in cat)
                lines.append(f"  {category}: {len(cat) - missed}/{len(cat)}")
    return lines


def train(root: Path, say=print) -> list[Path]:
    """Train both models on the example files under `root` (a content folder) and write them there; nothing is
    written when either corpus has a problem."""
    for corpus in (examples.TRIAGE, examples.QUESTIONS):
        corpus.load(Path(root))
    return [train_triage(Path(root), say), train_questions(Path(root), say)]


def train_triage(root: Path, say=print) -> Path:
    """The triage model, written to `root/triage-model.npz`."""
    items, plains, folded, vectors, learn = _corpus(root, examples.TRIAGE, say)
    levels = list(examples.LEVELS)
    labels = np.array([f"{e.level}:{e.category}" for e in items])
    level_of = np.array([e.level for e in items])
    rules = [safety.check(f" {f} ", t).kind for f, t in zip(folded, plains)]
    index = np.flatnonzero(learn)

    say(f"choosing thresholds by {FOLDS}-fold cross-validation on {len(index)} training and validation examples ...")
    oof = _out_of_fold(vectors[index], [folded[i] for i in index], labels[index], _probabilities, len(levels),
                       level_of[index])
    thresholds, doubt = {}, {}
    for level, recall in TARGET_RECALL.items():
        mine = oof[level_of[index] == level, levels.index(level)]
        thresholds[level] = min(0.5, _threshold(mine, recall))
    for level, recall in DOUBT_RECALL.items():
        mine = oof[level_of[index] == level, levels.index(level)]
        doubt[level] = min(thresholds[level], _threshold(mine, recall))
    decided = _decisions(oof, [rules[i] for i in index], thresholds, levels)
    say("cross-validated, training and validation parts:")
    for line in figures([items[i] for i in index], decided):
        say("  " + line)

    model, vectorizer = _fit_all(vectors[index], [folded[i] for i in index], labels[index])
    meta = {"corpus": examples.TRIAGE.fingerprint(root),
            "thresholds": {k: round(v, 6) for k, v in thresholds.items()},
            "doubt": {k: round(v, 6) for k, v in doubt.items()}}
    path = root / triage.MODEL_FILE
    _write(path, meta, model, vectorizer)

    test = np.flatnonzero(~learn)
    if len(test):
        p = _probabilities(model, vectorizer, vectors[test], [folded[i] for i in test])
        decided = _decisions(p, [rules[i] for i in test], thresholds, levels)
        say(f"test part ({len(test)} examples never trained on):")
        for line in figures([items[i] for i in test], decided):
            say("  " + line)
    say(f"thresholds {meta['thresholds']}, doubt {meta['doubt']}; wrote {path}")
    return path


def _accuracy_lines(labels, p, classes, confident: float) -> list[str]:
    """Accuracy of the most likely label, overall and per label, and how often the model is sure enough."""
    best = p.argmax(axis=1)
    right = np.array([classes[b] == label for b, label in zip(best, labels)])
    sure = p.max(axis=1) >= confident
    lines = [f"accuracy {right.mean():.1%}; sure (p >= {confident:.2f}) on {sure.mean():.1%}, "
             f"of which right {right[sure].mean() if sure.any() else 0:.1%}"]
    for label in classes:
        mine = np.array([lab == label for lab in labels])
        if mine.any():
            lines.append(f"  {label.split(':', 1)[1]}: {right[mine].sum()}/{mine.sum()}")
    return lines


def train_questions(root: Path, say=print) -> Path:
    """The question model, written to `root/questions-model.npz`."""
    items, _, folded, vectors, learn = _corpus(root, examples.QUESTIONS, say)
    labels = np.array([f"{e.level}:{e.category}" for e in items])
    index = np.flatnonzero(learn)
    say(f"choosing the confidence by {FOLDS}-fold cross-validation on {len(index)} examples ...")
    classes = sorted(set(labels[index]))
    oof = _out_of_fold(vectors[index], [folded[i] for i in index], labels[index], _class_probabilities,
                       len(classes), labels[index])
    # The lowest probability from which the most likely label is right at least CONFIDENT_PRECISION of the time.
    top, right = oof.max(axis=1), np.array([classes[b] == lab for b, lab in zip(oof.argmax(axis=1), labels[index])])
    order = np.argsort(-top, kind="stable")
    precision = np.cumsum(right[order]) / np.arange(1, len(order) + 1)
    reached = np.flatnonzero(precision >= CONFIDENT_PRECISION)
    confident = float(top[order][reached[-1]]) if len(reached) else 1.0
    say("cross-validated, training and validation parts:")
    for line in _accuracy_lines(labels[index], oof, classes, confident):
        say("  " + line)
    model, vectorizer = _fit_all(vectors[index], [folded[i] for i in index], labels[index])
    path = root / understanding.MODEL_FILE
    _write(path, {"corpus": examples.QUESTIONS.fingerprint(root), "confident": round(confident, 6)},
           model, vectorizer)
    test = np.flatnonzero(~learn)
    if len(test):
        p = _class_probabilities(model, vectorizer, vectors[test], [folded[i] for i in test])
        say(f"test part ({len(test)} examples never trained on):")
        for line in _accuracy_lines(labels[test], p, list(model.classes_), confident):
            say("  " + line)
    say(f"confident from p >= {confident:.3f}; wrote {path}")
    return path
