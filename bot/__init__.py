"""A patient-facing medicine information chatbot: general, sourced answers in Dutch and English."""
from __future__ import annotations

import functools

from .reply import Reply

__all__ = ["ask", "Reply", "engine"]


@functools.cache
def engine():
    """The engine over the shipped content, loaded and validated on first use."""
    from .content import load
    from .dialogue import Engine

    return Engine(load())


def ask(question: str, lang: str | None = None, context: dict | None = None) -> Reply:
    """Answer a patient's question.

    `lang` is the page's language ("nl", "en" or None); the reply follows the question's own language when
    that is clear. `context` is the previous reply's `context`, to carry a conversation.
    """
    return engine().ask(question, lang=lang, context=context)
