"""Thumbs up or down under a curated answer: the plain form (POST /<lang>/feedback, then back to the
conversation page with a thank-you) and its JSON twin (POST /api/feedback).

Only the answer id, the answer's language, the surface, helpful yes/no and the day are counted; nothing of
the conversation travels with a thumb."""
from __future__ import annotations

from flask import Blueprint, abort, jsonify, redirect, request, url_for

from .. import engine
from ..content import LANGS
from ..insight import SURFACES
from .api import error, json_object
from .i18n import lang_url_processors
from .limits import question_limit
from .usage import recorder

bp = Blueprint("feedback", __name__)
lang_url_processors(bp)

# Where the plain form goes back to after a thumb.
PAGES = {"web": "chat.chat", "kiosk": "chat.kiosk", "embed": "chat.embed"}
_HELPFUL = {"yes": True, "no": False}


def problem(answer_id, lang, surface, helpful) -> str | None:
    """What is wrong with a thumb, or None when it can be counted."""
    if lang not in LANGS:
        return f"'lang' must be one of {', '.join(LANGS)}"
    if surface not in SURFACES:
        return f"'surface' must be one of {', '.join(SURFACES)}"
    if not isinstance(helpful, bool):
        return "'helpful' must be true or false"
    if not isinstance(answer_id, str) or answer_id.count("/") != 1:
        return "'answer_id' must be the answer_id of a reply, like 'dupilumab/risks'"
    if engine().content.answer(lang, *answer_id.split("/")) is None:
        return "'answer_id' is not an answer in this language"
    return None


def _count(answer_id: str, lang: str, surface: str, helpful: bool) -> None:
    medicine, topic = answer_id.split("/")
    recorder().feedback(surface, lang, medicine, topic, helpful)


@bp.post("/<lang>/feedback")
@question_limit
def give():
    """A thumb given with the plain HTML form; then the surface's page again with the same answer, by its id,
    thanking (post/redirect/get)."""
    form = request.form
    answer_id, lang, surface = form.get("answer_id"), form.get("lang"), form.get("surface")
    helpful = _HELPFUL.get(form.get("helpful", ""))
    if surface not in PAGES or problem(answer_id, lang, surface, helpful):
        abort(400)
    _count(answer_id, lang, surface, helpful)
    return redirect(url_for(PAGES[surface], feedback="thanks", answer=f"{lang}/{answer_id}"), 303)


@bp.post("/api/feedback")
@question_limit
def api_feedback():
    """{"answer_id": str, "lang": "nl"|"en", "helpful": bool, "surface": str|null} -> 202, counted later."""
    data, refusal = json_object()
    if refusal:
        return refusal
    answer_id, lang, helpful = data.get("answer_id"), data.get("lang"), data.get("helpful")
    surface = data.get("surface")
    if surface is None:
        surface = "api"
    wrong = problem(answer_id, lang, surface, helpful)
    if wrong:
        return error(400, wrong)
    _count(answer_id, lang, surface, helpful)
    return jsonify(status="accepted"), 202
