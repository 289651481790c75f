"""The site's own identity and the pages every surface links to: the clinic's name and accent colour
(`BOT_SITE_NAME`, `BOT_SITE_ACCENT`), who writes and checks the answers (`BOT_SITE_AUTHORS`), the privacy page,
the favicon, and a start-up warning when kiosk QR codes would point at the server's own address."""
from __future__ import annotations

import logging
import re

from flask import Blueprint, Flask, current_app, render_template, request, url_for
from flask_babel import gettext as _

from .. import engine
from .i18n import human_date, lang_url_processors, page_lang

bp = Blueprint("site", __name__)
lang_url_processors(bp)
log = logging.getLogger(__name__)

DEFAULTS = {
    "SITE_NAME": "",      # the clinic's name in the header; empty: "Medicine information"
    "SITE_AUTHORS": "",   # who writes and checks the answers; empty: "the clinic's medicine information team"
    "SITE_ACCENT": "",    # the clinic's colour for buttons and links, #rrggbb; empty: the default blue
}
_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


def accent_colour(value: str) -> str:
    """The accent colour setting, checked: empty or #rrggbb (dark enough for white text is the clinic's job)."""
    if value and not _COLOUR.fullmatch(value.strip()):
        raise ValueError(f"{value!r} is not a colour such as #0b4f9c")
    return value.strip().lower()


def site_name() -> str:
    """The name in the header of every page."""
    return current_app.config["SITE_NAME"] or _("Medicine information")


def site_authors() -> str:
    """Who writes and checks the answers, as said under each answer."""
    return current_app.config["SITE_AUTHORS"] or _("the clinic's medicine information team")


def review_dates() -> dict[str, str]:
    """Every review date of the page language's answers, as people write it ({"2025-10-10": "10 oktober 2025"}),
    for answers shown by chat.js."""
    content = engine().content
    lang = page_lang()
    dates = {a.reviewed for (in_lang, _m, _t), a in content.answers.items() if in_lang == lang and a.reviewed}
    return {day.isoformat(): human_date(day) for day in sorted(dates)}


def covered_medicines() -> list[tuple[str, list[str]]]:
    """The medicines with answers, by brand, grouped by the condition they treat, in the content's order."""
    groups: dict[str, list[str]] = {}
    for medicine in engine().content.medicines.values():
        groups.setdefault(medicine.condition, []).append(medicine.brand)
    return list(groups.items())


@bp.get("/<lang>/privacy")
@bp.get("/<lang>/kiosk/privacy", endpoint="kiosk_privacy")
def privacy():
    """What the site keeps of a visit, in plain words; in the kiosk's frame when the kiosk links to it."""
    surface = "kiosk" if request.endpoint == "site.kiosk_privacy" else "privacy"
    config = current_app.config
    return render_template("privacy.html", surface=surface, keeps_texts=config["KEEP_UNANSWERED_QUESTIONS"],
                           days=config["UNANSWERED_QUESTIONS_DAYS"])


@bp.get("/site-theme.css")
def theme():
    """The clinic's accent colour as a style sheet (the pages allow no inline style)."""
    colour = current_app.config["SITE_ACCENT"]
    css = f":root {{ --accent: {colour}; --link: {colour}; }}\n" if colour else "/* the default colours */\n"
    response = current_app.response_class(css, mimetype="text/css")
    response.cache_control.max_age = 3600
    return response


@bp.get("/favicon.ico")
def favicon():
    """The site's icon where browsers look for it first."""
    return current_app.send_static_file("favicon.svg")


def privacy_url(surface: str) -> str:
    """The privacy page in the frame of `surface`."""
    return url_for("site.kiosk_privacy" if surface == "kiosk" else "site.privacy")


def init_app(app: Flask) -> None:
    """Add the template helpers, and warn when kiosk QR codes would point at the server's own address."""
    for helper in (site_name, site_authors, review_dates, privacy_url, covered_medicines):
        app.add_template_global(helper)
    if not app.config["PUBLIC_BASE_URL"]:
        log.warning("BOT_PUBLIC_BASE_URL is not set: the kiosk's QR codes and take-home links will point at the "
                    "address the kiosk uses for this server, which a patient's phone may not reach. Set it to "
                    "the public site, e.g. BOT_PUBLIC_BASE_URL=https://bot.example.org/")
