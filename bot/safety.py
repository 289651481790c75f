"""Decides, before any matching, whether a message is an emergency (112) or a crisis (113).

Rules are patterns over the folded text (see `text.fold`): lower case, no accents, no punctuation.
When in doubt between "happening now" and "asking in general", the message counts as happening now.
"""
import re
from dataclasses import dataclass


def _any(*patterns: str) -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in patterns))


_BODY_NL = r"keel|tong|lip|lippen|gezicht|gezichtje|oogleden|ooglid|ogen|mond|wang|wangen|hoofd|nek"
_BODY_EN = r"throat|tongue|lip|lips|face|eyelids?|eyes?|mouth|cheeks?|neck"
_SWELL_NL = r"zwel\w*|dik|dikker|dikke|opgezwollen|gezwollen|dicht|opzwellen|op zwellen"
_NOT_NEGATED = r"( (?!niet\b|geen\b|not\b|no\b|nt\b|isnt\b|arent\b)\w+)"   # a word between, not a negation
_SWELL_EN = r"swell\w*|swollen|puff\w*|closing( up)?|closed|tight|blowing up|big|thick\w*"

# Red flags: one is enough.
_RED_FLAGS = _any(
    # breathing
    # (benauwd: read by meaning; as a rule it fired on "niet benauwd")
    r"\b(kan|kon|kunnen|kun)( \w+){0,3} niet( meer| goed| meer goed)? (ademen|ademhalen|adem halen)",
    r"\b(geen|nauwelijks|amper) lucht\b", r"\bademnood\b", r"\bnaar adem\b",
    r"\b(ademen|ademhalen|ademhaling|adem)( \w+)? (gaat |is )?(moeilijk|zwaar|lastig|slecht)",
    r"\b(moeilijk|moeizaam|zwaar) (ademen|ademhalen)\b", r"\bpiep\w* (ademhaling|adem)\b", r"\bpiept\b",
    r"(?<!\bno )(?<!\bwithout )\b(cant|cannot|can not|couldnt|could not|unable to|struggling to|struggle to|hard to|difficult to|trouble|difficulty|"
    r"barely|hardly)( \w+){0,2} (breath\w*|swallow\w*)",
    r"\b(kan|kon|kunnen|kun)( \w+){0,3} (niet|nauwelijks|bijna niet|amper)( meer| goed)? slikken\b", r"\bmoeite met (slikken|ademen)\b",
    r"\b(nauwelijks|amper|bijna niet) (ademen|adem halen|ademhalen)\b",
    r"\bshort(ness)? of breath\b", r"\bbreathless\w*", r"\bwheez\w*", r"\bgasping\b",
    r"\b(not|stopped|isnt|is not) breathing\b", r"\bbreathing (is |got |gets )?(hard|difficult|heavy|bad|noisy)",
    r"\bbreath(e|ing)? (is )?(really )?(hard|difficult)\b", r"\bcant get (any |enough )?air\b",
    r"\badem(t|en|haling)( \w+)? (heel |erg |zo |raar |ook )*(raar|vreemd|gek|snel|piepend|hijgend|oppervlakkig|moeilijk)\b",
    r"\bbreathing (very |really |so )?(weird\w*|strange\w*|funny|oddly|odd|fast|shallow)\b",
    # swelling of face, lips, tongue, throat, eyes
    # ("mijn gezicht is niet dik", "no swelling in my face": said to rule it out)
    rf"\b({_BODY_NL})\b{_NOT_NEGATED}{{0,3}} ({_SWELL_NL})\b", rf"\b(opgezwollen|gezwollen|dikke|zwellende) ({_BODY_NL})\b",
    rf"\b({_BODY_EN})\b{_NOT_NEGATED}{{0,3}} ({_SWELL_EN})\b", rf"\b(swollen|swelling|puffy) ({_BODY_EN})\b",
    r"\bkeel (knijpt|zit dicht|gaat dicht|voelt dicht)",
    rf"(?<!\bno )(?<!\bgeen )\b(zwelling|swelling)( \w+){{0,3}} ({_BODY_NL}|{_BODY_EN})\b",
    r"\b(slikken|ademen|ademhalen)( \w+)? (lukt|gaat) (bijna |amper |nauwelijks |haast )?(niet|slecht|moeilijk)", r"\bthroat (feels )?(is )?(closing|tight)",
    # collapse, fainting, unconscious
    r"\bbewusteloos\b", r"\bbuiten bewustzijn\b", r"\bin elkaar (gezakt|gezakken|zakt|zakken)\b",
    r"\breageert (niet|nergens)\b", r"\bniet (meer )?aanspreekbaar\b", r"\bonwel\b", r"\bvalt (steeds )?weg\b",
    r"\bunconscious\b", r"\bunresponsive\b",
    r"\bnot responding\b", r"\bwont wake\b", r"\bblack(ed)? out\b",
    # (chest pain and pressure: read by meaning; as rules they fired on "no chest pain")
    # blue lips or skin
    r"\bblauwe (lippen|lip|huid)\b", r"\b(lippen|lip|huid)( \w+){0,3} (wordt|worden|zijn|is|kleuren|kleurt|gaan) blauw",
    r"\bblauw (aan|aanlopen|aangelopen)\b", r"\bblue lips?\b", r"\b(lips?|skin)( \w+)? (is |are )?(turning|going|gone|look) blue",
    r"\bturning blue\b", r"\bblauw (rond|om|bij|rondom|rond om) (de|zijn|haar|mijn|m n|mn|het) (mond|lippen|lip)\b",
    r"\bblue (around|round|near) (the|his|her|my|their) (mouth|lips)\b",
    r"\b(wordt|werd|worden|kleurt|kleuren|ziet|zien) (helemaal |een beetje |wat |ineens |opeens )?blauw\b", r"\b(lips?|skin|face) (are|is|look|looks|went|turned|turning|going|gone) (\w+ )?blue\b",
    r"\b(lippen|lip|gezicht) (zijn|is|worden|wordt|zien|ziet) (\w+ )?blauw\b",
    # anaphylaxis named as such
    r"\banafyla\w*", r"\ballergische shock\b", r"\banaphyla\w*", r"\ballergic shock\b",
    # stroke signs
    r"\bscheve mond\b", r"\bmond hangt\b", r"\bface (is )?droop\w*", r"\bslurred speech\b", r"\bverlamd\b",
    r"\bkan (opeens |ineens )?niet (meer )?praten\b", r"\bcant (speak|talk) properly\b",
)

