"""Answer pages: each curated answer on its own shareable, printable page, and an index of them all."""
from __future__ import annotations

import io

import segno
from flask import Blueprint, abort, current_app, render_template, url_for

from .. import engine
from ..content import GENERAL, GENERAL_TOPICS, TOPICS
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
