"""The web surfaces: chat page, kiosk, embed, answer pages and the JSON API, as one Flask app."""
from __future__ import annotations

from pathlib import Path

from flask import Flask, redirect, request, url_for

from .. import engine
from . import (admin, api, answers, chat, errors, feedback, hosts, i18n, limits, requestlog, security, settings, site,
               usage)
from .conversation import blocks, framings, lead_first

ROOT = Path(__file__).resolve().parent.parent.parent


def create_app(config=None) -> Flask:
    """Build the app: defaults, then `BOT_*` environment variables, then `config` (for tests), all checked."""
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
        DATABASE_URL="",                    # usage figures; empty: a SQLite file in the instance folder
        KEEP_UNANSWERED_QUESTIONS=False,    # keep the scrubbed text of questions the bot could not answer
        UNANSWERED_QUESTIONS_DAYS=30,       # ... and delete each after this many days
        ADMIN_PASSWORD="",                  # the curator dashboard /admin; without a password it is off
    )
    app.config.from_mapping(limits.DEFAULTS)
    app.config.from_mapping(settings.DEFAULTS)
    app.config.from_mapping(site.DEFAULTS)
    settings.apply(app.config, config)  # BOT_* variables, then `config`; a wrong one stops the start, named
    app.json.ensure_ascii = False
    # Broken content raises ContentError here, naming each file: no app, so nothing half served. The first
    # answer also loads the word lists: once, here, rather than in several server threads at a time.
    engine().ask("wat is dupixent")

    hosts.init_app(app)
    requestlog.init_app(app)  # first, so its clock starts before a rate limit can refuse the request
    limits.init_app(app)
    i18n.init_app(app)
    app.add_template_filter(blocks)
    app.add_template_filter(lead_first)
    app.add_template_global(framings)
    security.init_app(app)
    errors.init_app(app)
    usage.init_app(app)
    site.init_app(app)
    app.register_blueprint(chat.bp)
    app.register_blueprint(answers.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(feedback.bp)
    app.register_blueprint(admin.bp)
    app.register_blueprint(site.bp)

    @app.get("/")
    def root():
        """Send a visitor to the chat page in the language their browser prefers (Dutch when unsure)."""
        lang = request.accept_languages.best_match(i18n.LANGS, default=app.config["DEFAULT_LANG"])
        return redirect(url_for("chat.chat", lang=lang))

    return app
