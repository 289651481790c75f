"""Puts a reply together: triage first, then the reading of the question, then curated text by id."""
from __future__ import annotations

import dataclasses
import re

from .classifier import ModelError
from .content import (GENERAL, LANGS, POINTS_TO, TOPICS, UNSUPPORTED_TOPICS, URGENT, Content, ContentError,
                      content_root)
from .match import Matcher, Reading
from .meaning import EncoderError
from .reply import FRAMED_KINDS, Reply
from .text import fold, plain
from .triage import Triage, Triager
from .understanding import Reader, Sense
from .vocabulary import is_common_word

MAX_QUESTION = 5000          # characters read of one question; the rest is ignored
MAX_TURN = 1_000_000
_SUGGESTION_ORDER = ("about", "usage", "risks", "benefits", "mechanism", "pregnancy", "children", "monitoring",
                     "vaccination", "storage", "approval")
_NAME = re.compile(r"[^\W\d_]+")
# Where a message asks a second question: after a question mark, or at "and"/"en" followed by a question's opening
# word ("what is Cibinqo and is it safe in pregnancy"). The first question is answered, the second offered as a button.
_OPENER = (r"(?:is|are|do|does|did|can|could|should|will|would|how|what|when|where|which|who|why|mag|mogen|kan|kun|"
           r"kunnen|moet|moeten|hoe|wat|wanneer|waar|welke|wie|waarom|zijn|heeft|hebben|wordt|worden|krijg|krijgt|"
           r"geldt|zit)\b")
_SECOND_QUESTION = re.compile(rf"\?\s+(?=\S)|[,;]?\s+(?:and|en|&)\s+(?={_OPENER})", re.IGNORECASE)
_ITS_CLASS = re.compile(r"^\W*(is|was|zit|valt) (it|het|dat|die|this|that|dit)\b")   # the class of the medicine in context
_ASKS = re.compile(rf"^\W*{_OPENER}", re.IGNORECASE)   # a part that opens as a question ("mijn man ... en heeft" does not)
# When the meaning reader is sure of a label (bot/understanding.py), it fills in what the words leave open (no topic,
# or only the weak "what is"); where the words name another topic, or a medicine in what it reads as small talk or
# off topic, it overrules them from OVERRULE up. On held-out example questions where the two disagreed, the meaning
# reader was right in 153 of 178 and the words in 8, even against several topic words, so the words' strength no
# longer shields them.
OVERRULE = 0.6
CHAT = 0.8            # small talk by meaning alone ("ok cool") gets the short chat reply from this likely up,
SURE_CHAT = 0.9       # and from this likely up when most words are everyday ones ("heyy hoe gaat ie")
ASKABLE = TOPICS + ("compare",)
MAY_COMPARE = 0.25   # with no medicine named or in the conversation, this likely a comparison is answered as one
DID_YOU_MEAN = 0.15   # a topic this likely is offered as a button when neither words nor meaning are clear,
LEANS, LEANS_BY = 0.35, 0.1   # and a follow-up this likely, by this much more than the next, is answered as such
FOLLOW_UP_WORDS = 10  # a message of at most this many words, naming no medicine, may follow up on the last answer
# The question reader this sure of a general question: the words' "ik" around it does not make it personal; and in a
# message about one of our medicines (named, or the conversation's), a crisis below FIRM_CRISIS (bot/triage.py) gives
# way to the band of doubt: the 113 line first, then the answer. Advice for oneself needs more for that:
# "ik wil stoppen met rinvoq en met alles eigenlijk" reads 0.95 personal.
SURE_QUESTION, SURE_PERSONAL = 0.9, 0.97


