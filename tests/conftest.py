"""Fixtures for the web surfaces: a test app, its client, and HTML parsing."""
import pytest
from bs4 import BeautifulSoup

from bot.web import create_app


@pytest.fixture
def app():
    """The app as served, in testing mode."""
    return create_app({"TESTING": True})


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
