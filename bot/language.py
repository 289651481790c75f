"""Which language a question is written in: Dutch, English, or not clear."""
import math

TIE_RANK = 100_000   # the rank given to a word missing from a language's list

# Short everyday words that are common in one language and rare or absent in the other.
_DUTCH = frozenset("""
de het een en ik je jij u uw wat hoe waarom wanneer welk welke wie waar mijn mij me niet geen wel bij voor met van
dat die dit deze er ook kan kun kunt mag moet ben bent heb hebt heeft zijn is wordt worden word als of op aan naar
nog maar al dan om te zo zij hij ze we wij ons onze mogen moeten gaat ga krijg krijgt krijgen doen doet zou zouden
nu net veel weinig over tegen na tijdens zonder echter hoeveel keer dag week weken jaar maanden welk waarvoor hallo
hoi dag bedankt dank fijn graag alstublieft jullie iets niks niets mezelf erg heel gewoon even toch eigenlijk ons hun
zwanger bijwerkingen prik spuitje pilletje kinderen kind zoon dochter benauwd
""".split())
_ENGLISH = frozenset("""
the a an and i you your what how why when which who where my me not no yes with for of that this these those there
also can could may might must should am are is was were be been being has have had do does did will would it its
to in on at from after during without about many much times day week weeks year months hello hi thanks thank please
anyone someone something nothing myself very just really get gets got take takes taking while before than then
pregnant side effects injection kids child children son daughter breathe breathing or vs
""".split())
# Words shared by both lists are not evidence for either.
_SHARED = _DUTCH & _ENGLISH
_DUTCH_ONLY = _DUTCH - _SHARED
_ENGLISH_ONLY = _ENGLISH - _SHARED


def detect(words: list[str], vocabulary=None) -> str | None:
    """'nl' or 'en' when the words clearly lean one way, else None.

    `vocabulary` (optional) maps a language to {word: rank} of its common words, used as weaker evidence.
    """
    nl = sum(1.0 for w in words if w in _DUTCH_ONLY)
    en = sum(1.0 for w in words if w in _ENGLISH_ONLY)
    if vocabulary:
        # A word common in both languages counts for the one where it is much more common.
        for w in words:
            if w in _SHARED or w.isdigit():
                continue
            rank_nl, rank_en = vocabulary["nl"].get(w), vocabulary["en"].get(w)
            if rank_nl is not None and (rank_en is None or rank_en > 4 * rank_nl + 500):
                nl += 0.5
            elif rank_en is not None and (rank_nl is None or rank_nl > 4 * rank_en + 500):
                en += 0.5
    if nl > en:
        return "nl"
    if en > nl:
        return "en"
    if vocabulary:
        # Still even ("ok cool", "cheers mate"): the words' ranks in each language's list, on a log scale.
        missing = TIE_RANK
        lean = sum(math.log1p(vocabulary["nl"].get(w, missing)) - math.log1p(vocabulary["en"].get(w, missing))
                   for w in words if not w.isdigit())
        if abs(lean) >= 1.5:
            return "en" if lean > 0 else "nl"
    return None

# Words that carry no subject of their own, in either language.
FUNCTION_WORDS = _DUTCH | _ENGLISH | frozenset("""
heeft hebben werd waren wordt welke zich deze ieder elke alle andere meer minder goed beter slecht vaak soms altijd nooit
hier daar waar zoals omdat want doordat zodat terwijl dus voordat nadat sinds totdat sommige iemand mensen persoon
there their them they than then into onto over under other some every each more most less such because since until
does done doing being would should could might shall will about also even still only really quite
""".split())