def _context_in(context, content: Content) -> dict:
    """The conversation so far, from what the client sent back; anything odd in it is dropped."""
    ctx = {"lang": None, "medicine": None, "topic": None, "turn": 0, "unknown_medicine": False, "urgency": None}
    if not isinstance(context, dict):
        return ctx
    if context.get("lang") in LANGS:
        ctx["lang"] = context["lang"]
    if isinstance(context.get("medicine"), str) and context["medicine"] in content.medicines:
        ctx["medicine"] = context["medicine"]
    if context.get("topic") in ASKABLE:
        ctx["topic"] = context["topic"]
    ctx["unknown_medicine"] = context.get("unknown_medicine") is True
    if context.get("urgency") in ("emergency", "crisis"):
        ctx["urgency"] = context["urgency"]
    turn = context.get("turn")
    if isinstance(turn, int) and not isinstance(turn, bool) and 0 <= turn < MAX_TURN:
        ctx["turn"] = turn
    return ctx


def _shown_name(raw: str, folded_word: str) -> str | None:
    """The patient's own spelling of an unknown medicine name: one word, letters only, or None."""
    for match in _NAME.finditer(raw):
        word = match.group()
        if fold(word) == folded_word and len(word) <= 30:
            return word[0].upper() + word[1:]
    return None


def _shown_last(ctx: dict, answer) -> bool:
    """Whether the conversation's last reply showed this curated answer (its context holds ids only)."""
    if not ctx["turn"] or ctx["topic"] is None:
        return False
    owner = ctx["medicine"] if ctx["topic"] in TOPICS else GENERAL
    return f"{owner}/{ctx['topic']}" == answer.id


def _questions(raw: str) -> tuple[str, str] | None:
    """A message asking two questions, split into the first and the rest; None for one question."""
    raw = raw.strip()
    found = _SECOND_QUESTION.search(raw)
    if not found:
        return None
    first, rest = raw[:found.start()], raw[found.end():]
    if len(first.split()) < 2 or len(rest.split()) < 2:
        return None
    if "?" not in found.group() and not _ASKS.match(first):
        return None   # "and" inside a story ("mijn man gebruikt Dupixent en heeft nu rode ogen") joins no questions
    return first, rest


def _understood(reading: Reading, sense: Sense | None) -> Reading:
    """The reading of the words, with what the meaning reader is sure of: a topic or a comparison the words missed
    or misread (a typo in the topic word, effectiveness asked plainly, a follow-up with no topic word), advice for
    oneself asked as a fact, small talk, or a question that is none of our business. The words' own specific
    findings stand: the bot's privacy and sources, topics our sources do not cover, and personal advice unless
    nothing else in the message is ours ("wat vind jij van voetbal")."""
    if sense is None or not sense.sure or reading.injection or not reading.other_words \
            or (reading.smalltalk in ("privacy", "sources", "bot") and not reading.medicines):
        return reading        # (a name alone asks what it is, or the topic pending in the conversation)
    if reading.personal and sense.label in TOPICS and sense.p >= SURE_QUESTION:
        # the meaning is sure of a general question around the words' "ik" ("hoelang mag dupixent buiten de
        # koelkast? heb m laten liggen")
        reading = dataclasses.replace(reading, personal=False)
    if reading.personal and (reading.medicines or reading.topics or sense.label not in ("smalltalk", "out_of_scope")):
        return reading        # the words' "for me" stands, unless nothing else of ours is in the message
    words_topic = reading.topic()
    strength = reading.score(words_topic)
    if words_topic in UNSUPPORTED_TOPICS and strength >= 1:
        return reading
    label, p = sense.label, sense.p
    if label == "personal":
        # a refusal to answer needs more than a guess when the words ask a general question about a topic
        return reading if strength >= 1 and p < OVERRULE else dataclasses.replace(reading, personal=True)
    if label in ("smalltalk", "out_of_scope"):
        more_to_say = reading.medicines or reading.class_named
        common = [is_common_word(w) for w in reading.other_words if len(w) > 1 and not w.isdigit()]
        if (reading.language is None and not (common and all(common) and p >= SURE_CHAT)) or (
                more_to_say and p < OVERRULE):
            return reading    # not words of ours (junk, code; a sure "ok" is ours in both languages), or the words have more to say
        if label == "smalltalk" and not reading.smalltalk and (
                p < CHAT or not all(common) and (p < SURE_CHAT or sum(common) * 2 <= len(common))):
            return reading    # small talk by meaning alone: everyday words only, or mostly and very sure
        return dataclasses.replace(reading, topics={}, follow_up=False, pronoun=False, refers_to_medicine=False,
                                   personal=False,
                                   class_named=False, off_topic=label == "out_of_scope",
                                   smalltalk=reading.smalltalk or ("chat" if label == "smalltalk" else None))
    if reading.follow_up and reading.medicines and strength < 1:
        return reading        # "and Cibinqo, same thing?": the topic of the conversation stands
    weak = words_topic is None or strength < 1 or (words_topic == "about" and strength < 2)
    left_out = label in UNSUPPORTED_TOPICS and not (reading.score(label) >= 1 and p >= OVERRULE)
    if not weak and words_topic != label and ((p < OVERRULE and words_topic != "about") or left_out):
        return reading        # (a topic our sources leave out overrules one the words found only when they saw it too;
                              # "about" is what a story's words add up to, so a sure reading overrules it)
    return dataclasses.replace(reading, topics={label: max(strength, 1.0)},
                               class_named=reading.class_named or label == "compare")


