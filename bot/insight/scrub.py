"""Scrubbing a question's text before it may be kept: no e-mail addresses, phone numbers or digits, and short."""
from __future__ import annotations

import re

MAX_CHARS = 200

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# A run of digits with the separators people type in phone numbers. A run of 9 or more digits is a phone,
# BSN or patient number (06-12345678, +31 20 123 4567, 123456782); shorter runs are dates, doses or ages.
_DIGIT_RUN = re.compile(r"(?:\+|\b00)?\(?\d[\d\s().-]*\d|\d")
_SPACE = re.compile(r"\s+")
# Half of a UTF-16 pair on its own (JSON allows "\ud800") and control characters such as NUL: a database
# refuses them, and with them every count written in the same batch.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def _digits(match: re.Match) -> str:
    run = match.group()
    if sum(c.isdigit() for c in run) >= 9:
        return "[number]"
    # Keep the separators so "12-03-1980" still reads as a date shape: "#-#-#".
    return re.sub(r"\d+", "#", run)


def scrub(text: str) -> str:
    """The text with e-mail addresses, phone numbers and every digit replaced, on one line, cut to 200 characters,
    and storable in any database (a lone surrogate becomes U+FFFD, a control character a space)."""
    text = _CONTROL.sub(" ", _LONE_SURROGATE.sub("\ufffd", text))
    text = _EMAIL.sub("[e-mail]", text)
    text = _DIGIT_RUN.sub(_digits, text)
    text = _SPACE.sub(" ", text).strip()
    return text[:MAX_CHARS]
