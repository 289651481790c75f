"""The conversation surfaces: the chat page, the waiting-room kiosk and the embed for other sites.

All three are the same plain HTML form (field `q`, the context in a hidden field) posted to their own URL;
JavaScript only enhances it."""
from __future__ import annotations

from flask import Blueprint, current_app, render_template, request, url_for
from flask_babel import gettext as _

from .. import engine
from .conversation import context_for_client, context_from_client
from .i18n import lang_url_processors, page_lang
from .limits import ask_within_limit, question_limit, safety_first
from .answers import shown_answer
from .requestlog import note_reply
from .usage import record_reply

bp = Blueprint("chat", __name__)
EMBED_WAIT_MS = 8000  # how long a host page waits for the embed to say it is there, before offering a link
lang_url_processors(bp)


def _surface(surface: str):
    """Show the start of a conversation (GET) or the reply to a question posted with the form (POST).

    A GET may carry the conversation's context (the language switch does), so a follow-up still finds its
    medicine; after a thumb given without JavaScript it shows the answer that was thanked for, by its id."""
    question, reply, error, status = "", None, None, 200
    context = context_from_client(request.args.get("context"))
    thanked = request.method == "GET" and request.args.get("feedback") == "thanks"
    if thanked and request.args.get("answer"):
        reply = shown_answer(request.args["answer"])
        context = reply["context"] if reply else context
    if request.method == "POST":
        question = request.form.get("q", "")
        context = context_from_client(request.form.get("context"))
        if not question.strip():
            error, status = _("Please type a question."), 400
        elif len(question) > current_app.config["MAX_QUESTION_CHARS"]:
            error, status = _("Your question is too long. Please make it shorter."), 413
        else:
            reply = ask_within_limit(question, page_lang(), context).to_dict()
            record_reply(surface, reply, question)
            context = reply["context"]
            note_reply(reply["kind"])
    starters = engine().content.phrases[page_lang()]["suggestions"]
    return render_template(f"{surface}.html", surface=surface, question=question, reply=reply, error=error,
                           context_json=context_for_client(context), starters=starters, thanked=thanked), status


@bp.route("/<lang>/", methods=["GET", "POST"])
@question_limit
@safety_first
def chat():
    """The chat page on the clinic's website."""
    return _surface("chat")


@bp.route("/kiosk", methods=["GET", "POST"])
@bp.route("/<lang>/kiosk", methods=["GET", "POST"])
@question_limit
@safety_first
def kiosk():
    """The touch-screen kiosk in the waiting room."""
    return _surface("kiosk")


@bp.route("/embed", methods=["GET", "POST"])
@bp.route("/<lang>/embed", methods=["GET", "POST"])
@question_limit
@safety_first
def embed():
    """The compact page other sites put in an <iframe>."""
    return _surface("embed")


@bp.get("/<lang>/embed.js")
def embed_script():
    """The one line for a host page: a script that puts the embed in an iframe sized to its content, or a
    message with a link where the browser may not frame it (templates/embed-host.js)."""
    script = render_template("embed-host.js", origin=f"{request.scheme}://{request.host}",
                             script_url=url_for("chat.embed_script", _external=True),
                             embed_url=url_for("chat.embed", _external=True),
                             chat_url=url_for("chat.chat", _external=True), wait_ms=EMBED_WAIT_MS,
                             unavailable=_("The medicine information cannot be shown on this page."),
                             open_link=_("Open it in a new window"))
    response = current_app.response_class(script, mimetype="text/javascript")
    response.cache_control.max_age = 3600
    response.cache_control.private = True  # made from this request's address
    return response
