"""Error pages: JSON for the API, a page in the URL's language for everything else; never a bare 500."""
from __future__ import annotations

from flask import Flask, g, jsonify, render_template, request
from werkzeug.exceptions import HTTPException, InternalServerError

from .i18n import LANGS


def init_app(app: Flask) -> None:
    """Register the handlers."""

    @app.errorhandler(HTTPException)
    def http_error(e: HTTPException):
        return page(e)

    @app.errorhandler(Exception)
    def unexpected(e: Exception):
        app.logger.exception("unexpected error")
        return page(InternalServerError())


def page(e: HTTPException):
    """The error as the visitor sees it: {"error": ...} under /api/, otherwise a page in the URL's language."""
    if request.path.startswith("/api/"):
        return jsonify(error=e.description or e.name), e.code
    if "lang" not in g:
        # A URL that matched no route never set the language; take it from the URL anyway.
        first = request.path.strip("/").split("/")[0]
        if first in LANGS:
            g.lang = first
    return render_template("error.html", surface="error", code=e.code), e.code
