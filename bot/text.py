"""Turning what a patient typed into words the matcher can compare."""
import re
import unicodedata

_APOSTROPHES = str.maketrans({"’": "", "'": "", "‘": "", "`": ""})
_NOT_WORD = re.compile(r"[^a-z0-9]+")
_DIGIT_LETTER = re.compile(r"(?<=\d)(?=[a-z])|(?<=[a-z])(?=\d)")


def fold(text: str) -> str:
    """Lower case, accents removed, apostrophes dropped, everything else but letters and digits a space."""
    text = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES).lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = _NOT_WORD.sub(" ", text)
    return " ".join(_DIGIT_LETTER.sub(" ", text).split())


def words(text: str) -> list[str]:
    """The folded words of a text."""
    return fold(text).split()


def padded(text: str) -> str:
    """The folded text with a space either side, so phrases can be found as ' phrase '."""
    return f" {fold(text)} "


# Cyrillic and Greek letters that look like Latin ones, as used to hide a word from a filter.
_LOOK_ALIKES = str.maketrans({
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i", "ј": "j", "ѕ": "s", "к": "k",
    "м": "m", "т": "t", "н": "h", "в": "b", "г": "r", "ԁ": "d", "ɡ": "g", "ո": "n", "ս": "u",
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C", "Т": "T", "Х": "X",
    "І": "I", "Ј": "J", "Ѕ": "S",
    "α": "a", "ο": "o", "ρ": "p", "ν": "v", "ι": "i", "κ": "k", "τ": "t", "υ": "u", "χ": "x", "ε": "e",
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N", "Ο": "O", "Ρ": "P",
    "Τ": "T", "Υ": "Y", "Χ": "X",
})
_HIDDEN = ("Cf", "Cc", "Cs", "Co", "Cn", "Mn", "Me")  # after NFKC, a mark left is decoration


def _mixed_script_word(word: str) -> str:
    """A word written mostly in Latin letters with look-alikes mixed in, in Latin letters only."""
    latin = sum(1 for c in word if "a" <= c.lower() <= "z")
    return word.translate(_LOOK_ALIKES) if latin else word


def plain(text: str) -> str:
    """What a patient typed, as plain text: Unicode NFKC (full-width and styled letters become plain ones), invisible
    characters (zero-width, soft hyphen, bidi marks, lone surrogates) and leftover combining marks removed, and look-alike Cyrillic or Greek
    letters inside Latin words mapped to Latin. Whole Cyrillic or Greek words stay as they are. Line breaks and
    tabs become spaces."""
    text = text.encode("utf-8", "replace").decode("utf-8")
    text = unicodedata.normalize("NFKC", text)
    text = "".join(" " if c in "\n\r\t" else c for c in text
                   if c in "\n\r\t" or unicodedata.category(c) not in _HIDDEN)
    return re.sub(r"\S+", lambda m: _mixed_script_word(m.group()), text)
