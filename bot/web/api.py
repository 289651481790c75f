"""The JSON API: POST /api/ask answers one question, GET /api/health says whether content is loaded."""
from __future__ import annotations

from functools import cache
from pathlib import Path

from flask import Blueprint, current_app, jsonify, request

from .. import engine
from ..content import LANGS, ContentError
from ..insight import SURFACES
from .conversation import context_from_client
from .limits import ask_within_limit, question_limit, safety_first
from .requestlog import note_reply
from .usage import record_reply

bp = Blueprint("api", __name__, url_prefix="/api")
OPENAPI = Path(__file__).resolve().parents[2] / "docs" / "openapi.json"


def error(status: int, message: str):
    """A JSON {"error": message} with its status."""
    return jsonify(error=message), status


def json_object():
    """(the request's JSON object, None), or (None, the 4xx to answer) when the body is not a JSON object."""
    if not request.is_json:
        return None, error(415, "send JSON with Content-Type: application/json")
    try:
        data = request.get_json(silent=True)
    except RecursionError:  # JSON nested thousands deep
        data = None
    if not isinstance(data, dict):
        return None, error(400, "the body must be a JSON object")
    return data, None


@bp.post("/ask")
@question_limit
@safety_first
def ask_question():
    """{"question": str, "lang": "nl"|"en"|null, "context": object|null, "surface": str|null} -> the reply."""
    data, refusal = json_object()
    if refusal:
        return refusal
    question = data.get("question")
    if not isinstance(question, str) or not question.strip():
        return error(400, "'question' must be a non-empty string")
    if len(question) > current_app.config["MAX_QUESTION_CHARS"]:
        return error(413, f"'question' is longer than {current_app.config['MAX_QUESTION_CHARS']} characters")
    lang = data.get("lang")
    if lang is not None and lang not in LANGS:
        return error(400, f"'lang' must be one of {', '.join(LANGS)} or null")
    context = data.get("context")
    if context is not None and not isinstance(context, dict):
        return error(400, "'context' must be an object (the previous reply's context) or null")
    surface = data.get("surface")
    if surface not in (None, *SURFACES):
        return error(400, f"'surface' must be one of {', '.join(SURFACES)} or null")
    # An odd context is dropped, never an error: the conversation just starts afresh.
    reply = ask_within_limit(question, lang, context_from_client(context))
    note_reply(reply.kind)
    record_reply(surface or "api", reply, question)
    return jsonify(reply.to_dict())


@cache
def _openapi_bytes() -> bytes:
    return OPENAPI.read_bytes()


@bp.get("/openapi.json")
def openapi():
    """The API described as OpenAPI 3.1 (docs/openapi.json)."""
    response = current_app.response_class(_openapi_bytes(), mimetype="application/json")
    response.cache_control.max_age = 3600
    return response


@bp.get("/health")
def health():
    """200 with a summary when the content is loaded, 503 when it cannot be."""
    try:
        content = engine().content
    except ContentError as e:
        return jsonify(status="content has problems", problems=len(e.problems)), 503
    return jsonify(status="ok", medicines=len(content.medicines),
                   answers=sum(not a.draft for a in content.answers.values()))
