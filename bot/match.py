"""Reads a question as parts: the medicine, the topic, the stance (personal or general), small talk.

Each part has its own evidence; `dialogue` decides what to reply from the parts.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from . import language
from .content import TOPICS, UNSUPPORTED_TOPICS, Content
from .text import fold
from .vocabulary import is_common_word, is_compound, is_frequent_word, vocabulary

# Ties between topics go to the more specific one.
TOPIC_PRIORITY = ("risks", "pregnancy", "vaccination", "monitoring", "children", "storage", "benefits",
                  "mechanism", "usage", "approval", "about", "compare") + UNSUPPORTED_TOPICS
# The ending of a substance name says its class; look-alikes share it, so the part before it must match too.
_CLASS_ENDINGS = ("nib", "mab", "vec")
# Endings of medicine names that are not ours (biologics, JAK inhibitors, gene therapies, common classes).
_DRUG_ENDINGS = ("mab", "tinib", "citinib", "parvovec", "cogene", "cept", "kinra", "limus", "sporine", "sporin",
                 "trexaat", "trexate", "nisolon", "nisolone", "prazol", "prazole", "statine", "sartan", "cilline",
                 "cillin", "cycline", "mycine", "floxacine", "olol", "pril", "dipine", "tidine", "glutide", "gliptine",
                 "zepam", "azepam", "oxetine", "aline", "coxib", "fenac", "parine", "xaban", "astine")
_MEDICINE_CUE = re.compile(
    r"\b(wat is|wat zijn|what is|whats|what are|what does|wat doet|hoe werkt|how does|info over|informatie over|"
    r"information (on|about)|tell me about|ken je|do you know|heb je( \w+)? info|medicijn\w*|middel|medicine\w*|"
    r"medication\w*|drug|drugs|tablet\w*|pil|pillen|creme|zalf|cream|ointment|injectie\w*|injection\w*|spray|"
    r"gentherapie|gene therapy|therapie|therapy|capsule\w*|bijwerking\w*|side effects?|gebruik\w*|use|used)\b")
_MEDICINE_REFERENCE = re.compile(
    r"\b(dit|dat|het|die|deze|mijn|mn|m n|zon|zo n|jouw|je|uw) (middel|medicijn|medicament|geneesmiddel|prik|spuit|"
    r"spuitje|injectie|injecties|tablet|tabletten|pil|pilletje|pillen|behandeling|biologic|jak remmer)\b|"
    r"\b(this|that|the|my|these|those|your) (medicine|medicines|medication|medications|drug|injection|injections|"
    r"shot|shots|tablet|tablets|pill|pills|treatment|jab|biologic)\b")
# "word je moe van Cibinqo", "does Rinvoq make you tired": a side-effect question even without a side-effect word.
# MED stands for the covered medicine's name in the question.
_SIDE_EFFECT_FORM = re.compile(
    r"\b(word|wordt|worden|krijg|krijgt|krijgen|raak|raakt|ga|gaat|kan|kun|kunt|kan men) (je|ik|u|men)\b.*"
    r"\b(van|door) (de |het |die |deze )?MED\b|"
    r"\b(does|do|can|could|will|would|did|may|might) MED (make|cause|give|trigger|affect)\b|"
    r"\bMED (makes|made|causes|caused|gives|gave|triggers|triggered)\b|"
    r"\b(from|because of|due to|since starting|since i started) (taking |using |the )?MED\b|"
    r"\bsinds (ik )?(de |het |met |met de )?MED\b")
# "Dupixent met paracetamol", "olumiant with ibuprofen": combining a covered medicine with another one.
_COMBINATION_CUE = re.compile(r"\b(met|with|samen|together|combin\w*|tegelijk\w*|naast|plus|en|and|along)\b")
# "if I ever got ...", "what if": a question about a possible future, not about one's own symptom now.
_SUPPOSING = re.compile(r"\b(if|als) (i|ik|you|je|u) (ever|ooit)\b|\bwhat if\b|\bwat als\b|\bstel dat\b|\bsuppose\b|"
                        r"\bin case\b")
_PRONOUN = re.compile(r"\b(het|dit|dat|die|it|this|that|they|them)\b")
_CLASS = re.compile(
    r"\b(jak( \d)?( remmer\w*| inhibitor\w*)|jak remmers?|biologic\w*|biological\w*|biologische)\b|"
    r"\bjak (pills?|tablets?|pillen|pil|tabletten|medicines?|medicijnen|middelen)\b|"
    r"\b(welke|which|what)( \w+){0,3} \w*(medicijnen|middelen|medicines|medications|drugs|treatments|behandelingen|tabletten|"
    r"tablets|pills|pillen|injecties|injections|spuiten|prikken|jabs|shots|opties|options|meds|medicatie)\b|"
    r"\b(eczeem|eczema)[ -]?(pillen|tabletten|injecties|spuiten|prikken|pills|tablets|injections|jabs|shots)\b|"
    r"\b(injection|pill|tablet|jab|shot) ones\b|"
    r"\b(injecties|spuiten|prikken|injections|jabs|shots)\b.*\b(tabletten|pillen|tablets|pills)\b|"
    r"\b(tabletten|pillen|tablets|pills)\b.*\b(injecties|spuiten|prikken|injections|jabs|shots)\b|"
    r"\b(welk|welke|which)( \w+){0,2} \w*(medicijn|middel|medicine|medication|drug|treatment|meds)\b|"
    r"\b(injecties|injectie|prikken|prik|spuiten|spuitjes|injections|injection|shots|jabs) (of|or|vs|versus) "
    r"(tabletten|tablet|pillen|pil|tablets|pills)\b|\b(tabletten|tablet|pillen|pil|tablets|pills) (of|or|vs|versus) "
    r"(injecties|injectie|prikken|prik|spuiten|injections|injection|shots|jabs)\b")
_FOLLOW_UP = re.compile(
    r"^(en|and|maar|but|ook|also|idem|same|hetzelfde|what about|how about|hoe zit het|geldt dat ook)\b|"
    r"\b(same thing|same for|ook zo|ook voor|ook bij|ook met|as well|too|hetzelfde|dezelfde)\b")
_INJECTION = re.compile(
    r"\b(ignore|disregard|forget|override|bypass)( \w+){0,3} (rules|instructions|prompt|guidelines|restrictions)\b|"
    r"\bsystem ?prompt\b|\bhidden (rules|instructions)\b|\bjailbreak\w*|\bdeveloper mode\b|\bdan mode\b|"
    r"\bpretend (you|youre|your|to be|that)\b|\byou are now\b|\bact as\b|\broleplay\b|\bnegeer( \w+){0,3} (regels|instructies)\b|"
    r"\bvergeet( \w+){0,3} (regels|instructies)\b|\bdoe alsof\b|\bje bent nu\b|\bspeel (dat|een)\b|\bprompt\b")
_PERSONAL = re.compile(
    r"\b(mag|kan|moet|kun|zal|zou|mocht) ik( \w+){0,9} (stoppen|ophouden|stop|minderen|overslaan|verhogen|verlagen|"
    r"halveren|verdubbelen|pauzeren|afbouwen|wisselen|overstappen|beginnen|starten|opnieuw|nogmaals|inhalen|uitstellen|"
    r"later|eerder|vaker|minder|dubbel|extra|weglaten|ophogen|afwisselen)\b|"
    r"\bik (wil|ga|denk|twijfel|overweeg)( \w+){0,4} (stoppen|minderen|afbouwen|overslaan|overstappen|wisselen|pauzeren)\b|"
    r"\bwat zou (jij|u|je) (doen|kiezen|nemen|adviseren)\b|\bwat (raad|adviseer|advies)( \w+){0,2} (je|jij|u)\b|"
    r"\bwat raad(t)? (je|u)\b|\bwelke? (moet|zou|kan|moeten) (ik|we|wij)( \w+)? (kiezen|nemen|doen|gebruiken)\b|"
    r"\b(beste|beter|geschikt|geschikte|geschikter|een optie|verstandig)( \w+){0,2} voor (mij|mijn|ons)\b|"
    r"\b(wil|wilt|willen|gaat|overweegt|wants|want|plans|is going)( to)?( \w+){0,2} (stoppen|minderen|afbouwen|"
    r"overslaan|overstappen|pauzeren|stop|quit|skip|switch|come off)\b|"
    r"\bis (it|that) (fine|ok|okay|safe|alright|allowed) (to|for me to|if i) (start|stop|take|use|skip|continue|inject)\b|"
    r"\bis het (goed|ok|oke|verstandig|veilig|erg)( \w+)? (om|als ik|dat ik) |"
    r"\bkom (ik|hij|zij) in aanmerking\b|\bvoor mij (geschikt|goed|een optie)\b|\bmijn (dosis|dosering)\b|"
    r"\b(vergeten|gemist|vergat)\b|\bte veel (ingenomen|genomen|gespoten|geprikt|gebruikt)\b|\bging (mis|fout)\b|"
    r"\bernaast\b|\bmislukt\b|\bmoet ik( \w+){0,3} (iets doen|naar|bellen|contact|ongerust|me zorgen)\b|"
    r"\b(mag|kan|moet|kun) ik (mijn|mn|m n)( \w+){0,7} (nemen|gebruiken|innemen|spuiten|prikken|zetten|slikken|krijgen)\b|"
    r"\b(moet|mag|kan|zou|moeten) (mijn \w+|hij|zij|ze|we|wij)( \w+){0,5} (stoppen|starten|beginnen|overstappen|wisselen|"
    r"nemen|gebruiken|kiezen|minderen|overslaan)\b|\bwat vind (je|jij|u)\b|\bik twijfel\b|\bper ongeluk\b|"
    r"\b(can|should|may) i (still )?(take|use|have|inject|get|give|cut|split|crush|halve) my\b"
    r"(?!( \w+){0,3} (injections?|shots?|jabs?|pens?|syringes?) (myself|at home))|"
    r"\b(should|can|may|must) (my \w+|he|she|we|they)( \w+){0,4} (stop|start|switch|change|skip|take|use|choose|"
    r"pick|go on|come off)\b|\b(which|what)( one| medicine)? would you (pick|choose|recommend|take|go for)\b|"
    r"\b(pick|choose|recommend|select)( \w+){0,2} for (me|my|us)\b|\bby accident\b|\baccidentally\b|"
    r"\b(can|should|may|must|could|do|shall) i( \w+){0,6} (stop|stopping|quit|skip|miss|pause|double|increase|"
    r"decrease|reduce|lower|halve|switch|change|start|restart|redo|repeat|again|instead|extra|less|every other|"
    r"cut down|come off|taper)\b|"
    r"\bi (want|plan|am going|m going|m thinking|think i should|am thinking)( \w+){0,2} (stop|quit|skip|reduce|switch|"
    r"change|start|come off)\b|\bwhat would you (do|choose|pick|take|recommend|go for)\b|"
    r"\bwhat do you (recommend|advise|suggest)\b|\b(which|what)( one| medicine)? should (i|we) (take|choose|pick|use|"
    r"go for|start)\b|\bshould i (take|choose|use|go for|start)\b|"
    r"\b(which|what)( one| medicine)? (is|would be) (best|better|right|safest|safer) for (me|my|us)\b|"
    r"\b(right|suitable|safe|good|an option|ok|okay|better|best)( \w+){0,1} for (me|him|her|them|my \w+)\b|\bam i (eligible|a candidate)\b|"
    r"\bmy dose\b|\bi (forgot|missed)\b|\b(took|taken|injected|used) too (much|many)\b|\bwent wrong\b|\bmisfired\b|"
    r"\bshould i (see|call|go|contact|worry|be worried)\b|\bdo i need to (see|call|worry)\b|"
    # A dose for oneself, and "is that wise" about one's own plan.
    r"\bhoeveel( \w+){0,3} (moet|mag|kan|zal|zou) (ik|hij|zij|ze|mijn \w+)\b|\bhow (much|many)( \w+){0,3} (should|can|may|must) i\b|"
    r"\b(te veel|te weinig|genoeg|te hoog|te laag|te zwaar|te licht) voor (mij|me|mijn \w+)\b|"
    r"\btoo (much|many|high|low|strong|weak) for (me|my \w+)\b|"
    r"\b(is|zou) (dat|dit|het) (wel )?(slim|verstandig|wijs|een goed idee|goed voor mij)\b|"
    r"\bis (that|this|it) (wise|smart|a good idea|sensible) for me\b|\bis (that|this) (wise|smart|a good idea|sensible)\b|"
    r"\bwelke (dosis|dosering|sterkte|hoeveelheid)( \w+){0,3} (moet|mag|kan|zal|zou) ik\b|"
    r"\bwhat (dose|dosage|strength|amount)( \w+){0,3} (should|can|may|must) i\b|"
    r"\bvoor (mij|mijn \w+|ons)( \w+){0,2} (het beste|de beste|beste|beter|geschikt|geschikter)\b|"
    r"\b(goed|juist|de juiste|ok|oke|okee|veilig) voor (mij|mijn \w+|hem|haar|ons)\b|"
    r"\bin (mijn|mn|ons) (situatie|geval)\b|\bin my (case|situation)\b|\bvoor mij persoonlijk\b|"
    r"\bif you were me\b|\bin my shoes\b|\bals (jij|u) (mij|ik) (was|waart|bent|zou zijn)\b|\bin mijn plaats\b|"
    r"\b(mag|kan|moet|kun) ik( \w+){0,5} (doormidden|door de helft|halveren|breken|kapot|fijnmalen|pletten)\b")
# Choosing between named medicines for oneself or one's own child.
_CHOICE = re.compile(r"\b(moet|mag|zal|zou|kies|kiezen|neem|nemen|should|shall|choose|pick|go with|take)\b.*"
                     r"\b(ik|ze|hij|zij|wij|we|mijn|mij|me|i|my|she|he|me|us)\b|"
                     r"\b(ik|ze|hij|zij|wij|we|mijn|i|my|she|he)\b.*\b(moet|mag|zal|zou|kies|kiezen|should|shall|choose|pick)\b")
_OWN_SYMPTOM = re.compile(
    r"\b(ik heb|ik krijg|ik zie|ik voel|sinds ik|ik ben|i am|i m|mijn \w+ (is|zijn|heeft|wordt|krijgt)|(hij|zij) heeft|i have|i ve got|"
    r"i got|i m getting|i get|i feel|my \w+ (is|are|has|got|gets)|since i|since starting|(he|she) has)\b")
# "What should I do?": personal about oneself now, general when supposing ("what should I do if I ever ...").
_WHAT_NOW = re.compile(r"\bshould i do\b|\bdo i need to do\b")
# Asking for oneself: with another medicine named beside ours, that is a question for one's own doctor.
_FOR_ONESELF = re.compile(r"\b(kan|mag|moet|kun|zal|zou) ik\b|\b(can|may|should|must|could) i\b")
_WHAT_TO_DO = re.compile(
    r"\b((?<!waarom )moet ik|wat moet|wat kan ik|wat nu|is dat erg|is dat normaal|is dit normaal|is dat gevaarlijk|"
    r"moet ik me zorgen|is that normal|is this normal|is that bad|is this bad|should i|what should|what do i do|"
    r"do i need|need to worry|be worried|what now)\b")
_SMALLTALK = (
    ("privacy", re.compile(
        r"\b(save|saves|store|stores|keep|keeps|log|logs|record|records|track|remember|bewaar|bewaart|bewaren|sla|slaat|"
        r"opslaan|onthoud|onthoudt|onthouden|lees|leest)\b.*\b(what i|wat ik|my|mijn|questions|vragen|chat|type|typ|"
        r"berichten|messages|gesprek|conversation)\b|\bprivacy\b|\bavg\b|\bgdpr\b|\b(mijn|my) (gegevens|data|vragen|questions|chat|berichten|messages)\b|"
        r"\b(opgeslagen|bewaard|opslaan|gelogd|bijgehouden|meegelezen|stored|saved|logged|recorded|tracked|kept)\b.*"
        r"\b(vragen|gegevens|data|wat ik|what i|chat|questions|messages|berichten)\b|"
        r"\b(vragen|gegevens|data|wat ik|what i|chat|questions|messages|berichten)\b.*"
        r"\b(opgeslagen|bewaard|opslaan|gelogd|bijgehouden|meegelezen|stored|saved|logged|recorded|tracked|kept)\b|"
        r"\banoniem\b|\banonymous\b")),
    ("sources", re.compile(
        r"\b(waar|where)( \w+){0,5} (vandaan|from|source)\b|\bbron(nen)?\b|\bsources?\b|\bwhere do you get\b")),
    ("bot", re.compile(
        r"\bwie ben (je|jij|u)\b|\bwat ben (je|jij)\b|\bben (je|jij|u) (een )?(echte? )?(robot|mens|computer|bot|arts|dokter)\b|"
        r"\bwie heeft (je|jou|u) gemaakt\b|\bwho (made|built|created) you\b|\bare you a (real )?(doctor|nurse)\b|"
        r"\bwat (kun|kan|kunt|doe) (je|jij|u)( \w+)?\b|\bwho are you\b|\bwhat are you\b|\bare you (a )?(human|robot|bot|"
        r"real|person|computer|ai)\b|\bwhat can you\b|\bwhat do you do\b|\banyone there\b|\biemand (daar|aanwezig)\b|"
        r"\bhoe werk (je|jij)\b|\bhow do you work\b|\bwat weet (je|jij)\b|\bwhat do you know\b|\bis (er )?iemand\b")),
    ("goodbye", re.compile(r"\b(doei|doeg|dag dag|tot ziens|tot later|bye|goodbye|see you|fijne dag|have a nice day)\b")),
    ("thanks", re.compile(r"\b(bedankt|dank( je| u)?|dankjewel|dankuwel|thanks|thank you|thx|ty|merci|cheers)\b")),
    ("greeting", re.compile(
        r"^ ?(hoi|hallo|hey|hee|hi|hello|goedemorgen|goedemiddag|goedenavond|good morning|good afternoon|good evening|"
        r"dag|yo|hai|heey|hallo daar)\b")),
)


@dataclass
class Reading:
    """What a question holds, part by part."""
    medicines: list = field(default_factory=list)   # covered medicine ids, in order of mention
    unknown: str | None = None                      # a medicine name that is not ours (folded)
    topics: dict = field(default_factory=dict)      # topic -> evidence score
    personal: bool = False
    smalltalk: str | None = None
    injection: bool = False
    class_named: bool = False                       # "JAK inhibitors", "biologics" as a group
    follow_up: bool = False
    refers_to_medicine: bool = False                # "dit middel", "this medication"
    pronoun: bool = False
    unexplained: int = 0                            # content words nothing accounts for
    language: str | None = None
    off_topic: bool = False                         # set by the meaning reader: none of our business
    other_words: tuple = ()                         # the words besides the covered medicines' names
    also: str | None = None                         # the topic of a second question in the message

    def topic(self, supported_only: bool = False) -> str | None:
        """The topic with most evidence; a topic the sources support wins over one they don't, unless the
        other has clearly more evidence ("how much does it cost" is about cost, not about how much to use)."""
        best = {}
        for name, group in (("supported", TOPICS + ("compare",)), ("unsupported", UNSUPPORTED_TOPICS)):
            scored = [(s, -TOPIC_PRIORITY.index(t), t) for t, s in self.topics.items() if t in group and s > 0]
            best[name] = max(scored) if scored else None
        supported, unsupported = best["supported"], best["unsupported"]
        if supported_only or not unsupported:
            return supported[2] if supported else None
        if supported and supported[0] + 1 > unsupported[0]:
            return supported[2]
        return unsupported[2]

    def score(self, topic: str | None) -> float:
        return self.topics.get(topic, 0.0) if topic else 0.0


_SOUNDS = ((re.compile(r"ph"), "f"), (re.compile(r"c(?=[eiy])"), "s"), (re.compile(r"[cq]"), "k"), (re.compile(r"y"), "i"),
           (re.compile(r"x"), "ks"), (re.compile(r"v"), "f"), (re.compile(r"z"), "s"), (re.compile(r"(?<=[a-z])d$"), "t"),
           (re.compile(r"(.)\1"), r"\1"), (re.compile(r"(?<=[a-z])[bp]$"), "b"))


def _sound(word: str) -> str:
    """A rough spelling-by-ear key: rinvok ~ rinfok ~ rinvoq, ebglis ~ ebglyss, sibinko ~ cibinqo, olumiand ~ olumiant."""
    for pattern, replacement in _SOUNDS:
        word = pattern.sub(replacement, word)
    return word


class Matcher:
    """Built once from the content; `read(question)` gives a Reading."""

    def __init__(self, content: Content):
        self.content = content
        self._names = {}          # folded single-word name -> medicine id
        for medicine in content.medicines.values():
            for name in medicine.names:
                for word in fold(name).split():
                    if len(word) >= 4:
                        self._names[word] = medicine.id
        self._name_list = list(self._names)
        self._others = [fold(n) for n in content.other_medicines]
        self._singles, self._phrases = {}, []
        for lang in content.topic_words:
            for topic, entries in content.topic_words[lang].items():
                for phrase, weight in entries:
                    folded = fold(phrase)
                    if not folded:
                        continue
                    if " " in folded:
                        self._phrases.append((f" {folded} ", topic, weight or float(len(folded.split()))))
                    else:
                        self._singles.setdefault(folded, []).append((topic, weight or 1.0))
        self._single_list = list(self._singles)
        self._stems = {w for w in self._single_list if len(w) >= 4}  # entries a longer word may start with
        self._tails = {w for w in self._single_list if len(w) >= 5}  # ... or end with
        self._answer_words = {}   # (lang, medicine, topic) -> words of the answer
        self._medicine_words = {}  # (lang, medicine) -> words of all its answers
        for (lang, mid, topic), answer in content.answers.items():
            if not answer.draft:
                words = frozenset(w for w in fold(answer.text).split() if len(w) >= 4)
                self._answer_words[(lang, mid, topic)] = words
                self._medicine_words[(lang, mid)] = self._medicine_words.get((lang, mid), frozenset()) | words

    # --- medicines -----------------------------------------------------------------------------------------
    def medicine_of(self, word: str) -> str | None:
        """The covered medicine a word names (typos allowed), or None; look-alikes that are not ours give None."""
        if word in self._names:
            return self._names[word]
        if len(word) < 5 or not word.isalpha() or word in self._others or is_common_word(word):
            return None
        found = process.extract(word, self._name_list, scorer=fuzz.ratio, limit=4)
        sound = _sound(word)
        found = sorted(((n, max(s, fuzz.ratio(sound, _sound(n)) - 5), i) for n, s, i in found),
                       key=lambda f: -f[1])
        best_name, best, _ = found[0]
        cutoff = 80 if len(word) >= 7 else 83
        if best < cutoff:
            return None
        medicine = self._names[best_name]
        rival = max((s for n, s, _ in found[1:] if self._names[n] != medicine), default=0)
        if best - rival < 6:
            return None
        ending = word[-3:]
        if ending in _CLASS_ENDINGS and best_name.endswith(ending) \
                and fuzz.ratio(word[:-3], best_name[:-3]) < 75:
            return None
        if self._others and process.extractOne(word, self._others, scorer=fuzz.ratio, score_cutoff=best) is not None:
            return None
        return medicine

    def looks_like_medicine(self, word: str) -> bool:
        """Whether a folded word is one of the other medicines we know of, or has the ending of a medicine name."""
        if word in self._others:
            return True
        if len(word) >= 6 and process.extractOne(word, self._others, scorer=fuzz.ratio, score_cutoff=88):
            return True
        return len(word) >= 7 and word.endswith(_DRUG_ENDINGS) and not is_common_word(word) and not is_compound(word)

    def _stems_of(self, word: str) -> list:
        """The lexicon entries of 4 letters or more that `word` starts with: one set lookup per length, where a
        scan of the whole lexicon per word took most of a question's time."""
        return [word[:n] for n in range(4, len(word) + 1) if word[:n] in self._stems]

    def _is_lexicon_word(self, word: str) -> bool:
        if word in self._singles or self._stems_of(word):
            return True
        return len(word) >= 6 and process.extractOne(word, self._single_list, scorer=fuzz.ratio,
                                                      score_cutoff=80) is not None

    # --- topics --------------------------------------------------------------------------------------------
    def _topic_scores(self, words: list, padded: str) -> tuple[dict, set]:
        """Evidence per topic, and the words the matched phrases account for."""
        scores, in_phrases = {}, set()
        for phrase, topic, weight in self._phrases:
            if phrase in padded:
                scores[topic] = scores.get(topic, 0.0) + weight
                in_phrases.update(phrase.split())
        for word in words:
            hits = set()
            if word in self._singles:
                hits.add(word)
            if len(word) >= 4:
                hits.update(self._stems_of(word))
            if not hits and len(word) >= 8:
                # A compound (oogklachten, huidinfectie) is read by its last part, as Dutch builds them.
                hits.update(word[-n:] for n in range(5, len(word) + 1) if word[-n:] in self._tails)
            if not hits and len(word) >= 6:
                near = process.extractOne(word, self._single_list, scorer=fuzz.ratio, score_cutoff=90)
                if near and len(near[0]) >= 6:
                    hits.add(near[0])
            best = {}   # per topic, the longest entry this word matched (gevaarlijk, not also gevaar)
            for hit in sorted(hits, key=len):
                for topic, weight in self._singles[hit]:
                    best[topic] = weight
            for topic, weight in best.items():
                scores[topic] = scores.get(topic, 0.0) + weight
        return scores, in_phrases

    def _answer_evidence(self, lang: str, medicine: str, content_words: list, unsupported: list) -> dict:
        """Topics of this medicine whose answer text holds the question's own content words. A word of a topic
        the sources do not cover (grapefruit, donating blood) found in an answer counts more: that answer covers it."""
        bonus = {}
        for word in content_words + unsupported:
            weight = 1.5 if word in unsupported else 0.6
            if is_frequent_word(word):
                continue
            topics = [t for t in TOPICS
                      if (key := (lang, medicine, t)) in self._answer_words
                      and (word in self._answer_words[key]
                           or (len(word) >= 7 and any(w.startswith(word[:6]) for w in self._answer_words[key])))]
            if 0 < len(topics) <= 3:
                for t in topics:
                    bonus[t] = bonus.get(t, 0.0) + weight
        return bonus

    def _read_structure(self, reading: Reading, marked: str, content_words: list) -> None:
        """Topics the shape of a one-medicine question shows: another medicine beside it, a side-effect form.
        `marked` is the question with each covered medicine's name as MED."""
        other = next((w for w in content_words if self.looks_like_medicine(w)), None)
        if other and "compare" not in reading.topics and _COMBINATION_CUE.search(marked):
            # How to use one medicine, or what it is, is not the question: whether the two go together is.
            reading.topics.pop("about", None)
            reading.topics.pop("usage", None)
            reading.topics["interactions"] = reading.topics.get("interactions", 0.0) + 2.0
        elif not reading.topics and _SIDE_EFFECT_FORM.search(marked):
            reading.topics["risks"] = 1.0

    def _named(self, words: list) -> list:
        """Each word with the covered medicine it names (or None); a name broken in two by voice typing or a stray
        space ("du pixent", "eb gliss") is joined again when neither part names a medicine and together they do."""
        named = [(word, self.medicine_of(word)) for word in words]
        out, i = [], 0
        while i < len(named):
            if i + 1 < len(named) and not named[i][1] and not named[i + 1][1]:
                pair = named[i][0] + named[i + 1][0]
                if len(pair) >= 6 and pair.isalpha() and (medicine := self.medicine_of(pair)):
                    out.append((pair, medicine))
                    i += 2
                    continue
            out.append(named[i])
            i += 1
        return out

    # --- the whole question ----------------------------------------------------------------------------------
    def read(self, folded: str, lang_hint: str | None = None) -> Reading:
        """Read a folded question (see `text.fold`)."""
        words = folded.split()
        padded = f" {folded} "
        reading = Reading()
        reading.language = language.detect(words, vocabulary())
        rest, marked = [], []
        for word, medicine in self._named(words):
            if medicine:
                if medicine not in reading.medicines:
                    reading.medicines.append(medicine)
            else:
                rest.append(word)
            marked.append("MED" if medicine else word)
        reading.other_words = tuple(rest)
        reading.topics, in_phrases = self._topic_scores(rest, f" {' '.join(rest)} ")
        content_words = [w for w in rest if len(w) >= 4 and w.isalpha() and w not in language.FUNCTION_WORDS]
        unexplained = [w for w in content_words if w not in in_phrases and not self._is_lexicon_word(w)]
        unsupported = [w for w in content_words if w in self._singles
                       and all(t in UNSUPPORTED_TOPICS for t, _ in self._singles[w])]
        if not reading.medicines:
            strong = next((w for w in content_words if self.looks_like_medicine(w)), None)
            weak = next((w for w in unexplained if len(w) >= 5 and not is_common_word(w) and not is_compound(w)),
                        None)
            if strong or (weak and (_MEDICINE_CUE.search(padded) or reading.topic(supported_only=True))):
                reading.unknown = strong or weak
        reading.class_named = bool(_CLASS.search(padded))
        if len(reading.medicines) == 1:
            lang = reading.language or lang_hint or "nl"
            for topic, extra in self._answer_evidence(lang, reading.medicines[0], unexplained, unsupported).items():
                reading.topics[topic] = reading.topics.get(topic, 0.0) + extra
            self._read_structure(reading, " ".join(marked), content_words)
            known = self._medicine_words.get((lang, reading.medicines[0]), frozenset())
            unexplained = [w for w in unexplained if w not in known]
        reading.unexplained = len(unexplained)
        reading.personal = bool(_PERSONAL.search(padded)) or bool(
            (_OWN_SYMPTOM.search(padded) and _WHAT_TO_DO.search(padded) or _WHAT_NOW.search(padded))
            and not _SUPPOSING.search(padded)) or bool(
            "interactions" in reading.topics and _FOR_ONESELF.search(padded)) or bool(
            len(reading.medicines) > 1 and _CHOICE.search(padded))
        reading.injection = bool(_INJECTION.search(padded))
        reading.follow_up = bool(_FOLLOW_UP.search(folded))
        reading.refers_to_medicine = bool(_MEDICINE_REFERENCE.search(padded))
        reading.pronoun = bool(_PRONOUN.search(padded))
        reading.smalltalk = next((kind for kind, pattern in _SMALLTALK if pattern.search(padded)), None)
        return reading
