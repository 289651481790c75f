"""Security and privacy headers on every response: no inline script, no third parties, no referrer, framing only
of the embed, and nothing that shows a patient's question kept in a cache."""
from flask import Flask, request


def init_app(app: Flask) -> None:
    """Add the headers after every request."""

    @app.after_request
    def headers(response):
        embed = request.endpoint == "chat.embed"
        ancestors = app.config["FRAME_ANCESTORS"] if embed else "'none'"  # checked in settings
        response.headers["Content-Security-Policy"] = (
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
            f"form-action 'self'; base-uri 'none'; frame-ancestors {ancestors}")
        # The same for browsers that do not know frame-ancestors. It cannot name other sites, so an embed that
        # other sites may frame goes without it (browsers that know CSP ignore it anyway).
        frame_options = {"'none'": "DENY", "'self'": "SAMEORIGIN"}.get(ancestors)
        if frame_options:
            response.headers["X-Frame-Options"] = frame_options
        if request.method == "POST":  # a reply to a question shows the question: never keep it in a cache
            response.headers["Cache-Control"] = "no-store"
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()"
        response.headers.pop("Set-Cookie", None)
        return response
