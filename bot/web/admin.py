"""The curator dashboard at /admin: the usage figures with simple charts, and the content coverage report when
there is one. Behind HTTP Basic authentication with the password from the config; without one the page is off
(404). No cookie is set: the browser sends the password with each request.

Guessing is slowed down per client: after `BOT_ADMIN_LOGIN_ATTEMPTS` wrong passwords (default 10 in 10
minutes) every attempt gets a 429 until the window has passed, the right password too."""
from __future__ import annotations

import hmac
import importlib
import logging
import math
import time

from flask import Blueprint, abort, current_app, make_response, render_template, request
from flask_limiter.util import get_remote_address
from limits import parse_many
from limits.storage import storage_from_string
from limits.strategies import FixedWindowRateLimiter
from sqlalchemy.exc import SQLAlchemyError

from .. import engine
from ..insight import collect
from .charts import bar_length, columns
from .i18n import lang_url_processors, page_lang
from .usage import recorder

bp = Blueprint("admin", __name__)
lang_url_processors(bp)
log = logging.getLogger(__name__)
PERIODS = (7, 30, 90, 365)


class LoginGuard:
    """Counts wrong passwords per client address, in the same storage as the question limit."""

    def __init__(self, rule: str, storage_uri: str):
        self.limits = parse_many(rule)
        self.window = FixedWindowRateLimiter(storage_from_string(storage_uri))

    def wait_seconds(self, address: str) -> int:
        """0 when the client may try a password; otherwise how long it must wait."""
        blocked = [item for item in self.limits if not self.window.test(item, "admin-login", address)]
        if not blocked:
            return 0
        reset = max(self.window.get_window_stats(item, "admin-login", address).reset_time for item in blocked)
        return max(1, math.ceil(reset - time.time()))

    def failed(self, address: str) -> None:
        """Count one wrong password."""
        for item in self.limits:
            self.window.hit(item, "admin-login", address)


@bp.record_once
def _make_guard(state) -> None:
    config = state.app.config
    state.app.extensions["admin_login_guard"] = LoginGuard(config["ADMIN_LOGIN_ATTEMPTS"],
                                                           config["RATELIMIT_STORAGE_URI"])


def authorised() -> bool:
    """Whether the request carries the curators' password (compared in constant time)."""
    auth = request.authorization
    given = auth.password if auth is not None and auth.type == "basic" and auth.password else ""
    return hmac.compare_digest(given.encode(), str(current_app.config["ADMIN_PASSWORD"]).encode())


def _coverage():
    """The coverage report (bot.report's Report) when bot.report is installed; None when it is not (yet)."""
    try:
        report = importlib.import_module("bot.report")
    except ModuleNotFoundError as e:
        if e.name == "bot.report":
            return None
        raise
    try:
        return report.build(engine().content)
    except Exception:  # a broken report must not take the figures down with it
        log.exception("the coverage report could not be made")
        return None


@bp.get("/admin")
@bp.get("/<lang>/admin")
def dashboard():
    """The figures of the last `?days=` days (30 unless told; 1 to 366)."""
    if not current_app.config["ADMIN_PASSWORD"]:
        abort(404)
    guard, address = current_app.extensions["admin_login_guard"], get_remote_address()
    if wait := guard.wait_seconds(address):
        response = make_response(render_template("error.html", surface="error", code=429, login=True), 429)
        response.headers["Retry-After"] = str(wait)
        return response
    if not authorised():
        if request.authorization is not None:  # a browser's first visit, without a password, is no guess
            guard.failed(address)
        response = make_response(render_template("error.html", surface="error", code=401), 401)
        response.headers["WWW-Authenticate"] = 'Basic realm="curators", charset="UTF-8"'
        return response
    days = min(max(request.args.get("days", 30, type=int), 1), 366)
    recorder().flush()  # this process's latest counts first
    try:
        figures = collect(recorder().store, days)
    except SQLAlchemyError as e:
        log.warning("the dashboard cannot read the usage figures: %s", str(e).splitlines()[0])
        figures = None
    response = make_response(render_template(
        "admin.html", surface="admin", figures=figures, days=days, periods=PERIODS, coverage=_coverage(),
        topic_names=engine().content.phrases[page_lang()]["topic_names"],
        per_day=columns([(d.isoformat(), n) for d, n in figures.per_day]) if figures else [],
        bar_length=bar_length))
    response.headers["Cache-Control"] = "no-store"
    return response