# Weaker signs: two together, happening now, are treated as a red flag (a reaction building up).
_WEAK_SIGNS = [
    re.compile(r"\bduizel\w*|\bdraaierig\b|\balles draait\b|\bdizz\w*|\bspinning\b|\blight ?headed\b"),
    re.compile(r"\bhartklopping\w*|\bhart (gaat|bonkt|klopt|slaat|racet)|\bheart( is)? (racing|pounding)|\bpalpitation\w*"
               r"|\bracing heart\b"),
    re.compile(r"\bbulten\b|\bgalbulten\b|\bnetelroos\b|\bhives\b|\bwelts\b|\b(uitslag|rash)( \w+){0,2} (overal|all over)"),
    re.compile(r"\bovergeven\b|\bbraken\b|\bbraak\b|\bvomit\w*|\bthrowing up\b"),
    re.compile(r"\bkoud zweet\b|\bzweet\w*|\bsweating\b|\bclammy\b|\bbleek\b|\bpale\b"),
    re.compile(r"\bverward\b|\bconfused\b|\bjeuk(t)? overal\b|\bitch\w* all over\b|\bkeel (jeukt|kriebelt)|\bthroat itch\w*"),
]

# Signs that it is happening now, to the writer or to someone with them.
_NOW = _any(
    r"\bnu\b", r"\bop dit moment\b", r"\bhelp\b", r"\bnow\b", r"\bright now\b", r"\bcurrently\b",
    r"\b(is|are|keeps) (swelling|getting|going)\b", r"\bwordt (steeds )?(dikker|erger|blauw)\b",
)
# Words that often mean "now", but also appear in stories of earlier events.
_NOW_WEAK = _any(
    r"\bnet\b", r"\bzojuist\b", r"\bzonet\b", r"\bopeens\b", r"\bineens\b", r"\bsteeds\b", r"\bjust\b",
    r"\bsuddenly\b", r"\bstarted\b", r"\bsudden\w*", r"\bplotseling\b",
)
# The writer or someone with them: happening now unless the message says it is over.
_PERSON = _any(
    r"\bik (ben|word|heb|krijg|kan|voel|zie)\b", r"\bmijn\b", r"\bmn\b", r"\b(hij|zij|ze) (is|ligt|heeft|krijgt|kan|wordt)\b",
    r"\bi (am|m|have|ve|cant|feel|got|keep)\b", r"\bim\b", r"\bive\b", r"\bmy\b",
    r"\b(he|she|they) (is|s|are|re|has|cant)\b", r"\b(hes|shes|theyre)\b",
)

