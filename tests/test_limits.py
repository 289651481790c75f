"""Rate limits on asking questions: per client address, shared by the API and the forms, a friendly 429 in the
page's language, exemptions for the kiosk, and the client address behind a reverse proxy."""
import pytest

from bot.insight import collect
from bot.web import create_app
from bot.web.limits import exempt_networks

ASK = {"question": "wat is dupixent"}
PATIENT = {"REMOTE_ADDR": "203.0.113.7"}
OTHER = {"REMOTE_ADDR": "198.51.100.4"}


def limited_client(**config):
    """A test client of an app that allows 3 questions a minute unless `config` says otherwise."""
    return create_app({"TESTING": True, "RATELIMIT_QUESTIONS": "3 per minute", **config}).test_client()


def ask_api(client, environ=PATIENT, headers=None):
    return client.post("/api/ask", json=ASK, environ_base=environ, headers=headers or {})


def test_default_is_30_questions_a_minute_in_memory():
    app = create_app()
    assert app.config["RATELIMIT_QUESTIONS"] == "30 per minute"
    assert app.config["RATELIMIT_STORAGE_URI"] == "memory://"
    client = app.test_client()
    assert [ask_api(client).status_code for _ in range(31)] == [200] * 30 + [429]


def test_api_over_the_limit_gets_429_json_with_retry_after():
    client = limited_client()
    assert [ask_api(client).status_code for _ in range(3)] == [200] * 3
    response = ask_api(client)
    assert response.status_code == 429 and response.is_json
    assert "wait a minute" in response.get_json()["error"]
    assert 1 <= int(response.headers["Retry-After"]) <= 61


def test_others_keep_getting_answers_and_pages_keep_loading():
    client = limited_client()
    for _ in range(5):
        ask_api(client)
    assert ask_api(client).status_code == 429
    assert ask_api(client, OTHER).status_code == 200
    for path in ("/nl/", "/kiosk", "/en/medicines", "/nl/dupilumab/risks", "/api/health", "/static/site.css"):
        response = client.get(path, environ_base=PATIENT)
        assert response.status_code == 200, path
        response.close()


def test_forms_and_api_share_one_budget():
    client = limited_client()
    assert client.post("/nl/", data={"q": "wat is dupixent"}, environ_base=PATIENT).status_code == 200
    assert client.post("/kiosk", data={"q": "wat is olumiant"}, environ_base=PATIENT).status_code == 200
    assert ask_api(client).status_code == 200
    assert client.post("/en/embed", data={"q": "what is rinvoq"}, environ_base=PATIENT).status_code == 429


@pytest.mark.parametrize("path, lang, heading", [("/nl/", "nl", "Even geduld"), ("/en/", "en", "Please wait a moment"),
                                                 ("/kiosk", "nl", "Even geduld"),
                                                 ("/en/embed", "en", "Please wait a moment")])
def test_form_over_the_limit_gets_a_friendly_page_in_its_language(soup, path, lang, heading):
    client = limited_client(RATELIMIT_QUESTIONS="1 per minute")
    client.post(path, data={"q": "wat is dupixent"}, environ_base=PATIENT)
    response = client.post(path, data={"q": "wat is dupixent"}, environ_base=PATIENT)
    assert response.status_code == 429 and response.headers["Retry-After"]
    html = soup(response)
    assert html.html["lang"] == lang and html.h1.get_text(strip=True) == heading
    assert html.select_one("main p").get_text(strip=True)
    assert html.select_one("main a[href]")  # a way back to the questions


def test_the_page_tells_the_script_what_to_say_on_429(soup):
    html = soup(limited_client().get("/nl/"))
    assert "Wacht een minuut" in html.select_one("[data-module=conversation]")["data-label-busy"]


def test_empty_questions_count_too():
    """A bot posting empty forms still spends its budget; a 4xx is no way around the limit."""
    client = limited_client()
    for _ in range(3):
        assert client.post("/nl/", data={"q": ""}, environ_base=PATIENT).status_code == 400
    assert ask_api(client).status_code == 429


@pytest.mark.parametrize("exempt", [["203.0.113.7"], "203.0.113.7, 192.0.2.1", ["203.0.113.0/24"]])
def test_the_kiosk_address_can_be_exempted(exempt):
    client = limited_client(RATELIMIT_EXEMPT=exempt)
    assert all(ask_api(client).status_code == 200 for _ in range(10))
    assert [ask_api(client, OTHER).status_code for _ in range(4)] == [200] * 3 + [429]


def test_settings_from_the_environment(monkeypatch):
    monkeypatch.setenv("BOT_RATELIMIT_QUESTIONS", "2 per minute")
    monkeypatch.setenv("BOT_RATELIMIT_EXEMPT", '["192.0.2.9"]')
    client = create_app({"TESTING": True}).test_client()
    assert [ask_api(client).status_code for _ in range(3)] == [200, 200, 429]
    assert all(ask_api(client, {"REMOTE_ADDR": "192.0.2.9"}).status_code == 200 for _ in range(5))


