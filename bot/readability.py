"""How easy an answer is to read: Flesch-Douma (Dutch), Flesch Reading Ease (English), sentence lengths.

Works offline: Dutch syllables come from pyphen's bundled Dutch hyphenation dictionary (as in textstat's Dutch
mode); English syllables from spelling rules, because textstat's English counter downloads a dictionary at run
time. Sentences end at . ! ? and also at the end of a paragraph, a list item or a line ending in a colon (a heading),
so a list reads as short lines.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import pyphen

# (base, per word in a sentence, per syllable in a word), as in textstat's language settings
FORMULAS = {
    "nl": (206.835, 0.93, 77.0),    # Flesch-Douma
    "en": (206.835, 1.015, 84.6),   # Flesch Reading Ease
}
_WORD = re.compile(r"[^\W_]+(?:[-'’.,][^\W_]+)*")   # "IL-4", "0,46" and "patiënt's" are one word
_BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’')\]]*\s+")


@dataclass(frozen=True)
class Readability:
    """The scores of one text."""
    score: float              # Flesch-Douma or Flesch Reading Ease: higher is easier, 60+ is plain language
    words: int
    lengths: tuple            # (number of words, sentence) of each sentence

    def long_sentences(self, limit: int) -> list[tuple]:
        """(number of words, sentence) of each sentence over `limit` words."""
        return [(n, s) for n, s in self.lengths if n > limit]


def sentences(text: str) -> list[str]:
    """The sentences of a text; a paragraph, a list item or a heading line (ending in a colon) always ends one
    (a list item is one line, or more lines when the next ones are indented)."""
    units, current, in_item = [], [], False
    for line in text.splitlines():
        new_item = bool(_BULLET.match(line))
        if not line.strip() or new_item or (in_item and not line[:1].isspace()):
            units.append(" ".join(current))
            current, in_item = [], new_item
        if line.strip():
            current.append(_BULLET.sub("", line).strip())
        if line.rstrip().endswith(":") and not in_item:   # a heading line ("Direct hulp:") is a unit of its own
            units.append(" ".join(current))
            current = []
    units.append(" ".join(current))
    found = []
    for unit in units:
        merged = []
        for piece in _SENTENCE_END.split(unit):
            piece = piece.strip()
            if merged and piece and piece[0].islower():
                merged[-1] += " " + piece     # "bijv. 20" or "e.g. the" do not start a sentence
            elif piece:
                merged.append(piece)
        found.extend(merged)
    return [s for s in found if words(s)]


def words(text: str) -> list[str]:
    """The words of a text (numbers count as words)."""
    return _WORD.findall(text)


@functools.cache
def _dutch() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="nl_NL")


def _english_syllables(word: str) -> int:
    w = re.sub(r"[^a-z]", "", word.lower())
    if len(w) <= 3:
        return 1
    count = len(re.findall(r"[aeiouy]+", w))
    if re.search(r"[^aeiouy]e$", w) and not re.search(r"[^aeiouyl]le$", w):
        count -= 1                                    # make, severe; but table
    elif re.search(r"[^aeiouy]e[sd]$", w) and not re.search(r"([td]ed|[sxzg]es|[cs]hes|ces|ses|les)$", w):
        count -= 1                                    # makes, used; but needed, cases
    elif re.search(r"[^aeiouy]e(ly|ment|ful|less|ness)$", w):
        count -= 1                                    # likely, treatment
    # vowel pairs spoken as two syllables: usually, idea, biological, being
    count += len(re.findall(r"[^gq]ua|[^c]ia(?!n$)|[^p]eo|eo$|[^t]io(?!n)|iu|ie[rt]|ea$|[aeiou]y[aeiou](?!s?$)"
                            r"|ui[^cdlnrst]|uo|[aeiouy]ing$", w))
    if w.startswith("y") and count > 1 and w[1] in "aeiou":
        count -= 1                                    # yearly
    return max(1, count)


def syllables(word: str, lang: str) -> int:
    """The number of syllables of one word in `lang` ("nl" or "en")."""
    total = 0
    for part in re.split(r"[-'’]", word):
        if not part:
            continue
        if any(c.isdigit() for c in part):
            total += 1
        elif lang == "nl":
            total += len(_dutch().positions(part.lower())) + 1
        else:
            total += _english_syllables(part)
    return max(1, total)


def measure(text: str, lang: str, free: frozenset = frozenset()) -> Readability:
    """The readability of a text in `lang` ("nl" or "en"); `free` words (lower case) count for sentence length
    but not for word length, e.g. the medicine's own name."""
    found = sentences(text)
    counted = [words(s) for s in found]
    n_words = sum(len(w) for w in counted)
    scored = [w for ws in counted for w in ws if w.lower() not in free]
    if not n_words or not scored:
        return Readability(0.0, n_words, tuple(zip(map(len, counted), found)))
    base, per_word, per_syllable = FORMULAS[lang]
    score = (base - per_word * n_words / len(found)
             - per_syllable * sum(syllables(w, lang) for w in scored) / len(scored))
    return Readability(round(score, 1), n_words, tuple(zip(map(len, counted), found)))
