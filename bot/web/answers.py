"""Answer pages: each curated answer on its own shareable, printable page, and an index of them all."""
from __future__ import annotations

import io

import segno
from flask import Blueprint, abort, current_app, render_template, url_for

from .. import engine
from ..content import GENERAL, GENERAL_TOPICS, LANGS, TOPICS
from .hosts import public_base
from .i18n import lang_url_processors, page_lang

bp = Blueprint("answers", __name__)
lang_url_processors(bp)


@bp.get("/<lang>/medicines")
def index():
    """Every medicine and general topic with a link to each of its answers."""
    content = engine().content
    lang = page_lang()
    medicines = [(m, [content.answer(lang, m.id, t) for t in content.topics_of(m.id, lang)])
                 for m in content.medicines.values()]
    general = [a for a in (content.answer(lang, GENERAL, t) for t in GENERAL_TOPICS) if a]
    return render_template("index.html", surface="answers", medicines=medicines, general=general)


def _served_answer(medicine: str, topic: str):
    """The curated answer shown at this address, or a 404 in the page's language."""
    content = engine().content
    if (medicine not in content.medicines and medicine != GENERAL) or topic not in TOPICS + GENERAL_TOPICS:
        abort(404)
    found = content.answer(page_lang(), medicine, topic)
    if found is None:
        abort(404)
    return found


def shown_answer(address) -> dict | None:
    """A curated answer by its address ('nl/dupilumab/risks') as a conversation shows a reply, or None when
    there is no such answer: how a page without JavaScript comes back to an answer after a thumb."""
    parts = address.split("/") if isinstance(address, str) and len(address) < 200 else []
    content = engine().content
    found = content.answer(*parts) if len(parts) == 3 and parts[0] in LANGS else None
    if found is None:
        return None
    lang = found.lang
    medicine = found.medicine if found.medicine in content.medicines else None
    return {"kind": "answer", "lang": lang, "answer_id": found.id, "title": found.title,
            "text": found.text.strip() + "\n\n" + content.phrases[lang]["framing"].strip(),
            "sources": [c.to_dict(lang) for c in found.citations], "reviewed": found.reviewed.isoformat(),
            "suggestions": list(content.phrases[lang]["suggestions"]),
            "context": {"lang": lang, "medicine": medicine, "topic": found.topic if medicine else None, "turn": 1}}


@bp.get("/<lang>/<medicine>/<topic>")
def answer(medicine: str, topic: str):
    """One curated answer with its framing, sources, source dates and review date."""
    content = engine().content
    lang = page_lang()
    found = _served_answer(medicine, topic)
    return render_template("answer.html", surface="answers", answer=found,
                           medicine=content.medicines.get(medicine),
                           framing=content.phrases[lang]["framing"].strip(),
                           sources=[c.to_dict(lang) for c in found.citations])


@bp.get("/<lang>/<medicine>/<topic>/qr.svg")
def qr_code(medicine: str, topic: str):
    """A QR code of the answer page's public address, shown beside kiosk answers to read again at home."""
    _served_answer(medicine, topic)
    address = public_base().rstrip("/") + url_for("answers.answer", medicine=medicine, topic=topic)
    svg = io.BytesIO()
    segno.make(address, error="m").save(svg, kind="svg", border=2, omitsize=True, xmldecl=False, svgns=True,
                                        title=address)
    response = current_app.response_class(svg.getvalue(), mimetype="image/svg+xml")
    response.cache_control.max_age = 3600
    # Made from this request's Host when no public address is set: no shared cache may hand it to others.
    response.cache_control.private = not current_app.config["PUBLIC_BASE_URL"]
    return response