# Signs that the question is asked in general ("can it cause ...?", "what should I do if ...?").
_HYPOTHETICAL = _any(
    r"\bkan (het|dit|dat|\w+)( \w+){0,4} (geven|veroorzaken|krijgen)\b", r"\b(kan|kun) (je|u|men)\b", r"\bkrijg je\b",
    r"\bbijwerking\w*", r"\brisico\w*", r"\bwat als\b", r"\bwat (moet|kan|doe) (ik|je|u)( dan)? (doen )?als\b",
    r"\bwat te doen\b", r"\bhoe herken\w*", r"\bherkennen\b", r"\b(tekenen|signalen|verschijnselen) van\b",
    r"\bis het mogelijk\b", r"\bals (je|u|ik)\b", r"\bmocht\b", r"\bstel dat\b", r"\bkans op\b", r"\bhoe vaak\b",
    r"\bkomt( \w+)? voor\b", r"\bwanneer moet ik\b", r"\bgeeft\b",
    r"\bcan (it|this|that|\w+)( \w+){0,3} (cause|give|lead|trigger)\b", r"\bcould\b", r"\bside ?effects?\b",
    r"\brisks?\b", r"\bwhat if\b", r"\bwhat (should|do|would) (i|you|we) do if\b", r"\bwhat to do if\b",
    r"\bhow (do|can|would) (i|you) (recogni[sz]e|know|tell)\b", r"\b(signs|symptoms) of\b", r"\bis it possible\b",
    r"\bif (i|you|my|someone|your)\b", r"\bin case\b", r"\bchance of\b", r"\bhow common\b", r"\bdoes \w+ cause\b",
    r"\bcause[sd]?\b", r"\bwhen should i\b",
)

# Signs that the writer asks about a possible future, not about now ("what if ...", "if I ever ...").
_SUPPOSING = _any(
    r"\bwat als\b", r"\bstel dat\b", r"\bstel je voor\b", r"\bmocht\b", r"\bals (ik|je|u|hij|zij) ooit\b",
    r"\bwat (moet|kan|doe) (ik|je|u)( dan)? (doen )?(als|wanneer)\b", r"\bwat te doen (als|bij)\b",
    r"\bwhat if\b", r"\bsuppose\b", r"\bin case\b", r"\bif (i|you|he|she|my \w+) ever\b", r"\bhypothetical\w*",
    r"\bwhat (should|do|would|can) (i|you|we) do (if|when)\b", r"\bwhat to do (if|when)\b",
)

