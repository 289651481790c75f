"""The settings: `BOT_*` environment variables read as the type of each default, and every setting checked at
start-up, so a mistake stops the start with one line naming the setting instead of surprising a patient later.

Text stays text (`BOT_ADMIN_PASSWORD=true` is the password "true", not a yes), yes/no settings take yes/no
words, numbers must be whole numbers, and lists take JSON or words separated by commas or spaces."""
from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping

import limits as limit_strings
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from ..content import LANGS
from .hosts import host_name
from .limits import exempt_networks
from .site import accent_colour, logo_file

PREFIX = "BOT_"
DEFAULTS = {
    "ALLOWED_HOSTS": (),                        # host names this site answers to; empty: any valid name
    "ADMIN_LOGIN_ATTEMPTS": "10 per 10 minutes",  # wrong /admin passwords per client before a 429
}
MIN_ADMIN_PASSWORD = 12
_YES = ("1", "true", "yes", "on")
_NO = ("0", "false", "no", "off", "")
_WHOLE_NUMBERS = {  # setting: smallest value allowed
    "MAX_QUESTION_CHARS": 1, "MAX_CONTENT_LENGTH": 1024, "MAX_FORM_MEMORY_SIZE": 1024, "KIOSK_IDLE_SECONDS": 1,
    "KIOSK_WARNING_SECONDS": 1, "UNANSWERED_QUESTIONS_DAYS": 1, "PROXY_FIX_HOPS": 0,
}
_YES_NO = ("KEEP_UNANSWERED_QUESTIONS", "RATELIMIT_HEADERS_ENABLED")
_RATES = ("RATELIMIT_QUESTIONS", "ADMIN_LOGIN_ATTEMPTS")
# A source of frame-ancestors: 'self', or an origin such as https://www.vmce.nl, https://*.vmce.nl or
# http://127.0.0.1:8000. Nothing that could end the directive (';', quotes, spaces, line breaks).
_ORIGIN = re.compile(r"(?P<scheme>https?)://(?P<host>(\*\.)?[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(:(?P<port>\d{1,5}))?/?")
_BASE_URL = re.compile(r"(?P<scheme>https?)://(?P<host>[^/?#@\s]+)(?P<path>/[^?#\s]*)?")


class SettingsError(ValueError):
    """Settings that cannot be served with; `problems` holds one 'BOT_NAME: what is wrong' line each."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


def read(raw: str, default):
    """An environment variable's text as the type of the setting's default (ValueError when it is not one)."""
    if isinstance(default, bool):
        word = raw.strip().lower()
        if word not in _YES + _NO:
            raise ValueError(f"{raw!r} is not yes or no (true/false, 1/0, on/off)")
        return word in _YES
    if isinstance(default, int):
        try:
            return int(raw.strip())
        except ValueError:
            raise ValueError(f"{raw!r} is not a whole number") from None
    if isinstance(default, (list, tuple)):
        return words(raw)
    if isinstance(default, str):
        return raw
    try:  # not one of ours (Flask's and Flask-Limiter's own settings): read as Flask reads them
        return json.loads(raw)
    except ValueError:
        return raw


def words(value) -> list[str]:
    """A list setting: a JSON list, or words separated by commas or spaces."""
    if isinstance(value, str):
        if value.strip().startswith("["):
            try:
                value = json.loads(value)
            except ValueError:
                raise ValueError(f"{value!r} is not a JSON list") from None
        else:
            return value.replace(",", " ").split()
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        raise ValueError("must be a list of text")
    return list(value)


def apply(config: dict, overrides: Mapping | None = None, environ: Mapping[str, str] = os.environ) -> None:
    """Override the defaults in `config` with the `BOT_*` environment variables (each read as the type of its
    default), then with `overrides` (tests); check them all, and put the checked ones in their normal form.
    SettingsError lists every problem at once."""
    problems = []
    for name, raw in sorted(environ.items()):
        if name.startswith(PREFIX) and len(name) > len(PREFIX):
            key = name[len(PREFIX):]
            try:
                config[key] = read(raw, config.get(key))
            except ValueError as e:
                problems.append(f"{name}: {e}")  # the default stays, so the check below says nothing more
    config.update(overrides or {})
    try:
        config.update(checked(config))
    except SettingsError as e:
        problems += e.problems
    if problems:
        raise SettingsError(problems)


def frame_ancestors(value) -> str:
    """The sources allowed to frame the embed, checked, as the text of the CSP directive."""
    sources = words(value)
    if not sources:
        raise ValueError("name at least one origin, or 'self'")
    for source in sources:
        if source in ("'self'", "'none'"):
            continue
        match = _ORIGIN.fullmatch(source)
        if not match or (match["port"] and not 0 < int(match["port"]) < 65536) or (
                not match["host"].startswith(("*.", "[")) and host_name(match["host"]) is None):
            raise ValueError(f"{source!r} is not 'self' or an origin such as https://www.example.org")
    if "'none'" in sources and len(sources) > 1:
        raise ValueError("'none' cannot be combined with other sources")
    return " ".join(s.rstrip("/") for s in sources)


def public_base_url(value: str) -> str:
    """The public site's address, checked: empty, or http(s)://host[:port][/path] without a query."""
    if not value:
        return ""
    match = _BASE_URL.fullmatch(value.strip())
    if not match or host_name(match["host"]) is None:
        raise ValueError(f"{value!r} is not an address such as https://bot.example.org/")
    return value.strip().rstrip("/") + "/"


