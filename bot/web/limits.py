"""Rate limits per client address on asking questions (Flask-Limiter), and the client address behind a proxy.

Only a POST to a view marked with `question_limit` counts; reading pages never does. The limit is shared
by every such view, so the chat page, kiosk, embed and API draw on one budget per client.

Safety comes before the limit: over it, a question posted to a view marked `safety_first` is still read, and
an emergency or crisis reply is given as usual; anything else gets the 429. The engine's reply kind decides,
so this follows whatever triage the engine uses."""
from __future__ import annotations

import ipaddress
import logging
import math
import time

from flask import Flask, current_app, g, request
from flask_limiter import ApplicationLimit, Limiter, RateLimitExceeded
from flask_limiter.util import get_remote_address
from werkzeug.exceptions import HTTPException
from werkzeug.middleware.proxy_fix import ProxyFix

from .. import ask
from ..reply import Reply
from .errors import page

DEFAULTS = {
    "RATELIMIT_QUESTIONS": "30 per minute",   # no patient types faster
    "RATELIMIT_STORAGE_URI": "memory://",     # redis://host:6379 when several processes share the limit
    "RATELIMIT_EXEMPT": (),                   # addresses or networks never limited, e.g. the kiosk PC
    "RATELIMIT_HEADERS_ENABLED": False,       # Retry-After is set on a 429 either way
    "PROXY_FIX_HOPS": 0,                      # reverse proxies in front that set X-Forwarded-For/-Proto
}
TOO_MANY = "too many questions from this address; please wait a minute and try again"
SAFETY_KINDS = ("emergency", "crisis")  # replies given even over the limit


def question_limit(view):
    """Put a view's POSTs under the client's question limit (asking a question; anything a bot could hammer
    with the same cost, such as a thumb under an answer)."""
    view.question_limited = True
    return view


def safety_first(view):
    """Mark a view that answers questions with `ask_within_limit`: over the limit it still gives an emergency
    or crisis reply."""
    view.safety_first = True
    return view


def ask_within_limit(question: str, lang: str | None, context: dict | None) -> Reply:
    """The engine's reply; over the client's question limit only an emergency or crisis reply, else the 429."""
    reply = ask(question, lang=lang, context=context)
    refused = g.get("over_question_limit")
    if refused is not None and reply.kind not in SAFETY_KINDS:
        raise refused
    return reply


def _safety_first(e: RateLimitExceeded):
    """Over the limit: run a question-answering view anyway, and keep its reply only when it is an emergency or
    a crisis. Costs one engine run per refused question, as an answered one would."""
    view = current_app.view_functions.get(request.endpoint or "")
    if request.method == "POST" and getattr(view, "safety_first", False) and "over_question_limit" not in g:
        g.over_question_limit = e
        try:
            response = current_app.make_response(view(**(request.view_args or {})))
        except HTTPException:  # the 429 itself, or a request too broken to read
            pass
        else:
            if g.get("reply_kind") in SAFETY_KINDS:
                return response
    return page(e)


def exempt_networks(value) -> tuple:
    """RATELIMIT_EXEMPT as networks; a list, or one string of addresses separated by commas or spaces."""
    if isinstance(value, str):
        value = value.replace(",", " ").split()
    try:
        return tuple(ipaddress.ip_network(str(v), strict=False) for v in value)
    except ValueError as e:
        raise ValueError(str(e)) from None


def _not_counted() -> bool:
    view = current_app.view_functions.get(request.endpoint or "")
    if request.method != "POST" or not getattr(view, "question_limited", False):
        return True
    exempt = current_app.extensions["question_limit_exempt"]
    if not exempt:
        return False
    try:
        address = ipaddress.ip_address(get_remote_address())
    except ValueError:
        return False
    return any(address in network for network in exempt)


def _retry_after(response):
    if response.status_code == 429 and "Retry-After" not in response.headers:
        breached = current_app.extensions["question_limiter"].current_limit
        seconds = breached.reset_at - time.time() if breached else 60
        response.headers["Retry-After"] = str(max(1, math.ceil(seconds)))
    return response


def init_app(app: Flask) -> None:
    """Trust the configured proxies for the client address, and limit questions per address (both settings are
    checked in `settings`)."""
    hops = app.config["PROXY_FIX_HOPS"]
    if hops > 0:
        # Under `bot serve` waitress has read the same headers already (bot/web/server.py) and passed on what
        # it trusted: this finds the same client again. Under gunicorn this is where the headers are read.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)
    rule = app.config["RATELIMIT_QUESTIONS"]
    app.extensions["question_limit_exempt"] = exempt_networks(app.config["RATELIMIT_EXEMPT"])
    # Its INFO line on a breach names the client address, which we never log.
    logging.getLogger("flask-limiter").setLevel(logging.WARNING)
    limiter = Limiter(get_remote_address, application_limits=[
        ApplicationLimit(rule, scope="questions", error_message=TOO_MANY)])
    limiter.request_filter(_not_counted)  # pages, health and static files skip the limiter at once
    limiter.init_app(app)
    app.extensions["question_limiter"] = limiter
    app.after_request(_retry_after)
    app.register_error_handler(RateLimitExceeded, _safety_first)
