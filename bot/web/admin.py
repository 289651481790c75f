"""The curator dashboard at /admin: the usage figures with simple charts, and the content coverage report when
there is one. Behind HTTP Basic authentication with the password from the config; without one the page is off
(404). No cookie is set: the browser sends the password with each request."""
from __future__ import annotations

import hmac
import importlib
import logging

from flask import Blueprint, abort, current_app, make_response, render_template, request
from markupsafe import Markup
from sqlalchemy.exc import SQLAlchemyError

from .. import engine
from ..insight import collect
from .charts import bar_length, columns
from .i18n import lang_url_processors
from .usage import recorder

bp = Blueprint("admin", __name__)
lang_url_processors(bp)
log = logging.getLogger(__name__)
PERIODS = (7, 30, 90, 365)


def authorised() -> bool:
    """Whether the request carries the curators' password (compared in constant time)."""
    auth = request.authorization
    given = auth.password if auth is not None and auth.type == "basic" and auth.password else ""
    return hmac.compare_digest(given.encode(), str(current_app.config["ADMIN_PASSWORD"]).encode())


def _coverage() -> Markup | None:
    """The coverage report's table when bot.report is installed; None when it is not (yet)."""
    try:
        report = importlib.import_module("bot.report")
    except ModuleNotFoundError as e:
        if e.name == "bot.report":
            return None
        raise
    try:
        return Markup(report.render(report.build(engine().content), "html", fragment=True))
    except Exception:  # a broken report must not take the figures down with it
        log.exception("the coverage report could not be made")
        return None


@bp.get("/admin")
@bp.get("/<lang>/admin")
def dashboard():
    """The figures of the last `?days=` days (30 unless told; 1 to 366)."""
    if not current_app.config["ADMIN_PASSWORD"]:
        abort(404)
    if not authorised():
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
        per_day=columns([(d.isoformat(), n) for d, n in figures.per_day]) if figures else [],
        bar_length=bar_length))
    response.headers["Cache-Control"] = "no-store"
    return response