# Mentions of a symptom that are not a symptom: the object of a risk question, or pills hard to swallow.
_NOT_SYMPTOMS = _any(
    r"\b(risk|risks|chance|chances|kans|kansen|risico|risicos)( \w+){0,2} (of|on|op|van) (a |an |een |getting |krijgen )?"
    r"(\w+ )?(heart attack|hartaanval|hartinfarct|beroerte|stroke|shock|allergic reaction|allergische reactie)\b",
    r"\b(swallow\w*|slikken|doorslikken)( \w+){0,2} (pills?|tablets?|capsules?|pillen|pil|tabletten|tablet|capsules)\b",
    r"\b(pills?|tablets?|capsules?|pillen|pil|pilletjes|tabletten|tablet)( \w+){0,3} (niet |not |hard to |moeilijk )?"
    r"(door)?(slikken|swallow\w*)\b",
)
# A red flag told as something that happened earlier ("my dad had a heart attack"); a weak sign of "now"
# ("just", "started") does not outweigh it. Having had the injection is not this: that is often how it starts.
_HAD = _any(
    r"\b(had|once had) (a|an) (\w+ )?(heart attack|stroke|reaction|allergic reaction|anaphylactic \w+|swollen \w+)\b",
    r"\b(heeft|hebben|had|heb)( \w+){0,2} (een )?(\w+ )?(hartaanval|hartinfarct|beroerte|reactie|allergische reactie) gehad\b",
)

# Signs that it happened earlier and is over.
_PAST = _any(
    r"\bvorige (week|maand|keer)\b", r"\bgisteren\b", r"\beergisteren\b", r"\bvorig jaar\b", r"\btoen\b", r"\bdestijds\b",
    r"\bjaren geleden\b", r"\blast (week|month|year|time)\b", r"\byesterday\b", r"\byears ago\b", r"\bin the past\b",
)

# Words that touch on an allergic reaction or a red flag at all: a general question about them gets the 112 line.
_ALARM = _any(
    r"\ballergi\w*", r"\banafyla\w*", r"\banaphyla\w*", r"\boverg[e]?voelig\w*", r"\bhypersensitiv\w*", r"\bshock\b",
    r"\bzwel\w*", r"\bswell\w*", r"\bswollen\b", r"\bbenau\w*", r"\bademhal\w*", r"\bbreath\w*", r"\bwheez\w*",
    r"\bflauw\w*", r"\bfaint\w*", r"\bpijn op de borst\b", r"\bchest pain\b", r"\bkeel\b", r"\bthroat\b",
)

