"""The web surfaces: chat page, kiosk, embed, answer pages and the JSON API, as one Flask app."""
from __future__ import annotations

from pathlib import Path

from flask import Flask, redirect, request, url_for

from . import api, answers, chat, errors, i18n, security
from .conversation import blocks

ROOT = Path(__file__).resolve().parent.parent.parent


def create_app(config=None) -> Flask:
    """Build the app: defaults, then `BOT_*` environment variables, then `config` (for tests)."""
    app = Flask(__name__, template_folder=str(ROOT / "templates"))
    app.config.from_mapping(
        DEFAULT_LANG="nl",
        MAX_QUESTION_CHARS=2000,
        MAX_CONTENT_LENGTH=16 * 1024,       # bytes of one request body; a question and a context fit easily
        MAX_FORM_MEMORY_SIZE=16 * 1024,
        KIOSK_IDLE_SECONDS=120,
        KIOSK_WARNING_SECONDS=30,
        FRAME_ANCESTORS="'self'",           # who may put /embed in an <iframe>
        PUBLIC_BASE_URL="",                 # the public site, for links from the kiosk; empty: this site
        BABEL_TRANSLATION_DIRECTORIES=str(ROOT / "translations"),
        JSON_AS_ASCII=False,
    )
    app.config.from_prefixed_env("BOT")
    if config:
        app.config.from_mapping(config)
    app.json.ensure_ascii = False

    i18n.init_app(app)
    app.add_template_filter(blocks)
    security.init_app(app)
    errors.init_app(app)
    app.register_blueprint(chat.bp)
    app.register_blueprint(answers.bp)
    app.register_blueprint(api.bp)

    @app.get("/")
    def root():
        """Send a visitor to the chat page in the language their browser prefers (Dutch when unsure)."""
        lang = request.accept_languages.best_match(i18n.LANGS, default=app.config["DEFAULT_LANG"])
        return redirect(url_for("chat.chat", lang=lang))

    return app
