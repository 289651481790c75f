"""What the surfaces share about one turn of a conversation: the context sent back by the client, and the
question checked before it reaches the engine. The server keeps nothing between turns."""
from __future__ import annotations

import json

from .. import engine

MAX_CONTEXT_CHARS = 2000
_MAX_KEYS = 20


def context_from_client(raw) -> dict | None:
    """The conversation context as the client sent it back, or None when it is missing, broken or odd.

    Only small scalar values pass; the engine checks each value it uses against its own content."""
    if isinstance(raw, str):
        if not raw or len(raw) > MAX_CONTEXT_CHARS:
            return None
        try:
            raw = json.loads(raw)
        except (ValueError, RecursionError):
            return None
    if not isinstance(raw, dict) or len(raw) > _MAX_KEYS:
        return None
    clean = {}
    for key, value in raw.items():
        if not isinstance(key, str) or len(key) > 40:
            return None
        if value is None or isinstance(value, (bool, int)) or (isinstance(value, str) and len(value) <= 100):
            clean[key] = value
    return clean


def context_for_client(context: dict | None) -> str:
    """The context as the text of the hidden form field."""
    return json.dumps(context, ensure_ascii=False, separators=(",", ":")) if context else ""


def blocks(text: str) -> list[tuple[str, list[str]]]:
    """A reply's plain text as paragraphs and lists: [("p", lines), ("ul", items), ...].

    Paragraphs are separated by blank lines; lines starting with "- " are list items."""
    out: list[tuple[str, list[str]]] = []
    for paragraph in text.split("\n\n"):
        kind = None
        for line in paragraph.split("\n"):
            if not line.strip():
                continue
            item = line.startswith("- ")
            line_kind = "ul" if item else "p"
            if line_kind != kind:
                out.append((line_kind, []))
                kind = line_kind
            out[-1][1].append(line[2:].strip() if item else line.strip())
    return out


def lead_first(reply: dict) -> dict | None:
    """A curated answer as a surface shows it: the lead first, the rest one tap away ("Read more"), and the
    ask-your-doctor framing always in view. None for a reply without a lead (shown whole)."""
    summary, text = reply.get("summary"), reply.get("text") or ""
    framing = framings().get(reply.get("lang"))
    if not summary or not framing or not text.endswith(framing):
        return None
    return {"lead": summary, "rest": text[:-len(framing)].rstrip(), "framing": framing}


def framings() -> dict[str, str]:
    """The ask-your-doctor framing per language, for replies that chat.js shows lead first."""
    return {lang: phrases["framing"].strip() for lang, phrases in engine().content.phrases.items()}