_CRISIS = _any(
    r"\b(denk|dacht|denken) (\w+ ){0,2}aan (zelfmoord|zelfdoding)\b", r"\bzelfmoord plegen\b", r"\b(feel|feeling|am) suicidal\b",
    r"\b(mezelf|mijzelf|me)( \w+){0,2} (iets )?(aan ?(te )?doen|aandoen|van kant|om het leven|pijn (te )?doen|snijden|beschadigen)",
    r"\b(wil|zou willen|wou)( \w+){0,2} (dood|sterven|er niet meer zijn)\b", r"\bdood (willen|wil|zijn)\b",
    r"\bniet meer (leven|wakker (worden|te worden)|verder (kunnen|willen)|willen leven)\b",
    r"\been? (einde?|eind) aan (mijn leven |het leven |alles )?(maken|te maken)\b", r"\buit het leven\b",
    r"\b(leven|het) heeft geen zin\b", r"\bgeen zin meer (in|om)( te)? leven\b", r"\bbeter af zonder mij\b",
    r"\bbeter (dood|af als ik er niet)\b", r"\bsnijd(en)? (mezelf|in mezelf|mijzelf)\b",
    r"\bdodelijke (dosis|hoeveelheid)\b", r"\bhoeveel( \w+){0,4} (om|tot|voor)( \w+)? (dood|te sterven|niet meer wakker)",
    r"\balle (pillen|tabletten|pilletjes)( \w+){0,3} (innemen|nemen|slikken)\b", r"\boverdosis (nemen|innemen|slikken)\b",
    r"\bkill(ing)? myself\b", r"\bend(ing)? (my|it) (life|all)\b", r"\bend it all\b", r"\btake my (own )?life\b",
    r"\b(want|wanna|going) to die\b", r"\bwish (i|id) (was|were|could be) dead\b", r"\bbetter off (dead|without me)\b",
    r"\bno (reason|point) (to|in) (live|living|going on)\b", r"\bdont want to (live|be here|be alive|wake up)\b",
    r"\b(hurt|hurting|harm|harming|cut|cutting) myself\b", r"\b(lethal|fatal|deadly) (dose|amount)\b",
    r"\bhow (many|much)( \w+){0,5} to (die|kill|end)\b", r"\boverdose on\b", r"\bnot worth living\b",
    r"\blife (is|isnt) (not )?worth\b", r"\bdisappear forever\b",
    r"\b(zichzelf|haarzelf|hemzelf)( \w+){0,2} (iets )?(aan ?(te )?doen|aandoen|van kant|om het leven|snijden)",
    r"\b(kill|hurt|harm|cut)(ing|s)? (herself|himself|themselves|themself)\b", r"\bsnij\w* (mezelf|mijzelf|zichzelf)\b",
    r"\b(lethal|dodelijk\w*|fatal)\b.*\b(dose|amount|much|many|dosis|hoeveelheid|hoeveel)\b",
    r"\b(dose|amount|much|many|dosis|hoeveelheid|hoeveel)\b.*\b(lethal|dodelijk\w*|fatal)\b", r"\bpoint (in|of) (living|life|going on)\b", r"\bzin (meer )?(in|van) (het )?leven\b",
    r"\b(er|hier)( \w+){0,2} niet meer (was|ben|zou zijn|zijn|besta)\b", r"\bif i (was|were) gone\b",
    r"\b(nobody|no one|noone|niemand)( \w+){0,2} (would|will|zou|zal)( \w+){0,2} (notice|care|miss|merken|missen)\b", r"\bniemand (zou|zal) (me|mij) (missen|missen)\b",
    r"\bnobody (would|will) miss me\b", r"\b(al|alle) (mijn |m n |mn )?(pillen|tabletten|pilletjes|medicijnen)( \w+){0,6} "
    r"(in (een|1) keer|tegelijk|allemaal)\b", r"\ball (my |of my |the )?(pills|tablets|medicines)( \w+){0,3} at once\b",
    r"\b(finally|eindelijk) (be )?(over|voorbij|rust)\b", r"\b(einde?|eind) aan (zijn|haar|mijn|mn|m n|het|hun) leven\b",
    r"\b(end|take) (his|her|their) (own )?life\b", r"\b(goodbye|farewell) (letter|note)s?\b", r"\bafscheidsbrie\w*",
    r"\bsuicide note\b", r"\bsnij\w*( \w+){0,2} (mezelf|mijzelf|zichzelf)\b", r"\bom (dood te gaan|te sterven|er een eind)",
    r"\b(alle|al mijn) (pillen|tabletten|pilletjes)( \w+){0,2} (ingenomen|genomen|geslikt)\b",
    r"\b(took|swallowed|taken) all (my |of my |the )?(pills|tablets)\b", r"\bgive up on life\b", r"\bniet meer wakker (worden|te worden)\b",
    # Despair in everyday Dutch, and a whole supply taken at once (named by its brand or not).
    r"\bzie geen (uitweg|toekomst)( meer)?\b",
    r"\b(al|alle) (mijn|mn|m n)( \w+){1,2} (in (een|1|één) keer|tegelijk|tegelijkertijd)( \w+){0,2} "
    r"(neem|nemen|inneem|innemen|slik|slikken|spuit|spuiten)\b",
    r"\b(take|swallow|inject|taking|swallowing|injecting) all (my|of my)( \w+){1,2} at once\b",
    # A wish to be dead, said by the writer or told of someone else; self-harm in any tense.
    r"\b(want|wants|wanted|wanna|wish|wishes|rather|d rather|id rather)( \w+){0,3} (die|be dead|dead|not wake up)\b",
    r"\b(liever|wil|wilt|willen|wou|wilde)( \w+){0,3} (dood|sterven|dood zijn|niet meer wakker)\b",
    r"\b(not|never|niet meer|nooit meer) (to )?wake up\b", r"\bnooit meer wakker\b",
    r"\b(mezelf|mijzelf|zichzelf|myself|himself|herself|themselves)( \w+){0,3} (gesneden|sneed|gekrast|kras\w*|"
    r"beschadigd|verwond\w*|pijn gedaan|gebrand|cut|burned|burnt|hurt|harmed|scratched)\b",
    r"\b(cut|cuts|cutting|burn|burns|burning|hurt|hurts|hurting|harm|harms|harming)( \w+){0,1} (myself|himself|herself|themselves)\b",
    r"\ber( \w+){0,3} (een )?(einde?|eind) aan( \w+){0,2} (maken|te maken|maak)\b",
    r"\b(spaar|spaart|sparen|gespaard|opsparen|op te sparen)( \w+){0,4} (pillen|tabletten|medicijnen|pilletjes)\b|"
    r"\b(pillen|tabletten|medicijnen|pilletjes|\w+ tabletten)( \w+){0,2} (op ?sparen|spaar|gespaard)\b",
    r"\b(saving|stockpiling|hoarding|saved|stockpiled|hoarded) (up )?(my |all my )?(pills|tablets|medicine|meds)\b",
)


