"""The site's own identity and the pages every surface links to: the clinic's name, logo and accent colour
(`BOT_SITE_NAME`, `BOT_SITE_LOGO`, `BOT_SITE_ACCENT`), who writes and checks the answers (`BOT_SITE_AUTHORS`), the
privacy page, the favicon, and a start-up warning when kiosk QR codes would point at the server's own address."""
from __future__ import annotations

import logging
import re
from pathlib import Path

from flask import Blueprint, Flask, abort, current_app, render_template, request, send_file, url_for
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
    "SITE_LOGO": "",      # an image file (.svg, .png, .jpg, .webp) shown before the name; empty: none
}
_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
LOGO_TYPES = {".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
              ".webp": "image/webp"}
MAX_LOGO_BYTES = 512 * 1024


def _luminance(colour: str) -> float:
    """The relative luminance of #rrggbb (WCAG 2)."""
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def accent_colour(value: str) -> str:
    """The accent colour setting, checked: empty, or #rrggbb dark enough for white text on it and for links on
    white (a contrast of at least 4.5 to 1)."""
    value = value.strip() if isinstance(value, str) else value
    if not value:
        return ""
    if not isinstance(value, str) or not _COLOUR.fullmatch(value):
        raise ValueError(f"{value!r} is not a colour such as #0b4f9c")
    contrast = 1.05 / (_luminance(value) + 0.05)
    if contrast < 4.5:
        raise ValueError(f"{value!r} is too light: white text on it has a contrast of {contrast:.1f} to 1, "
                         "at least 4.5 is needed")
    return value.lower()


def logo_file(value: str) -> str:
    """The logo setting, checked: empty, or a readable image file of a known type and at most 512 kB."""
    if not value:
        return ""
    path = Path(value)
    if path.suffix.lower() not in LOGO_TYPES:
        raise ValueError(f"{value!r} is not an image file ({', '.join(LOGO_TYPES)})")
    try:
        size = path.stat().st_size
    except OSError:
        raise ValueError(f"{value!r} cannot be read") from None
    if not path.is_file() or size > MAX_LOGO_BYTES:
        raise ValueError(f"{value!r} is not a file of at most {MAX_LOGO_BYTES // 1024} kB")
    return str(path.resolve())


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


@bp.get("/site-logo")
def logo():
    """The clinic's logo (BOT_SITE_LOGO)."""
    path = current_app.config["SITE_LOGO"]
    if not path:
        abort(404)
    return send_file(path, mimetype=LOGO_TYPES[Path(path).suffix.lower()], max_age=3600)


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
