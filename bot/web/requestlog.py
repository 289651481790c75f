"""One structured line per request on the `bot.requests` logger: time, method, route, status, duration and
the kind of reply. Never the question, the client's address, its user agent or the path as typed: the route
is the URL rule (`/<lang>/<medicine>/<topic>`), so nothing a visitor typed ends up in the log."""
from __future__ import annotations

import datetime as dt
import json
import logging
import time

from flask import Flask, g, request
from flask.logging import wsgi_errors_stream

log = logging.getLogger("bot.requests")


def note_reply(kind: str) -> None:
    """Remember the kind of reply this request gave (`answer`, `emergency`, ...) for its log line."""
    g.reply_kind = kind


def request_line(status: int, seconds: float | None) -> str:
    """The log line of the current request, as JSON."""
    return json.dumps({
        "time": dt.datetime.now(dt.timezone.utc).isoformat(timespec="milliseconds"),
        "method": request.method,
        "route": request.url_rule.rule if request.url_rule else None,
        "status": status,
        "ms": round(seconds * 1000, 1) if seconds is not None else None,
        "kind": g.get("reply_kind"),
    }, separators=(",", ":"))


def init_app(app: Flask) -> None:
    """Time every request and log its line; send the lines to the server's error stream when the host
    application configured no logging of its own (`bot serve`, gunicorn)."""
    if log.level == logging.NOTSET:
        log.setLevel(logging.INFO)
    if not log.hasHandlers():
        handler = logging.StreamHandler(wsgi_errors_stream)
        handler.setFormatter(logging.Formatter("%(message)s"))
        log.addHandler(handler)
        log.propagate = False  # waitress.serve() adds a root handler later: each line once, and as JSON only

    @app.before_request
    def start_clock():
        g.request_started = time.perf_counter()

    @app.after_request
    def log_request(response):
        if log.isEnabledFor(logging.INFO):
            started = g.get("request_started")
            log.info(request_line(response.status_code, time.perf_counter() - started if started else None))
        return response