class Engine:
    """Answers questions from one loaded, validated content set."""

    def __init__(self, content: Content, triager: Triager | None = None, reader: Reader | None = None):
        self.content = content
        self.matcher = Matcher(content)
        try:
            self.triager = triager or Triager(content.root or content_root())
            self.reader = reader or Reader(content.root or content_root())
        except (ModelError, EncoderError) as e:   # never a silent fall-back to the rules alone
            raise ContentError([str(e)]) from None

    # --- pieces of text ------------------------------------------------------------------------------------
    def _phrase(self, lang: str, key: str, **values) -> str:
        return self.content.phrases[lang][key].strip().format(**values)

    def _pointer(self, lang: str, topic: str | None, medicine: str) -> str | None:
        """Where to look for a topic our sources leave out (e.g. a forgotten dose: the leaflet), or None."""
        text = self.content.phrases[lang]["pointers"].get(topic)
        if isinstance(text, dict):      # a text per medicine kind: an injection is not a tablet
            text = text.get(self.content.medicines[medicine].kind)
        return text.strip().format(brand=self.content.medicines[medicine].brand) if text else None

    def _question(self, lang: str, topic: str, medicine: str | None) -> str:
        brand = self.content.medicines[medicine].brand if medicine else ""
        return self.content.phrases[lang]["questions"][topic].format(brand=brand)

    def _suggestions(self, lang: str, medicine: str | None, topic: str | None = None, also: str | None = None) -> list:
        if medicine:
            available = self.content.topics_of(medicine, lang)
            order = (also,) + _SUGGESTION_ORDER if also else _SUGGESTION_ORDER   # the message's second question first
            chosen = [t for t in dict.fromkeys(order) if t in available and t != topic][:3]
            return [self._question(lang, t, medicine) for t in chosen]
        return list(self.content.phrases[lang]["suggestions"])[:4]

    def _clarify_suggestions(self, lang: str, topic: str | None) -> list:
        if topic not in TOPICS:
            return self._suggestions(lang, None)
        having = [m for m in self.content.medicines if self.content.answer(lang, m, topic)]
        return [self._question(lang, topic, m) for m in having[:3]] or self._suggestions(lang, None)

    # --- the reply -----------------------------------------------------------------------------------------
    def _reply(self, kind: str, lang: str, body: str, ctx: dict, *, medicine=None, topic=None, answer=None,
               suggestions=(), alarm=False, keep_context=False, short=False, lead_in=None) -> Reply:
        parts = []
        if ctx["turn"] == 0 and kind not in ("emergency", "crisis"):
            parts.append(self._phrase(lang, "first_reply"))
        parts.append(body.strip())
        if alarm and kind in ("answer", "personal"):
            parts.append(self._phrase(lang, "hypothetical_emergency"))
        if kind in FRAMED_KINDS:
            parts.append(self._phrase(lang, "framing"))
        if keep_context:
            next_medicine, next_topic = ctx["medicine"], ctx["topic"]
        else:
            next_medicine, next_topic = medicine, topic if topic in ASKABLE else None
        context = {"lang": lang, "medicine": next_medicine, "topic": next_topic, "turn": ctx["turn"] + 1,
                   "unknown_medicine": kind == "unknown_medicine" or (keep_context and ctx["unknown_medicine"]),
                   "urgency": kind if kind in ("emergency", "crisis") else None}
        summary = None
        if answer and answer.lead and kind != "personal" and not short:
            # what a surface shows first; the 112 line of a question naming alarm signs is never one tap away
            # (after what it answers instead, when it is not covered as such: "nothing on travel; how to store it")
            summary = "\n\n".join(filter(None, [lead_in, answer.lead,
                                                 alarm and self._phrase(lang, "hypothetical_emergency")]))
        return Reply(
            kind=kind, text="\n\n".join(parts), lang=lang, medicine=medicine, topic=topic,
            sources=[c.to_dict(lang) for c in answer.citations] if answer else [],
            suggestions=list(suggestions), context=context,
            answer_id=answer.id if answer else None, title=answer.title if answer else None,
            reviewed=answer.reviewed.isoformat() if answer else None, summary=summary,
            urgency=kind if kind in ("emergency", "crisis") else None)

    def _answer(self, lang, ctx, medicine, topic, alarm, also=None) -> Reply:
        asked, topic = topic, POINTS_TO.get(topic, topic)
        owner = medicine if topic in TOPICS else GENERAL
        answer = self.content.answer(lang, owner, topic)
        pointer = self._pointer(lang, asked, medicine) if asked != topic else None
        if answer is None or (asked != topic and pointer is None):
            return self._not_covered(lang, ctx, medicine, asked)
        if _shown_last(ctx, answer):
            # a follow-up landing on the answer just shown: say so, with its short version, not the same text again
            body, short = "\n\n".join(filter(None, [self._phrase(lang, "same_answer", title=answer.title),
                                                    answer.lead])), True
        else:
            body, short = answer.text, False
        if pointer:   # not covered as such (travel), with the facts that do apply (how to store it)
            body = pointer + "\n\n" + body
        return self._reply("not_covered" if pointer else "answer", lang, body, ctx, medicine=medicine,
                           topic=asked if pointer else topic, answer=answer,
                           suggestions=self._suggestions(lang, medicine, topic, also), alarm=alarm, short=short,
                           lead_in=pointer)

    def _not_covered(self, lang, ctx, medicine, topic) -> Reply:
        m = self.content.medicines[medicine]
        name = self.content.phrases[lang]["topic_names"].get(topic or "other")
        body = self._pointer(lang, topic, medicine) or self._phrase(lang, "not_covered", topic=name, brand=m.brand,
                                                                    substance=m.substance)
        return self._reply("not_covered", lang, body, ctx, medicine=medicine, topic=topic,
                           suggestions=self._suggestions(lang, medicine, topic))

    def _personal(self, lang, ctx, medicine, topic, alarm) -> Reply:
        body = self._phrase(lang, "personal")
        answer = None
        if medicine and topic in TOPICS:
            answer = self.content.answer(lang, medicine, topic)
        if answer:
            body += "\n\n" + self._phrase(lang, "personal_general") + "\n" + answer.text
        elif medicine and (pointer := self._pointer(lang, topic, medicine)):
            body += "\n\n" + pointer
        return self._reply("personal", lang, body, ctx, medicine=medicine, topic=topic, answer=answer,
                           suggestions=self._suggestions(lang, medicine, topic), alarm=alarm)

    def ask(self, question, lang: str | None = None, context=None) -> Reply:
        """Answer one question; see `bot.ask`."""
        raw = plain(question[:MAX_QUESTION]) if isinstance(question, str) else ""
        ctx = _context_in(context, self.content)
        page_lang = lang if lang in LANGS else None
        folded = fold(raw)
        found = self.triager.triage(raw, folded)
        reading = self.matcher.read(folded, page_lang or ctx["lang"])
        lang = reading.language or page_lang or ctx["lang"] or "nl"
        named = reading.medicines[0] if len(reading.medicines) == 1 else None

        if found.level == "emergency":
            body = self._phrase(lang, "emergency")
            if found.crisis_too:
                body += "\n\n" + self._phrase(lang, "emergency_and_crisis")
            return self._reply("emergency", lang, body, ctx, medicine=named, keep_context=True)
        sense = self.reader.read(raw, folded)     # what the question asks (its vector is triage's, embedded once)
        if found.level == "crisis" and (named or ctx["medicine"]) and sense and (
                sense.label in ASKABLE and sense.p >= SURE_QUESTION or sense.label == "personal" and sense.p >= SURE_PERSONAL):
            found = found.as_doubt()   # "can I just stop Rinvoq myself?": the 113 line first, then the answer
        if found.level == "crisis":
            return self._reply("crisis", lang, self._phrase(lang, "crisis"), ctx, keep_context=True)
        sense = self._after_last_answer(sense, reading, ctx, lang, raw)
        reading = _understood(reading, sense)
        if reading.unknown and (reading.smalltalk or reading.off_topic) and sense and sense.p >= SURE_CHAT \
                and not self.matcher.looks_like_medicine(reading.unknown):
            reading = dataclasses.replace(reading, unknown=None)   # "heyyy whats up", "herhaalrecept": not a name
        if split := _questions(raw):
            reading = self._first_asked(reading, *split, page_lang or ctx["lang"])
        if reading.injection:
            reply = self._reply("out_of_scope", lang, self._phrase(lang, "out_of_scope"), ctx,
                                suggestions=self._suggestions(lang, None), keep_context=True)
        else:
            reply = self._decide(reading, sense, lang, ctx, raw, found.alarm and found.doubt != "emergency")
        if ctx["urgency"] and found.level is None and reply.kind in ("out_of_scope", "smalltalk", "clarify"):
            # After 112 or 113, a reassurance, the same symptoms again or nothing new: the advice stands.
            kind = ctx["urgency"]
            return self._reply(kind, lang, self._phrase(lang, f"{kind}_again"), ctx, keep_context=True)
        return self._with_triage(reply, found, lang)

    def _after_last_answer(self, sense: Sense | None, reading: Reading, ctx: dict, lang: str, raw: str):
        """A short follow-up that names no medicine and that the meaning reader is not sure of, read again after
        the question it follows ("Dupixent side effects?" + "are they usually mild"): the context holds ids only,
        so that question is the bot's own wording of it. After "what is it?" anything reads as more of the same,
        so there a vague follow-up still gets "Do you mean ...?"."""
        if not sense or not ctx["medicine"] or ctx["topic"] not in TOPICS or ctx["topic"] == "about" \
                or reading.medicines or reading.unknown or len(raw.split()) > FOLLOW_UP_WORDS \
                or sense.p >= OVERRULE or (sense.sure and sense.label in ASKABLE):
            return sense
        asked = f"{self._question(lang, ctx['topic'], ctx['medicine'])} {raw}"
        in_context = self.reader.read(asked, fold(asked))
        return in_context if in_context and in_context.sure and in_context.label in TOPICS else sense

    def _first_asked(self, whole: Reading, first: str, second: str, lang_hint: str | None) -> Reading:
        """Of a message asking two questions, the first one's topic is answered and the second's offered next.
        The medicines, and whether it asks advice for oneself, are read from the whole message."""
        if whole.off_topic or whole.smalltalk:
            return whole
        folded = fold(first)
        reading = _understood(self.matcher.read(folded, lang_hint), self.reader.read(first, folded))
        topic = reading.topic()
        if topic is None or reading.score(topic) < 1:
            return whole
        then = whole.topic()
        if then == topic:   # the whole reads as the first question: the second one's own words say what it asks
            then = self.matcher.read(fold(second), lang_hint).topic()
        return dataclasses.replace(whole, topics={topic: reading.score(topic)}, also=then if then != topic else None,
                                   class_named=whole.class_named or topic == "compare")

    def _with_triage(self, reply: Reply, found: Triage, lang: str) -> Reply:
        """An urgent message opens with "a doctor today" and the leaflet's words on it; a message close to an
        emergency or crisis opens with the 112 or 113 line. The reply keeps its kind, unless it had nothing
        medical to say: then it is the urgent text alone, as a `personal` reply."""
        opening = []
        if found.doubt:
            opening.append(self._phrase(lang, "hypothetical_emergency" if found.doubt == "emergency"
                                        else "crisis_doubt"))
        if found.level != "urgent":
            if not opening:
                return reply
            return dataclasses.replace(reply, text="\n\n".join(opening + [reply.text]))
        urgent = self.content.answer(lang, URGENT, found.category)
        opening += [self._phrase(lang, "urgent"), urgent.text.strip()]
        sources = [c.to_dict(lang) for c in urgent.citations]
        if reply.kind in ("answer", "personal"):
            text = "\n\n".join(opening + [reply.text])
            return dataclasses.replace(reply, text=text, urgency="urgent",
                                       sources=sources + [s for s in reply.sources if s not in sources])
        text = "\n\n".join(opening + [self._phrase(lang, "framing")])
        return dataclasses.replace(reply, kind="personal", text=text, urgency="urgent", sources=sources,
                                   answer_id=None, title=None, reviewed=urgent.reviewed.isoformat(),
                                   context={**reply.context, "unknown_medicine": False})

    def _decide(self, reading: Reading, sense: Sense | None, lang: str, ctx: dict, raw: str, alarm: bool) -> Reply:
        topic = reading.topic()
        medical = max((s for t, s in reading.topics.items() if t in TOPICS and t != "about"), default=0.0)
        if reading.smalltalk and not reading.medicines and not reading.unknown and (
                reading.smalltalk in ("privacy", "sources", "bot") or medical < 1):
            return self._smalltalk(reading.smalltalk, lang, ctx)
        if reading.off_topic and not reading.unknown:
            return self._out_of_scope(lang, ctx)

        if len(reading.medicines) > 1:
            if reading.personal:
                return self._personal(lang, ctx, None, None, alarm)
            return self._answer(lang, ctx, None, "compare", alarm)

        medicine = reading.medicines[0] if reading.medicines else None
        its_class = reading.class_named and _ITS_CLASS.match(fold(raw))   # "is it a biologic or a JAK inhibitor?"
        if medicine is None and not reading.unknown and (not reading.class_named or its_class) and ctx["medicine"] and (
                reading.score(topic) >= 1 or reading.follow_up or reading.personal or (reading.pronoun and topic)):
            medicine = ctx["medicine"]

        if medicine is None:
            return self._without_medicine(reading, sense, lang, ctx, raw, topic, alarm)

        if not reading.topics or (reading.follow_up and reading.score(topic) < 1 and reading.medicines):
            if ctx["topic"] and reading.medicines and (reading.follow_up or not reading.topics):
                topic = ctx["topic"]
        if reading.personal:
            return self._personal(lang, ctx, medicine, topic if reading.topics else None, alarm)
        if topic is None:
            if reading.unexplained >= 2:
                return self._not_covered(lang, ctx, medicine, None)
            topic = "about"
        if topic not in ASKABLE and topic not in POINTS_TO:
            return self._not_covered(lang, ctx, medicine, topic)
        return self._answer(lang, ctx, medicine, topic, alarm, reading.also)

    def _without_medicine(self, reading, sense, lang, ctx, raw, topic, alarm) -> Reply:
        # A follow-up on a medicine we do not cover is still about that medicine.
        follows_unknown = ctx["unknown_medicine"] and (reading.score(topic) >= 1 or reading.follow_up)
        # Only a word that looks like a medicine's name is shown back: never a surname ("ik ben Pietersma"); and a
        # group named ("de pillen of de spuiten") outweighs a word that does not ("welke werken het rapst").
        looks_like = reading.unknown and self.matcher.looks_like_medicine(reading.unknown)
        if (reading.unknown and (looks_like or not reading.class_named)) or (
                follows_unknown and not reading.class_named and not reading.personal):
            name = _shown_name(raw, reading.unknown) if looks_like else None
            body = (self._phrase(lang, "unknown_medicine_named", name=name) if name
                    else self._phrase(lang, "unknown_medicine"))
            return self._reply("unknown_medicine", lang, body, ctx, topic=None,
                               suggestions=self._suggestions(lang, None))
        if reading.personal:
            return self._personal(lang, ctx, None, None, alarm)
        if reading.class_named or topic == "compare" or self._compares(reading, sense, ctx, topic):
            return self._answer(lang, ctx, None, "compare", alarm)
        supported = reading.topic(supported_only=True)
        score = reading.score(topic)
        if (topic and score >= 1 and reading.unexplained < 2) or reading.refers_to_medicine:
            pending = supported if supported in TOPICS else None
            choices = ", ".join(f"{m.brand} ({m.substance})" for m in self.content.medicines.values())
            return self._reply("clarify", lang, self._phrase(lang, "clarify", choices=choices), ctx,
                               topic=pending, suggestions=self._clarify_suggestions(lang, pending))
        if reading.smalltalk:
            return self._smalltalk(reading.smalltalk, lang, ctx)
        if ctx["medicine"] and sense and not reading.off_topic:
            # Inside a conversation about a medicine, a question neither the words nor the meaning make clear:
            # ask what it is about, with the two or three likeliest topics as buttons.
            likely = [label for label, p in sense.ranked[:3] if label in ASKABLE and p >= DID_YOU_MEAN]
            medicine = ctx["medicine"]
            (best, p), (_, runner_up) = sense.ranked[:2]
            if best in TOPICS and p >= LEANS and p - runner_up >= LEANS_BY and self.content.answer(lang, medicine, best):
                return self._answer(lang, ctx, medicine, best, alarm)   # a follow-up that clearly leans one way
            if likely:
                asked = [self._question(lang, t, None if t == "compare" else medicine) for t in likely
                         if t == "compare" or self.content.answer(lang, medicine, t)]
                if asked:
                    return self._reply("clarify", lang, self._phrase(lang, "did_you_mean"), ctx,
                                       suggestions=asked, keep_context=True)
        return self._out_of_scope(lang, ctx)

    @staticmethod
    def _compares(reading: Reading, sense: Sense | None, ctx: dict, topic: str | None) -> bool:
        """A question naming no medicine that is about medicines in general: a follow-up in a comparison ("which
        of those ..."), or, with no medicine in the conversation, one that may well compare."""
        if reading.off_topic or reading.smalltalk or ctx["medicine"]:
            return False
        if ctx["topic"] == "compare" and (topic in ASKABLE or reading.follow_up or reading.pronoun):
            return True
        return bool(sense) and sense.of("compare") >= MAY_COMPARE

    def _out_of_scope(self, lang: str, ctx: dict) -> Reply:
        return self._reply("out_of_scope", lang, self._phrase(lang, "out_of_scope"), ctx,
                           suggestions=self._suggestions(lang, None), keep_context=True)

    def _smalltalk(self, kind: str, lang: str, ctx: dict) -> Reply:
        if kind in ("bot", "privacy", "sources"):
            answer = self.content.answer(lang, GENERAL, kind)
            body = answer.text
        else:
            answer, body = None, self._phrase(lang, kind)
        return self._reply("smalltalk", lang, body, ctx, answer=answer, suggestions=self._suggestions(lang, None),
                           keep_context=True)
