"""Thumbs up and down: the form under each curated answer (no JavaScript needed), POST /<lang>/feedback and
POST /api/feedback, with bad input refused and nothing stored. Also which surface /api/ask counts.
Run on SQLite and, when BOT_TEST_DATABASE_URL names one, on PostgreSQL."""
import datetime as dt
import json

import pytest
from sqlalchemy import select

from bot.insight.store import feedback, usage

GOOD = {"answer_id": "dupilumab/risks", "lang": "nl", "helpful": True}


@pytest.fixture
def app(figures_app):
    """The app counting in the test database (SQLite, then PostgreSQL)."""
    return figures_app()


def stored(app, table) -> list[dict]:
    """Every row of a figures table, after writing what was counted."""
    recorder = app.extensions["usage"]
    assert recorder.flush()
    with recorder.store.engine.connect() as conn:
        return [dict(row._mapping) for row in conn.execute(select(table))]


def _thumbs(html):
    return html.select("[role=log] form.feedback[data-feedback]")


# --- the form under an answer ------------------------------------------------------------------------------
@pytest.mark.parametrize("path, surface", [("/nl/", "web"), ("/nl/kiosk", "kiosk"), ("/en/embed", "embed")])
def test_an_answer_has_thumbs_that_send_only_ids(client, soup, path, surface):
    html = soup(client.post(path, data={"q": "what are the side effects of dupixent"}))
    (form,) = _thumbs(html)
    assert form["method"] == "post" and form["action"] == f"/{path.split('/')[1]}/feedback"
    hidden = {i["name"]: i["value"] for i in form.select("input[type=hidden]")}
    assert hidden == {"answer_id": "dupilumab/risks", "lang": "en", "surface": surface}
    assert not form.select("input[name=q], input[name=context], textarea")  # nothing typed goes with a thumb
    assert form.select_one("fieldset legend").get_text(strip=True)
    buttons = form.select("fieldset button[type=submit][name=helpful]")
    assert [b["value"] for b in buttons] == ["yes", "no"]
    assert all(b.get_text(strip=True) for b in buttons)
    assert all(svg["aria-hidden"] == "true" for svg in form.select("svg"))


@pytest.mark.parametrize("lang, legend, yes", [("nl", "Had u hier iets aan?", "Ja"),
                                               ("en", "Was this helpful?", "Yes")])
def test_the_thumbs_speak_the_page_language(client, soup, lang, legend, yes):
    (form,) = _thumbs(soup(client.post(f"/{lang}/", data={"q": "wat is dupixent"})))
    assert form["lang"] == lang
    assert form.select_one("legend").get_text(strip=True) == legend
    assert form.select_one("button[value=yes]").get_text(strip=True) == yes


@pytest.mark.parametrize("question", ["hoe is het weer", "wat is humira", "mijn keel zwelt op en ik kan niet ademen",
                                      "hallo", "bijwerkingen"])
def test_no_thumbs_without_a_curated_answer(client, soup, question):
    assert not _thumbs(soup(client.post("/nl/", data={"q": question})))


def test_the_page_holds_a_template_of_the_thumbs_for_javascript(client, soup):
    template = soup(client.get("/en/kiosk")).select_one("[data-module=conversation] template[data-feedback-template]")
    assert template.select_one("form[data-feedback] input[name=surface]")["value"] == "kiosk"
    root = soup(client.get("/en/kiosk")).select_one("[data-module=conversation]")
    assert root["data-feedback-api"] == "/api/feedback" and root["data-usage-surface"] == "kiosk"


# --- the plain form post -----------------------------------------------------------------------------------
@pytest.mark.parametrize("surface, page", [("web", "/en/"), ("kiosk", "/en/kiosk"), ("embed", "/en/embed")])
def test_a_thumb_by_form_goes_back_to_its_page_with_thanks(app, soup, surface, page):
    client = app.test_client()
    response = client.post("/en/feedback", data={"answer_id": "baricitinib/usage", "lang": "nl",
                                                 "surface": surface, "helpful": "no"})
    assert response.status_code == 303
    assert response.headers["Location"] == f"{page}?feedback=thanks&answer=nl/baricitinib/usage"
    html = soup(client.get(response.headers["Location"]))
    # the same answer again (by its id: nothing typed travels with a thumb), thanked in place of its thumbs
    (answer,) = html.select("[role=log] .message-bot")
    assert answer["lang"] == "nl" and answer.select_one(".answer-link a, .take-home img")
    assert not html.select("[role=log] .message-user") and not answer.select("form.feedback")
    thanks = answer.select_one(".feedback-thanks[role=status]")
    assert thanks.get_text(strip=True) == "Thank you. This helps us improve the answers."
    assert html.select_one("input[name=context]")["value"] == \
        '{"lang":"nl","medicine":"baricitinib","topic":"usage","turn":1}'
    assert stored(app, feedback) == [{"day": dt.date.today(), "surface": surface, "lang": "nl",
                                      "medicine": "baricitinib", "topic": "usage", "helpful": False, "count": 1}]


@pytest.mark.parametrize("address", ["nl/baricitinib/nothing", "xx/baricitinib/usage", "nl/../usage", "nl", "a" * 300,
                                     "nl/general/compare/extra"])
def test_thanks_for_an_answer_that_does_not_exist_shows_the_start(client, soup, address):
    response = client.get("/nl/", query_string={"feedback": "thanks", "answer": address})
    assert response.status_code == 200
    html = soup(response)
    assert html.select_one(".feedback-thanks[role=status]") and html.select_one("[role=log] .intro")


def test_no_thanks_without_a_thumb(client, soup):
    assert not soup(client.get("/nl/")).select(".feedback-thanks")
    assert not soup(client.post("/nl/?feedback=thanks", data={"q": "wat is dupixent"})).select(".feedback-thanks")


