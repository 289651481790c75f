"""Fixtures for the web surfaces: a test app, its client, and HTML parsing; and the usage figures' databases."""
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis.configuration import set_hypothesis_home_dir

from bot.content import DEFAULT_ROOT
from bot.insight.store import make_engine, metadata
from bot.web import create_app

# Hypothesis keeps its caches in the temp folder, never in the repository.
set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "medicine-bot-hypothesis")


@pytest.fixture(scope="session", autouse=True)
def throwaway_figures(tmp_path_factory):
    """Every app a test makes counts its figures in a throwaway SQLite file, never in instance/bot.sqlite."""
    with pytest.MonkeyPatch.context() as env:
        env.setenv("BOT_DATABASE_URL", f"sqlite:///{tmp_path_factory.mktemp('figures') / 'bot.sqlite'}")
        for name in ("BOT_KEEP_UNANSWERED_QUESTIONS", "BOT_ADMIN_PASSWORD"):
            env.delenv(name, raising=False)
        yield


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    """An empty figures database: a SQLite file, and PostgreSQL when BOT_TEST_DATABASE_URL names a server
    (scripts/test starts one; without it that variant is skipped)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'figures.sqlite'}"
    url = os.environ.get("BOT_TEST_DATABASE_URL")
    if not url:
        pytest.skip("BOT_TEST_DATABASE_URL is not set: no PostgreSQL server to test on")
    engine = make_engine(url)
    metadata.drop_all(engine)
    engine.dispose()
    return url


@pytest.fixture
def app_factory():
    """`app_factory(**config)`: a test app with extra config; its figures writer is closed after the test."""
    made = []

    def make(**config):
        app = create_app({"TESTING": True, "RATELIMIT_QUESTIONS": "10000 per minute", **config})
        made.append(app)
        return app
    yield make
    for app in made:
        app.extensions["usage"].close()


@pytest.fixture
def figures_app(app_factory, database_url):
    """`figures_app(**config)`: a test app counting its figures in `database_url` (SQLite, then PostgreSQL)."""
    return lambda **config: app_factory(**{"DATABASE_URL": database_url, **config})


@pytest.fixture
def app():
    """The app as served, in testing mode; the question limit is raised so no test trips it by accident
    (tests/test_limits.py sets its own)."""
    return create_app({"TESTING": True, "RATELIMIT_QUESTIONS": "10000 per minute"})


@pytest.fixture
def client(app):
    """A test client of the app."""
    return app.test_client()


def page(response) -> BeautifulSoup:
    """A response's HTML, parsed."""
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


@pytest.fixture
def soup():
    """`soup(response)` parses a response's HTML."""
    return page


@pytest.fixture
def content_copy(tmp_path):
    """A copy of the shipped content folder, to change in a test."""
    target = tmp_path / "content"
    shutil.copytree(DEFAULT_ROOT, target)
    return target
