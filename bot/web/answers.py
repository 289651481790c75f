"""Answer pages: each curated answer on its own shareable, printable page, and an index of them all."""
from __future__ import annotations

from flask import Blueprint, abort, render_template

from .. import engine
from ..content import GENERAL, GENERAL_TOPICS, TOPICS
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


@bp.get("/<lang>/<medicine>/<topic>")
def answer(medicine: str, topic: str):
    """One curated answer with its framing, sources, source dates and review date."""
    content = engine().content
    lang = page_lang()
    if (medicine not in content.medicines and medicine != GENERAL) or topic not in TOPICS + GENERAL_TOPICS:
        abort(404)
    found = content.answer(lang, medicine, topic)
    if found is None:
        abort(404)
    return render_template("answer.html", surface="answers", answer=found,
                           medicine=content.medicines.get(medicine),
                           framing=content.phrases[lang]["framing"].strip(),
                           sources=[c.to_dict(lang) for c in found.citations])