def test_limit_can_be_switched_off():
    client = limited_client(RATELIMIT_ENABLED=False)
    assert all(ask_api(client).status_code == 200 for _ in range(10))


def test_behind_a_proxy_each_visitor_is_counted_by_their_own_address():
    client = limited_client(PROXY_FIX_HOPS=1)
    proxy = {"REMOTE_ADDR": "127.0.0.1"}
    for _ in range(3):
        assert ask_api(client, proxy, {"X-Forwarded-For": "203.0.113.7"}).status_code == 200
    assert ask_api(client, proxy, {"X-Forwarded-For": "203.0.113.7"}).status_code == 429
    assert ask_api(client, proxy, {"X-Forwarded-For": "198.51.100.4"}).status_code == 200
    # A forged header in front of the proxy's own entry does not buy a fresh budget.
    forged = {"X-Forwarded-For": "10.9.9.9, 203.0.113.7"}
    assert ask_api(client, proxy, forged).status_code == 429


def test_without_a_proxy_a_forged_forwarded_header_changes_nothing():
    client = limited_client()
    statuses = [ask_api(client, PATIENT, {"X-Forwarded-For": f"10.0.0.{i}"}).status_code for i in range(4)]
    assert statuses == [200] * 3 + [429]


def test_a_broken_setting_stops_the_start_with_its_name():
    with pytest.raises(ValueError, match="RATELIMIT_QUESTIONS"):
        create_app({"TESTING": True, "RATELIMIT_QUESTIONS": "lots"})
    with pytest.raises(ValueError, match="RATELIMIT_EXEMPT"):
        create_app({"TESTING": True, "RATELIMIT_EXEMPT": ["kiosk-pc"]})


def test_exempt_networks_reads_lists_and_strings():
    assert [str(n) for n in exempt_networks("192.0.2.1, 10.0.0.0/8 ::1")] == ["192.0.2.1/32", "10.0.0.0/8",
                                                                               "::1/128"]
    assert exempt_networks([]) == ()


# --- safety before the limit --------------------------------------------------------------------------------
EMERGENCY = {"nl": "ik kan niet meer ademen en mijn lippen worden blauw",
             "en": "my throat is closing and I cannot breathe"}
CRISIS = "ik wil niet meer leven"


def spent_client(**config):
    """A client whose patient has used up their questions."""
    client = limited_client(RATELIMIT_QUESTIONS="1 per minute", **config)
    assert ask_api(client).status_code == 200
    assert ask_api(client).status_code == 429
    return client


@pytest.mark.parametrize("question, kind, number", [(EMERGENCY["nl"], "emergency", "112"),
                                                    (EMERGENCY["en"], "emergency", "112"), (CRISIS, "crisis", "113")])
def test_over_the_limit_the_api_still_gives_112_or_113(question, kind, number):
    client = spent_client()
    response = client.post("/api/ask", json={"question": question}, environ_base=PATIENT)
    assert response.status_code == 200 and "Retry-After" not in response.headers
    reply = response.get_json()
    assert reply["kind"] == kind and number in reply["text"]


@pytest.mark.parametrize("path", ["/nl/", "/kiosk", "/en/kiosk", "/embed", "/en/embed"])
@pytest.mark.parametrize("kind", ["emergency", "crisis"])
def test_over_the_limit_the_forms_still_give_112_or_113(soup, path, kind):
    client = spent_client()
    question = EMERGENCY["en" if path.startswith("/en") else "nl"] if kind == "emergency" else CRISIS
    response = client.post(path, data={"q": question}, environ_base=PATIENT)
    assert response.status_code == 200
    alert = soup(response).select_one("[role=alert]")
    assert alert and ("112" if kind == "emergency" else "113") in alert.get_text()


def test_over_the_limit_everything_else_is_still_refused_and_not_counted(tmp_path):
    client = spent_client(DATABASE_URL=f"sqlite:///{tmp_path / 'figures.sqlite'}")
    for question in ("wat is dupixent", "hoe bewaar ik olumiant", "hallo"):
        assert client.post("/api/ask", json={"question": question}, environ_base=PATIENT).status_code == 429
        assert client.post("/nl/", data={"q": question}, environ_base=PATIENT).status_code == 429
    assert client.post("/nl/", data={"q": ""}, environ_base=PATIENT).status_code == 429
    assert client.post("/api/ask", json={"question": 42}, environ_base=PATIENT).status_code == 429
    thumb = {"answer_id": "dupilumab/about", "lang": "nl", "helpful": True}
    assert client.post("/api/feedback", json=thumb, environ_base=PATIENT).status_code == 429
    recorder = client.application.extensions["usage"]
    assert recorder.flush()
    figures = collect(recorder.store, 1)
    assert figures.total == 1 and not figures.thumbs  # only the one answer given before the limit
    recorder.close()