# Words the rules depend on; a misspelling of one (not itself a real word) is read as the word.
_KEY_WORDS = tuple("""
tongue throat swollen swelling swelled breathe breathing wheezing lips face eyelids swallow chest unconscious collapsed
fainted dizzy hives allergic reaction suicide suicidal myself herself himself kill overdose lethal
benauwd keel tong lippen gezicht oogleden zwelt zwelling opgezwollen ademen ademhalen slikken borst flauwgevallen
bewusteloos duizelig allergisch zelfmoord mezelf zichzelf dodelijk overdosis
""".split())


def _respell(folded: str) -> str:
    from rapidfuzz import fuzz, process

    from .vocabulary import is_common_word
    words = folded.split()
    for i, word in enumerate(words):
        if len(word) >= 4 and word not in _KEY_WORDS and word.isalpha() and not is_common_word(word):
            near = process.extractOne(word, _KEY_WORDS, scorer=fuzz.ratio, score_cutoff=80)
            if near:
                words[i] = near[0]
    return " ".join(words)


@dataclass(frozen=True)
class Safety:
    """What the safety check found: kind 'emergency', 'crisis', or None; and whether a general question
    touches on red-flag symptoms (then the answer carries the 'symptoms now? call 112' line)."""
    kind: str | None
    alarm: bool = False
    crisis_too: bool = False


def _red_flag_now(folded: str, raw: str) -> bool:
    symptoms = _NOT_SYMPTOMS.sub(" ", folded)
    red = bool(_RED_FLAGS.search(symptoms))
    weak = sum(1 for p in _WEAK_SIGNS if p.search(symptoms))
    if not red and weak < 2:
        return False
    # A supposition or a story of earlier is for the classifier to weigh, not for a rule.
    if _SUPPOSING.search(folded) or _PAST.search(folded) or _HAD.search(folded):
        return False
    if _NOW.search(folded) or "!" in raw:
        return True
    if _HYPOTHETICAL.search(folded):
        return False
    return red or bool(_NOW_WEAK.search(folded) or _PERSON.search(folded))


def check(folded: str, raw: str) -> Safety:
    """Emergency first, then crisis; `folded` is `text.padded(raw)`."""
    folded = f" {_respell(folded)} "
    emergency = _red_flag_now(folded, raw)
    crisis = bool(_CRISIS.search(folded))
    if emergency:
        return Safety("emergency", crisis_too=crisis)
    if crisis:
        return Safety("crisis")
    return Safety(None, alarm=bool(_ALARM.search(folded) or _RED_FLAGS.search(folded)))
