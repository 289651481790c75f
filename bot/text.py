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
