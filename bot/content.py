"""Loads and validates the curated content: sources, medicines, answers, phrases and topic words."""
from __future__ import annotations

import datetime as dt
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

LANGS = ("nl", "en")
TOPICS = (
    "about", "usage", "mechanism", "benefits", "risks", "pregnancy",
    "vaccination", "monitoring", "children", "approval", "storage",
)
REQUIRED_TOPICS = ("about", "usage", "risks")
GENERAL = "general"
GENERAL_TOPICS = ("compare", "bot", "privacy", "sources")
# What the leaflets say needs a doctor today, one text per kind of urgent message (see bot/examples.py).
URGENT = "urgent"
URGENT_TOPICS = ("accidental_overdose", "child_swallowed", "infection", "clot_leg", "eye", "jaundice", "pregnant", "allergic_skin")
# Topics patients ask about that no source of ours covers: recognised so the bot can say so.
UNSUPPORTED_TOPICS = ("travel", "alcohol", "sport", "driving", "food", "interactions", "cost", "surgery",
                      "missed_dose")
# An unsupported topic whose question another answer does answer in part: travel -> how to store it, introduced
# by the topic's pointer (phrases.toml); without a pointer the plain "no information" reply.
POINTS_TO = {"travel": "storage"}
MEDICINE_KINDS = ("biologic", "jak", "gene_therapy")
PHRASE_KEYS = (
    "framing", "first_reply", "emergency", "crisis", "emergency_and_crisis", "hypothetical_emergency",
    "personal", "personal_general", "unknown_medicine", "unknown_medicine_named", "not_covered",
    "clarify", "out_of_scope", "greeting", "thanks", "goodbye", "same_answer", "urgent", "emergency_again",
    "crisis_again", "crisis_doubt", "chat", "did_you_mean",
)
DEFAULT_ROOT = Path(__file__).resolve().parent.parent / "content"


def content_root() -> Path:
    """The content folder to serve: $BOT_CONTENT when set, otherwise the shipped content."""
    return Path(os.environ.get("BOT_CONTENT") or DEFAULT_ROOT)