def allowed_hosts(value) -> tuple[str, ...]:
    """The host names the site answers to, checked and in lower case."""
    names = []
    for word in words(value):
        name = host_name(word)
        if name is None or name != word.lower().rstrip("."):
            raise ValueError(f"{word!r} is not a host name such as bot.example.org (no port, no scheme)")
        names.append(name)
    return tuple(names)


def _admin_password(value) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValueError("must be text")
    if value and len(value) < MIN_ADMIN_PASSWORD:
        raise ValueError(f"use at least {MIN_ADMIN_PASSWORD} characters (or leave it empty to switch /admin off)")
    return value


def _rate(value) -> str:
    try:
        limit_strings.parse_many(value)
    except (ValueError, TypeError):
        raise ValueError(f"{value!r} is not a rate such as '30 per minute'") from None
    return value


def _database_url(value) -> str:
    if value:
        try:
            make_url(value)
        except ArgumentError:
            raise ValueError("is not a database address such as postgresql://user:password@host/db") from None
    return value


def checked(config: Mapping) -> dict:
    """The settings that need it, checked and in their normal form; SettingsError lists every problem."""
    problems, normal = [], {}

    def check(key, rule):
        try:
            normal[key] = rule(config[key])
        except (ValueError, TypeError) as e:
            problems.append(f"{PREFIX}{key}: {e}")

    for key, smallest in _WHOLE_NUMBERS.items():
        value = config[key]
        if isinstance(value, bool) or not isinstance(value, int) or value < smallest:
            problems.append(f"{PREFIX}{key}: {value!r} is not a whole number of at least {smallest}")
    for key in _YES_NO:
        if not isinstance(config[key], bool):
            problems.append(f"{PREFIX}{key}: {config[key]!r} is not yes or no")
    if config["DEFAULT_LANG"] not in LANGS:
        problems.append(f"{PREFIX}DEFAULT_LANG: {config['DEFAULT_LANG']!r} is not one of {', '.join(LANGS)}")
    check("ADMIN_PASSWORD", _admin_password)
    check("FRAME_ANCESTORS", frame_ancestors)
    check("PUBLIC_BASE_URL", public_base_url)
    check("ALLOWED_HOSTS", allowed_hosts)
    check("DATABASE_URL", _database_url)
    check("SITE_ACCENT", accent_colour)
    check("SITE_LOGO", logo_file)
    for key in _RATES:
        check(key, _rate)
    check("RATELIMIT_EXEMPT", lambda v: tuple(str(n) for n in exempt_networks(v)))
    if problems:
        raise SettingsError(problems)
    return normal