@pytest.mark.parametrize("form", [
    {"answer_id": "dupilumab/nope", "lang": "nl", "surface": "web", "helpful": "yes"},
    {"answer_id": "nope", "lang": "nl", "surface": "web", "helpful": "yes"},
    {"answer_id": "dupilumab/risks", "lang": "fr", "surface": "web", "helpful": "yes"},
    {"answer_id": "dupilumab/risks", "lang": "nl", "surface": "api", "helpful": "yes"},
    {"answer_id": "dupilumab/risks", "lang": "nl", "surface": "chat", "helpful": "yes"},
    {"answer_id": "dupilumab/risks", "lang": "nl", "surface": "web", "helpful": "maybe"},
    {"answer_id": "dupilumab/risks", "lang": "nl", "surface": "web"},
    {},
])
def test_a_bad_form_is_400_and_nothing_is_stored(app, soup, form):
    response = app.test_client().post("/nl/feedback", data=form)
    assert response.status_code == 400
    assert soup(response).html["lang"] == "nl"
    assert stored(app, feedback) == []


def test_feedback_by_get_is_not_allowed(client):
    assert client.get("/nl/feedback").status_code == 405


# --- the JSON API ------------------------------------------------------------------------------------------
def test_api_feedback_is_counted_per_day_answer_and_surface(app):
    client = app.test_client()
    for body in (GOOD, GOOD, {**GOOD, "helpful": False}, {**GOOD, "surface": "kiosk"}, {**GOOD, "surface": None}):
        response = client.post("/api/feedback", json=body)
        assert response.status_code == 202 and response.get_json() == {"status": "accepted"}
    rows = {(r["surface"], r["helpful"]): r["count"] for r in stored(app, feedback)}
    assert rows == {("api", True): 3, ("api", False): 1, ("kiosk", True): 1}


@pytest.mark.parametrize("body", [
    [], "dupilumab/risks", 42, None, {},
    {**GOOD, "answer_id": "dupilumab/nope"}, {**GOOD, "answer_id": "nope/risks"}, {**GOOD, "answer_id": "dupilumab"},
    {**GOOD, "answer_id": "a/b/c"}, {**GOOD, "answer_id": 42}, {**GOOD, "answer_id": ["dupilumab/risks"]},
    {**GOOD, "answer_id": None}, {**GOOD, "answer_id": "general/risks"},
    {**GOOD, "lang": "fr"}, {**GOOD, "lang": None}, {**GOOD, "lang": 1},
    {**GOOD, "helpful": "yes"}, {**GOOD, "helpful": 1}, {**GOOD, "helpful": 0}, {**GOOD, "helpful": None},
    {**GOOD, "helpful": "true"}, {k: v for k, v in GOOD.items() if k != "helpful"},
    {**GOOD, "surface": "chat"}, {**GOOD, "surface": 3}, {**GOOD, "surface": ""}, {**GOOD, "surface": ["web"]},
])
def test_api_bad_feedback_is_400_and_nothing_is_stored(app, body):
    response = app.test_client().post("/api/feedback", data=json.dumps(body), content_type="application/json")
    assert response.status_code == 400
    assert isinstance(response.get_json()["error"], str)
    assert stored(app, feedback) == []


@pytest.mark.parametrize("kwargs, status", [({"data": GOOD}, 415), ({"data": "x", "content_type": "text/plain"}, 415),
                                            ({"data": '{"answer_id": ', "content_type": "application/json"}, 400),
                                            ({"json": {**GOOD, "pad": "x" * 20_000}}, 413)])
def test_api_feedback_that_is_not_json_or_too_big(app, kwargs, status):
    response = app.test_client().post("/api/feedback", **kwargs)
    assert response.status_code == status and response.get_json()["error"]
    assert stored(app, feedback) == []


def test_api_feedback_ignores_extra_fields_and_never_stores_them(app):
    response = app.test_client().post("/api/feedback", json={**GOOD, "question": "mijn naam is Jan", "ip": "1.2.3.4"})
    assert response.status_code == 202
    (row,) = stored(app, feedback)
    assert "Jan" not in repr(row) and set(row) == {"day", "surface", "lang", "medicine", "topic", "helpful", "count"}


def test_api_feedback_matches_the_openapi_document(client):
    jsonschema = pytest.importorskip("jsonschema")
    from test_openapi import DOC
    operation = DOC["paths"]["/api/feedback"]["post"]
    schema = {"$ref": "#/components/schemas/Feedback", "components": DOC["components"]}
    jsonschema.validate(GOOD, schema)
    accepted = operation["responses"]["202"]["content"]["application/json"]["schema"]
    jsonschema.validate(client.post("/api/feedback", json=GOOD).get_json(), accepted)
    assert "400" in operation["responses"]


# --- the surface /api/ask counts ---------------------------------------------------------------------------
def test_api_ask_counts_the_surface_it_is_told(app):
    client = app.test_client()
    client.post("/api/ask", json={"question": "wat is dupixent", "surface": "kiosk"})
    client.post("/api/ask", json={"question": "wat is dupixent"})
    client.post("/api/ask", json={"question": "wat is dupixent", "surface": None})
    client.post("/nl/embed", data={"q": "wat is dupixent"})
    rows = {r["surface"]: r["count"] for r in stored(app, usage)}
    assert rows == {"kiosk": 1, "api": 2, "embed": 1}


@pytest.mark.parametrize("surface", ["chat", "", 3, ["web"]])
def test_api_ask_refuses_an_unknown_surface(app, surface):
    response = app.test_client().post("/api/ask", json={"question": "wat is dupixent", "surface": surface})
    assert response.status_code == 400 and "surface" in response.get_json()["error"]
    assert stored(app, usage) == []