class ContentError(Exception):
    """The content cannot be served; `problems` holds one 'file: what is wrong' line each."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Source:
    id: str
    titles: dict
    kind: str
    file: str
    date: str       # as the document states it: "2025-10", or "undated" and the like
    dates: dict     # lang -> the date as a page in that language shows it ("versiedatum onbekend")


@dataclass(frozen=True)
class Medicine:
    id: str
    brand: str
    substance: str
    kind: str
    condition: str
    names: tuple


@dataclass(frozen=True)
class Citation:
    source: Source
    section: str

    def to_dict(self, lang: str) -> dict:
        return {"id": self.source.id, "title": self.source.titles[lang], "section": self.section,
                "date": self.source.dates[lang]}


@dataclass(frozen=True)
class Answer:
    id: str
    lang: str
    medicine: str          # a medicine id, or "general"
    topic: str
    title: str
    text: str
    reviewed: dt.date | None   # None only on a draft nobody has reviewed yet
    citations: tuple
    draft: bool = False
    lead: str = ""         # the short answer shown first (at most 60 words); "" until a curator writes one


@dataclass
class Content:
    """Everything the engine serves, checked and indexed."""
    sources: dict
    medicines: dict
    answers: dict = field(default_factory=dict)      # (lang, medicine, topic) -> Answer
    phrases: dict = field(default_factory=dict)      # lang -> dict
    topic_words: dict = field(default_factory=dict)  # lang -> {topic: [(phrase, weight or None)]}
    other_medicines: tuple = ()                      # names of medicines the bot does not cover
    root: Path | None = None                         # the folder it was loaded from

    def answer(self, lang: str, medicine: str, topic: str) -> Answer | None:
        """The served (reviewed) answer for a medicine and topic, or None."""
        found = self.answers.get((lang, medicine, topic))
        return None if found is None or found.draft else found

    def topics_of(self, medicine: str, lang: str) -> list[str]:
        """The topics a medicine has a served answer on, in the standard order."""
        return [t for t in TOPICS if self.answer(lang, medicine, t)]


class _Problems(list):
    def add(self, path: Path, message: str) -> None:
        self.append(f"{_show(path)}: {message}")


def _show(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _read_toml(path: Path, problems: _Problems) -> dict | None:
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except FileNotFoundError:
        problems.add(path, "file is missing")
    except tomllib.TOMLDecodeError as e:
        problems.add(path, f"not valid TOML ({e})")
    except (OSError, UnicodeDecodeError) as e:
        problems.add(path, f"cannot be read ({e})")
    return None


def _text(table: dict, key: str, path: Path, where: str, problems: _Problems) -> str:
    value = table.get(key)
    if not isinstance(value, str) or not value.strip():
        problems.add(path, f"{where}: '{key}' must be a non-empty text")
        return ""
    return value.strip()


def _load_sources(root: Path, problems: _Problems) -> dict:
    path = root / "sources.toml"
    data = _read_toml(path, problems) or {}
    sources = {}
    for sid, table in data.items():
        if not isinstance(table, dict):
            problems.add(path, f"[{sid}] must be a table")
            continue
        titles = {lang: _text(table, f"title_{lang}", path, f"[{sid}]", problems) for lang in LANGS}
        date = _text(table, "date", path, f"[{sid}]", problems)
        # a date that is not a date ("version date unknown") is shown in the page's language: date_nl, date_en
        dates = {lang: _text(table, f"date_{lang}", path, f"[{sid}]", problems) if f"date_{lang}" in table
                 else date for lang in LANGS}
        sources[sid] = Source(sid, titles, _text(table, "kind", path, f"[{sid}]", problems),
                              _text(table, "file", path, f"[{sid}]", problems), date, dates)
    return sources


def _load_medicines(root: Path, problems: _Problems) -> dict:
    path = root / "medicines.toml"
    data = _read_toml(path, problems) or {}
    medicines = {}
    for mid, table in data.items():
        if not isinstance(table, dict):
            problems.add(path, f"[{mid}] must be a table")
            continue
        where = f"[{mid}]"
        names = table.get("names")
        if not isinstance(names, list) or not names or not all(isinstance(n, str) and n.strip() for n in names):
            problems.add(path, f"{where}: 'names' must be a list of names")
            names = []
        kind = _text(table, "kind", path, where, problems)
        if kind and kind not in MEDICINE_KINDS:
            problems.add(path, f"{where}: kind '{kind}' is not one of {', '.join(MEDICINE_KINDS)}")
        medicines[mid] = Medicine(mid, _text(table, "brand", path, where, problems),
                                  _text(table, "substance", path, where, problems), kind,
                                  _text(table, "condition", path, where, problems), tuple(names))
    return medicines


def _load_answer(path: Path, lang: str, medicine: str, topic: str, table, sources: dict,
                 problems: _Problems) -> Answer | None:
    where = f"[{topic}]"
    if not isinstance(table, dict):
        problems.add(path, f"{where} must be a table")
        return None
    unknown = set(table) - {"title", "lead", "text", "reviewed", "sources", "draft"}
    if unknown:
        problems.add(path, f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
    title = _text(table, "title", path, where, problems)
    text = _text(table, "text", path, where, problems)
    # A missing lead is a curator's warning (bot validate), not a broken file; a lead that is there must be text.
    lead = _text(table, "lead", path, where, problems) if "lead" in table else ""
    reviewed = table.get("reviewed")
    draft = table.get("draft", False)
    unreviewed_draft = reviewed is None and draft is True   # an imported draft has no review date yet
    if not unreviewed_draft and (not isinstance(reviewed, dt.date) or isinstance(reviewed, dt.datetime)):
        problems.add(path, f"{where}: 'reviewed' must be a date like 2026-11-22 (no quotes)")
        reviewed = None
    if not isinstance(draft, bool):
        problems.add(path, f"{where}: 'draft' must be true or false")
    citations = []
    cited = table.get("sources")
    if not isinstance(cited, list) or not cited:
        problems.add(path, f"{where}: 'sources' must list at least one {{ id, section }}")
        cited = []
    for item in cited:
        if not isinstance(item, dict) or not isinstance(item.get("id"), str) \
                or not isinstance(item.get("section"), str) or not item["section"].strip():
            problems.add(path, f"{where}: each source needs an 'id' and a 'section'")
        elif item["id"] not in sources:
            problems.add(path, f"{where}: source '{item['id']}' is not in sources.toml")
        else:
            citations.append(Citation(sources[item["id"]], item["section"].strip()))
    if not (title and text and (reviewed or unreviewed_draft) and citations):
        return None
    return Answer(f"{medicine}/{topic}", lang, medicine, topic, title, text, reviewed, tuple(citations),
                  bool(draft), lead)


def _load_answers(root: Path, lang: str, name: str, allowed: tuple, sources: dict,
                  problems: _Problems) -> dict:
    path = root / lang / f"{name}.toml"
    data = _read_toml(path, problems)
    if data is None:
        return {}
    if data.get("medicine") != name:
        problems.add(path, f"'medicine' must be \"{name}\" (the file's name)")
    answers = {}
    for topic, table in data.items():
        if topic == "medicine":
            continue
        if topic not in allowed:
            problems.add(path, f"[{topic}] is not a topic (one of {', '.join(allowed)})")
            continue
        answer = _load_answer(path, lang, name, topic, table, sources, problems)
        if answer:
            answers[(lang, name, topic)] = answer
    return answers


def _load_phrases(root: Path, lang: str, problems: _Problems) -> dict:
    path = root / lang / "phrases.toml"
    data = _read_toml(path, problems) or {}
    for key in PHRASE_KEYS:
        _text(data, key, path, "top level", problems)
    for group, keys in (("questions", TOPICS + ("compare",)), ("topic_names", TOPICS + UNSUPPORTED_TOPICS + ("other",)),
                        ("kinds", MEDICINE_KINDS)):
        table = data.get(group)
        if not isinstance(table, dict):
            problems.add(path, f"[{group}] is missing")
            continue
        for key in keys:
            _text(table, key, path, f"[{group}]", problems)
    # [pointers]: for a topic the sources leave out, where to look instead of the plain "no information" reply;
    # a text, or a table with a text per medicine kind (a kind without one gets the plain reply)
    pointers = data.setdefault("pointers", {})
    if not isinstance(pointers, dict):
        problems.add(path, "[pointers] must be a table")
        data["pointers"] = pointers = {}
    for key, value in pointers.items():
        if key not in UNSUPPORTED_TOPICS:
            problems.add(path, f"[pointers]: '{key}' is not a topic the sources leave out "
                         f"(one of {', '.join(UNSUPPORTED_TOPICS)})")
        elif isinstance(value, dict):
            for kind in value:
                if kind not in MEDICINE_KINDS:
                    problems.add(path, f"[pointers.{key}]: '{kind}' is not a medicine kind "
                                 f"(one of {', '.join(MEDICINE_KINDS)})")
                _text(value, kind, path, f"[pointers.{key}]", problems)
        else:
            _text(pointers, key, path, "[pointers]", problems)
    suggestions = data.get("suggestions")
    if not isinstance(suggestions, list) or len(suggestions) < 2 or not all(isinstance(s, str) for s in suggestions):
        problems.add(path, "'suggestions' must list at least two questions")
    return data


def _load_topic_words(root: Path, lang: str, problems: _Problems) -> dict:
    path = root / lang / "topics.toml"
    data = _read_toml(path, problems) or {}
    known = TOPICS + ("compare",) + UNSUPPORTED_TOPICS
    words = {}
    for topic, table in data.items():
        if topic not in known:
            problems.add(path, f"[{topic}] is not a topic (one of {', '.join(known)})")
            continue
        phrases = table.get("words") if isinstance(table, dict) else None
        if not isinstance(phrases, list) or not all(isinstance(p, str) and p.strip() for p in phrases):
            problems.add(path, f"[{topic}]: 'words' must be a list of words or phrases")
            continue
        weighted = []
        for phrase in phrases:
            text, _, weight = phrase.partition("=")
            try:
                weighted.append((text.strip().lower(), float(weight) if weight else None))
            except ValueError:
                problems.add(path, f"[{topic}]: '{phrase}': the weight after '=' must be a number")
        words[topic] = weighted
    for topic in TOPICS:
        if topic not in words:
            problems.add(path, f"[{topic}] is missing: the bot could not recognise questions on it")
    return words


def _load_other_medicines(root: Path, medicines: dict, problems: _Problems) -> tuple:
    path = root / "other_medicines.toml"
    names = (_read_toml(path, problems) or {}).get("names")
    if not isinstance(names, list) or not all(isinstance(n, str) and n.strip() for n in names):
        problems.add(path, "'names' must be a list of medicine names")
        return ()
    ours = {n.lower() for m in medicines.values() for n in m.names}
    for name in names:
        if name.lower() in ours:
            problems.add(path, f"'{name}' is a covered medicine; it cannot also be unknown")
    return tuple(dict.fromkeys(n.strip().lower() for n in names))


def _check_complete(root: Path, content: Content, problems: _Problems) -> None:
    for mid in content.medicines:
        for lang in LANGS:
            path = root / lang / f"{mid}.toml"
            for topic in REQUIRED_TOPICS:
                if content.answer(lang, mid, topic) is None and (lang, mid, topic) not in content.answers:
                    problems.add(path, f"[{topic}] is required for every medicine")
    for name in list(content.medicines) + [GENERAL, URGENT]:
        topics = {lang: {t for (lg, m, t) in content.answers if lg == lang and m == name} for lang in LANGS}
        for lang, other in (("nl", "en"), ("en", "nl")):
            for topic in sorted(topics[lang] - topics[other]):
                problems.add(root / other / f"{name}.toml", f"[{topic}] is missing (it exists in {lang}/{name}.toml)")
    for lang in LANGS:
        for name, topics in ((GENERAL, GENERAL_TOPICS), (URGENT, URGENT_TOPICS)):
            for topic in topics:
                if (lang, name, topic) not in content.answers:
                    problems.add(root / lang / f"{name}.toml", f"[{topic}] is required")
    for lang in LANGS:
        for path in sorted((root / lang).glob("*.toml")):
            if path.stem not in content.medicines and path.stem not in (GENERAL, URGENT, "phrases", "topics"):
                problems.add(path, "no medicine with this id in medicines.toml")


def load(root: Path | str | None = None) -> Content:
    """Load every content file under `root` (default: `content_root()`); raise ContentError listing every problem."""
    root = Path(root) if root is not None else content_root()
    problems = _Problems()
    sources = _load_sources(root, problems)
    medicines = _load_medicines(root, problems)
    content = Content(sources, medicines, other_medicines=_load_other_medicines(root, medicines, problems),
                      root=root)
    for lang in LANGS:
        for mid in medicines:
            content.answers.update(_load_answers(root, lang, mid, TOPICS, sources, problems))
        content.answers.update(_load_answers(root, lang, GENERAL, GENERAL_TOPICS, sources, problems))
        content.answers.update(_load_answers(root, lang, URGENT, URGENT_TOPICS, sources, problems))
        content.phrases[lang] = _load_phrases(root, lang, problems)
        content.topic_words[lang] = _load_topic_words(root, lang, problems)
    _check_complete(root, content, problems)
    if problems:
        raise ContentError(list(problems))
    return content
