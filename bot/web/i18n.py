"""Interface language: the `/<lang>` URL part, Flask-Babel, compiled catalogues and dates in the page language."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask import Flask, abort, current_app, g
from flask_babel import Babel, format_date

from ..content import LANGS

__all__ = ["LANGS", "init_app", "page_lang", "lang_url_processors"]


def page_lang() -> str:
    """The language of the page being rendered."""
    return g.get("lang") or current_app.config["DEFAULT_LANG"]


def compile_catalogues(directory: Path) -> None:
    """Write each messages.mo next to its .po when it is missing or older (.mo files are not in git)."""
    for po_path in directory.glob("*/LC_MESSAGES/messages.po"):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        with po_path.open("rb") as f:
            catalog = read_po(f, locale=po_path.parent.parent.name)
        tmp = mo_path.with_suffix(".mo.tmp")
        with tmp.open("wb") as f:
            write_mo(f, catalog)
        tmp.replace(mo_path)  # atomic, so a second worker starting at once never reads half a file


def lang_url_processors(bp) -> None:
    """Make `lang` the first URL part of every route of `bp`: checked on the way in, filled in by url_for."""

    @bp.url_value_preprocessor
    def pull_lang(endpoint, values):
        lang = (values or {}).pop("lang", None)
        if lang is not None:
            if lang not in LANGS:
                abort(404)
            g.lang = lang

    @bp.url_defaults
    def add_lang(endpoint, values):
        if "lang" not in values and current_app.url_map.is_endpoint_expecting(endpoint, "lang"):
            values["lang"] = page_lang()


def human_date(value, lang: str | None = None) -> str:
    """A date as people write it in the page language: '10 oktober 2025', 'October 2025' for '2025-10'.

    Text that is not a date (e.g. 'version date unknown') is shown as it is."""
    if isinstance(value, dt.date):
        return format_date(value, "long")
    if isinstance(value, str):
        try:
            return format_date(dt.date.fromisoformat(value), "long")
        except ValueError:
            pass
        try:
            return format_date(dt.datetime.strptime(value, "%Y-%m").date(), "MMMM yyyy")
        except ValueError:
            return value
    return ""


def init_app(app: Flask) -> None:
    """Compile the catalogues and hook Flask-Babel in, choosing the page language from the URL."""
    for directory in app.config["BABEL_TRANSLATION_DIRECTORIES"].split(";"):
        compile_catalogues(Path(directory))
    Babel(app, locale_selector=page_lang)
    app.add_template_filter(human_date)
    app.add_template_global(page_lang)
    app.add_template_global(LANGS, "LANGS")
