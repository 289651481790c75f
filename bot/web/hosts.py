"""The `Host` header: a name that is not a valid host (or, when the clinic lists its names in
`BOT_ALLOWED_HOSTS`, not one of them) gets a 400 before the app sees it, so it never reaches a link, a
redirect, a QR code or the log. Addresses shown to patients come from `BOT_PUBLIC_BASE_URL` when it is set."""
from __future__ import annotations

import ipaddress
import json
import re

from flask import Flask, current_app, request

_LABEL = re.compile(r"(?!-)[a-z0-9-]{1,63}(?<!-)")
_PORT = re.compile(r"\d{1,5}")
LOOPBACK = ("localhost", "127.0.0.1", "[::1]")  # always answered: health checks on the machine itself


def host_name(host: str) -> str | None:
    """The name in a Host header (`example.org:8000`, `[::1]`), in lower case and without the port; None when
    it is not a valid host name or IP address."""
    if not isinstance(host, str) or not host.isascii() or len(host) > 260:
        return None
    host = host.lower()
    if host.startswith("["):  # an IPv6 address
        name, closed, rest = host.partition("]")
        if not closed:
            return None
        try:
            ipaddress.IPv6Address(name[1:])
        except ValueError:
            return None
        name += "]"
    else:
        name, _, rest = host.partition(":")
        rest = ":" + rest if _ else ""
    if rest and not (rest.startswith(":") and _PORT.fullmatch(rest[1:]) and 0 < int(rest[1:]) < 65536):
        return None
    if name.startswith("["):
        return name
    name = name[:-1] if name.endswith(".") else name  # the root's dot: example.org. is example.org
    if not name or len(name) > 253:
        return None
    labels = name.split(".")
    for label in labels:
        if not _LABEL.fullmatch(label):
            return None
        if label.startswith("xn--"):  # an internationalised name must decode
            try:
                label.encode().decode("idna")
            except UnicodeError:
                return None
    if all(label.isdigit() for label in labels):  # looks like an IPv4 address: it must be one
        try:
            ipaddress.IPv4Address(name)
        except ValueError:
            return None
    return name


class HostCheck:
    """WSGI middleware: a 400 for a Host header that names no host this site answers to."""

    def __init__(self, wsgi_app, allowed: tuple[str, ...] = ()):
        self.wsgi_app = wsgi_app
        self.allowed = frozenset(allowed + LOOPBACK) if allowed else None

    def __call__(self, environ, start_response):
        host = environ.get("HTTP_HOST")
        if host is not None:  # HTTP/1.0 may send none: the server's own name is used then
            name = host_name(host)
            if name is None or (self.allowed is not None and name not in self.allowed):
                return _bad_host(environ, start_response)
        return self.wsgi_app(environ, start_response)


def _bad_host(environ, start_response):
    message = "the Host header names no host this site answers to"
    if environ.get("PATH_INFO", "").startswith("/api/"):
        body, kind = json.dumps({"error": message}).encode(), "application/json"
    else:
        body, kind = f"Bad request: {message}.\n".encode(), "text/plain; charset=utf-8"
    start_response("400 Bad Request", [("Content-Type", kind), ("Content-Length", str(len(body))),
                                      ("Cache-Control", "no-store"), ("X-Content-Type-Options", "nosniff")])
    return [body]


def public_base() -> str:
    """The address patients are sent to, ending in '/': BOT_PUBLIC_BASE_URL, else this request's own."""
    return current_app.config["PUBLIC_BASE_URL"] or request.host_url


def init_app(app: Flask) -> None:
    """Check the Host header of every request, before anything else."""
    app.wsgi_app = HostCheck(app.wsgi_app, app.config["ALLOWED_HOSTS"])
