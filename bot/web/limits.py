"""Rate limits per client address on asking questions (Flask-Limiter), and the client address behind a proxy.

Only a POST to a view marked with `question_limit` counts; reading pages never does. The limit is shared
by every such view, so the chat page, kiosk, embed and API draw on one budget per client."""
from __future__ import annotations

import ipaddress
import logging
import math
import time

import limits as limit_strings
from flask import Flask, current_app, request
from flask_limiter import ApplicationLimit, Limiter
from flask_limiter.util import get_remote_address
from werkzeug.middleware.proxy_fix import ProxyFix

DEFAULTS = {
    "RATELIMIT_QUESTIONS": "30 per minute",   # no patient types faster
    "RATELIMIT_STORAGE_URI": "memory://",     # redis://host:6379 when several processes share the limit
    "RATELIMIT_EXEMPT": (),                   # addresses or networks never limited, e.g. the kiosk PC
    "RATELIMIT_HEADERS_ENABLED": False,       # Retry-After is set on a 429 either way
    "PROXY_FIX_HOPS": 0,                      # reverse proxies in front that set X-Forwarded-For/-Proto
}
TOO_MANY = "too many questions from this address; please wait a minute and try again"


def question_limit(view):
    """Put a view's POSTs under the client's question limit (asking a question; anything a bot could hammer
    with the same cost, such as a thumb under an answer)."""
    view.question_limited = True
    return view


def exempt_networks(value) -> tuple:
    """RATELIMIT_EXEMPT as networks; a list, or one string of addresses separated by commas or spaces."""
    if isinstance(value, str):
        value = value.replace(",", " ").split()
    try:
        return tuple(ipaddress.ip_network(str(v), strict=False) for v in value)
    except ValueError as e:
        raise ValueError(f"RATELIMIT_EXEMPT: {e}") from None


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
    """Trust the configured proxies for the client address, and limit questions per address."""
    hops = int(app.config["PROXY_FIX_HOPS"])
    if hops > 0:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)
    rule = app.config["RATELIMIT_QUESTIONS"]
    try:
        limit_strings.parse_many(rule)  # a typo fails at start-up, not at every question
    except ValueError:
        raise ValueError(f"RATELIMIT_QUESTIONS: {rule!r} is not a rate such as '30 per minute'") from None
    app.extensions["question_limit_exempt"] = exempt_networks(app.config["RATELIMIT_EXEMPT"])
    # Its INFO line on a breach names the client address, which we never log.
    logging.getLogger("flask-limiter").setLevel(logging.WARNING)
    limiter = Limiter(get_remote_address, application_limits=[
        ApplicationLimit(rule, scope="questions", error_message=TOO_MANY)])
    limiter.request_filter(_not_counted)  # pages, health and static files skip the limiter at once
    limiter.init_app(app)
    app.extensions["question_limiter"] = limiter
    app.after_request(_retry_after)
