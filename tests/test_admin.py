"""The curator dashboard /admin: off without a password, refused without the right one, and showing the
figures (with SVG charts and their tables) and the coverage report when there is one."""
import base64
import re
import sys

import pytest

from bot import engine
from bot.insight import collect

PASSWORD = "correct horse battery staple"


def _auth(password=PASSWORD, user="curator"):
    return {"Authorization": "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()}


@pytest.fixture
def app(figures_app):
    """The app with a curators' password, counting in the test database (SQLite, then PostgreSQL)."""
    return figures_app(ADMIN_PASSWORD=PASSWORD)


@pytest.mark.parametrize("password", ["", None])
@pytest.mark.parametrize("path", ["/admin", "/nl/admin", "/en/admin"])
def test_without_a_password_in_the_config_the_dashboard_is_off(app_factory, path, password):
    client = app_factory(ADMIN_PASSWORD=password).test_client()
    assert client.get(path).status_code == 404
    assert client.get(path, headers=_auth("")).status_code == 404
    assert client.get(path, headers=_auth("None")).status_code == 404


@pytest.mark.parametrize("headers", [{}, _auth("wrong"), _auth(PASSWORD.upper()), _auth(PASSWORD + " "), _auth(""),
                                     {"Authorization": "Bearer " + PASSWORD}, {"Authorization": "Basic !!!"}])
def test_the_dashboard_refuses_without_the_password(client, soup, headers):
    response = client.get("/nl/admin", headers=headers)
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Basic ")
    html = soup(response)
    assert not html.select("table.figures, svg.chart")
    assert "Set-Cookie" not in response.headers


def test_the_dashboard_with_the_password(client, soup):
    response = client.get("/en/admin", headers=_auth())
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    assert "Set-Cookie" not in response.headers
    html = soup(response)
    assert html.html["lang"] == "en" and html.h1.get_text(strip=True) == "Usage figures"
    assert client.get("/admin", headers=_auth(user="")).status_code == 200  # the user name does not matter


def test_the_dashboard_shows_what_was_counted(app, client, soup):
    for question in ("wat is dupixent", "wat is dupixent", "wat is humira", "kan ik alcohol drinken met dupixent"):
        client.post("/nl/kiosk", data={"q": question})
    client.post("/api/feedback", json={"answer_id": "dupilumab/about", "lang": "nl", "helpful": False})
    client.post("/nl/feedback", data={"answer_id": "dupilumab/about", "lang": "nl", "surface": "kiosk",
                                      "helpful": "yes"})
    assert app.extensions["usage"].flush()
    html = soup(client.get("/en/admin?days=7", headers=_auth()))

    def table(heading_id):
        section = html.select_one(f"section[aria-labelledby={heading_id}]")
        return [[cell.get_text(strip=True) for cell in row.select("th, td")] for row in section.select("tbody tr")]
    assert html.select_one("nav.periods a[aria-current=page]")["href"] == "/en/admin?days=7"
    assert len(html.select("svg.chart rect")) == 7
    assert ["Curated answer", "2", "50%"] == table("by-kind")[0][:3]
    assert ["dupilumab/about", "1", "1", "50%"] == table("helpful")[0][:4]
    assert ["Topic not covered", "dupilumab", "alcohol", "1"] in table("missing")
    assert html.select("svg.bar[aria-hidden=true]")
    # The text log is off: the page says so, and shows no question.
    assert "wat is humira" not in html.get_text()


def test_the_dashboard_shows_kept_texts_when_switched_on(figures_app, soup):
    app = figures_app(ADMIN_PASSWORD=PASSWORD, KEEP_UNANSWERED_QUESTIONS=True, UNANSWERED_QUESTIONS_DAYS=14)
    client = app.test_client()
    client.post("/nl/", data={"q": "wat is humira? bel 0612345678"})
    assert app.extensions["usage"].flush()
    html = soup(client.get("/nl/admin", headers=_auth()))
    cells = [td.get_text(strip=True) for td in html.select("section[aria-labelledby=missing] td")]
    assert "wat is humira? bel [number]" in cells
    assert "14 dagen" in html.select_one("section[aria-labelledby=missing]").get_text()


@pytest.mark.parametrize("days, shown", [("abc", 30), ("0", 1), ("-5", 1), ("9999", 366), ("90", 90)])
def test_the_period_is_kept_within_bounds(client, soup, days, shown):
    html = soup(client.get(f"/en/admin?days={days}", headers=_auth()))
    assert len(html.select("svg.chart rect")) == shown


def test_an_unreachable_database_shows_a_message_not_an_error(app_factory, soup):
    app = app_factory(ADMIN_PASSWORD=PASSWORD, DATABASE_URL="postgresql+psycopg://bot@127.0.0.1:1/nothing")
    response = app.test_client().get("/en/admin", headers=_auth())
    assert response.status_code == 200
    assert "not reachable" in soup(response).select_one("[role=alert]").get_text()


@pytest.mark.parametrize("lang, answered, risks, medicine", [("en", "answered", "side effects", "Medicine"),
                                                              ("nl", "beantwoord", "de bijwerkingen", "Medicijn")])
def test_the_coverage_report_is_shown_in_the_page_language(client, soup, lang, answered, risks, medicine):
    from bot.report import build
    report = build(engine().content)
    section = soup(client.get(f"/{lang}/admin", headers=_auth())).select_one("section.coverage")
    table = section.select_one(".table-box table.coverage")
    heads = [th.get_text(strip=True) for th in table.select("thead th")]
    assert heads[0] == medicine and len(heads) == 2 + len(report.topics)
    assert engine().content.phrases[lang]["topic_names"]["risks"] == risks and risks in heads
    assert len(table.select("tbody tr")) == len(report.rows)
    cells = table.select("tbody td.answered")
    assert len(cells) == report.counts()["answered"]
    assert all(cell.get_text(strip=True).startswith(answered) for cell in cells)
    if lang == "nl":  # nothing left in English: no status, finding or kind code
        text = section.get_text(" ")
        assert not re.search(r"\b(answered|draft|not covered|reads hard|review due|long sentence)\b", text)


def test_no_coverage_section_without_the_report(client, soup, monkeypatch):
    monkeypatch.setitem(sys.modules, "bot.report", None)  # as if bot/report.py did not exist
    response = client.get("/en/admin", headers=_auth())
    assert response.status_code == 200 and not soup(response).select("section.coverage")


# --- guessing the password ----------------------------------------------------------------------------------
CURATOR = {"REMOTE_ADDR": "192.0.2.50"}
GUESSER = {"REMOTE_ADDR": "203.0.113.66"}


def test_guessing_meets_a_429_and_then_even_the_right_password_waits(client, soup):
    statuses = [client.get("/admin", headers=_auth(f"guess {i}"), environ_base=GUESSER).status_code
                for i in range(60)]
    assert statuses == [401] * 10 + [429] * 50
    response = client.get("/nl/admin", headers=_auth(), environ_base=GUESSER)
    assert response.status_code == 429 and 1 <= int(response.headers["Retry-After"]) <= 600
    assert "wachtwoord" in soup(response).select_one("main p").get_text()
    assert not soup(response).select("table.figures")
    # Someone else, at another address, still gets in.
    assert client.get("/admin", headers=_auth(), environ_base=CURATOR).status_code == 200


def test_a_visit_without_a_password_is_no_guess(client):
    for _ in range(30):  # the browser's first request, before it asks for the password
        assert client.get("/admin", environ_base=CURATOR).status_code == 401
    assert client.get("/admin", headers=_auth(), environ_base=CURATOR).status_code == 200


def test_the_number_of_attempts_is_a_setting(app_factory):
    client = app_factory(ADMIN_PASSWORD=PASSWORD, ADMIN_LOGIN_ATTEMPTS="2 per hour").test_client()
    assert [client.get("/admin", headers=_auth("x")).status_code for _ in range(3)] == [401, 401, 429]


def test_a_kept_text_with_broken_unicode_is_stored_and_shown(figures_app, soup):
    """A lone surrogate (valid JSON, not storable) or a NUL in a question used to drop the whole batch."""
    app = figures_app(ADMIN_PASSWORD=PASSWORD, KEEP_UNANSWERED_QUESTIONS=True)
    client = app.test_client()
    body = '{"question": "wat is humira \\ud800 en \\u0000 \\udfff?"}'
    assert client.post("/api/ask", data=body, content_type="application/json").status_code == 200
    client.post("/nl/", data={"q": "wat is dupixent"})
    assert app.extensions["usage"].flush()
    response = client.get("/nl/admin", headers=_auth())
    assert response.status_code == 200
    cells = [td.get_text(strip=True) for td in soup(response).select("section[aria-labelledby=missing] td")]
    assert "wat is humira \ufffd en \ufffd?" in cells
    assert collect(app.extensions["usage"].store, 1).total == 2  # and the rest of the batch with it
