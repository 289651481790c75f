"""Security and privacy headers on every response: no inline script, no third parties, no referrer."""
from flask import Flask, request


def init_app(app: Flask) -> None:
    """Add the headers after every request."""

    @app.after_request
    def headers(response):
        embed = request.endpoint == "chat.embed"
        ancestors = app.config["FRAME_ANCESTORS"] if embed else "'none'"
        response.headers["Content-Security-Policy"] = (
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
            f"form-action 'self'; base-uri 'none'; frame-ancestors {ancestors}")
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()"
        response.headers.pop("Set-Cookie", None)
        return response
