"""Usage figures for the web surfaces: the store and its recorder built from the config, and one call per
reply or thumb. Counting never raises into a view and never waits for the database."""
from __future__ import annotations

from pathlib import Path

from flask import Flask, current_app

from ..insight import Recorder, Store

# The page surfaces by their names in the figures: the chat page is "web".
_FIGURES_NAME = {"chat": "web"}


def usage_surface(surface: str) -> str:
    """A page surface ('chat', 'kiosk', 'embed') by its name in the figures ('web', 'kiosk', 'embed')."""
    return _FIGURES_NAME.get(surface, surface)


def database_url(app: Flask) -> str:
    """The configured database, or a SQLite file in the instance folder."""
    return app.config["DATABASE_URL"] or f"sqlite:///{Path(app.instance_path) / 'bot.sqlite'}"


def init_app(app: Flask) -> None:
    """Open the store, create its tables (or log once that the database is not there) and add the recorder."""
    store = Store(database_url(app), keep_unanswered=app.config["KEEP_UNANSWERED_QUESTIONS"],
                  unanswered_days=app.config["UNANSWERED_QUESTIONS_DAYS"])
    recorder = Recorder(store)
    recorder.prepare()
    app.extensions["usage"] = recorder
    app.add_template_global(usage_surface)


def recorder() -> Recorder:
    """The current app's recorder."""
    return current_app.extensions["usage"]


def record_reply(surface: str, reply, question: str) -> None:
    """Count a reply (a Reply or its dict) given on a surface; the question's text is only kept, scrubbed,
    when the config says so and the bot could not answer it."""
    parts = reply if isinstance(reply, dict) else vars(reply)
    recorder().reply(usage_surface(surface), parts["lang"], parts["kind"], parts["medicine"], parts["topic"],
                     question)
