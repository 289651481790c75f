"""The web surfaces through the Flask test client: every route in both languages, the plain-HTML form,
the JSON API and its error paths, error pages and the security headers. HTML is checked by structure."""
import json
import urllib.request

import pytest
from babel.dates import format_date
from babel.messages.pofile import read_po

from bot import engine
from bot.cli import build_parser
from bot.content import GENERAL
from bot.web import ROOT, create_app
from bot.web.i18n import compile_catalogues

LANGS = ("nl", "en")
PAGES = ("", "kiosk", "embed", "medicines", "dupilumab/risks", "general/compare")
HEADINGS_404 = {"nl": "Pagina niet gevonden", "en": "Page not found"}
LABELS = {"nl": "Uw vraag", "en": "Your question"}


def _transcript(soup):
    log = soup.select_one("[role=log]")
    assert log is not None
    return log


def _form(soup):
    return soup.select_one("form[data-ask-form]")


def _context(soup):
    return json.loads(_form(soup).select_one("input[type=hidden][name=context]")["value"])


# --- every page, both languages ----------------------------------------------------------------------------
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", PAGES)
def test_page_in_both_languages(client, soup, lang, path):
    response = client.get(f"/{lang}/{path}")
    assert response.status_code == 200
    html = soup(response)
    assert html.html["lang"] == lang
    skip = html.select_one("a.skip-link")
    assert skip["href"] == "#main" and html.select_one("main#main")
    assert html.title.get_text(strip=True)
    assert len(html.select("h1")) == 1
    # Only our own files: no inline script, no third-party script, style or image.
    for script in html.select("script"):
        assert script.get("src", "").startswith("/static/") and not script.get_text(strip=True)
    for tag, attr in (("link", "href"), ("img", "src")):
        for node in html.select(f"{tag}[{attr}]"):
            assert node[attr].startswith("/"), node
    switch = {a["lang"]: a["href"] for a in html.select(".language-switch a, .kiosk-languages a")}
    assert set(switch) == set(LANGS)
    assert switch[lang].startswith(f"/{lang}/")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("surface", ("", "kiosk", "embed"))
def test_conversation_surfaces_have_an_accessible_form(client, soup, lang, surface):
    html = soup(client.get(f"/{lang}/{surface}"))
    form = _form(html)
    assert form["method"] == "post" and form["action"] == f"/{lang}/{surface}"
    field = form.select_one("input[name=q]")
    label = form.select_one(f"label[for={field['id']}]")
    assert label.get_text(strip=True) == LABELS[lang]
    assert form.select_one("input[type=hidden][name=context]")["value"] == ""
    assert _transcript(html).select_one(".intro")
    starters = engine().content.phrases[lang]["suggestions"]
    buttons = html.select("form.suggestions button[name=q][type=submit]")
    assert [b["value"] for b in buttons] == starters[:len(buttons)] and buttons
    assert html.select_one("[data-module=conversation]")["data-api"] == "/api/ask"


@pytest.mark.parametrize("path", ("kiosk", "embed"))
def test_kiosk_and_embed_without_language_are_dutch(client, soup, path):
    response = client.get(f"/{path}")
    assert response.status_code == 200
    assert soup(response).html["lang"] == "nl"


@pytest.mark.parametrize("accept, where", [("en-GB,en;q=0.9", "/en/"), ("nl-NL,nl;q=0.9,en;q=0.5", "/nl/"),
                                           ("fr-FR,fr;q=0.9", "/nl/"), (None, "/nl/"),
                                           ("fr;q=0.9,en;q=0.8,nl;q=0.7", "/en/")])
def test_root_redirects_by_accept_language(client, accept, where):
    response = client.get("/", headers={"Accept-Language": accept} if accept else {})
    assert response.status_code == 302
    assert response.headers["Location"] == where


# --- the plain HTML form (JavaScript off) -------------------------------------------------------------------
def test_form_post_answers_and_a_follow_up_uses_the_hidden_context(client, soup):
    first = soup(client.post("/nl/", data={"q": "wat is dupixent"}))
    messages = _transcript(first).select(".message")
    assert [m["class"][1] for m in messages] == ["message-user", "message-bot"]
    assert messages[0].select_one(".message-text").get_text() == "wat is dupixent"
    assert messages[1]["lang"] == "nl" and "kind-answer" in messages[1]["class"]
    context = _context(first)
    assert context["medicine"] == "dupilumab"
    # The suggestion form carries the same context, so tapping a suggestion also continues.
    assert json.loads(first.select_one("form.suggestions input[name=context]")["value"]) == context

    second = soup(client.post("/nl/", data={"q": "en de bijwerkingen?", "context": json.dumps(context)}))
    reply = _transcript(second).select_one(".message-bot")
    assert reply.select_one(".answer-link a")["href"] == "/nl/dupilumab/risks"
    assert reply.select(".sources li")
    assert _context(second)["topic"] == "risks"


def test_reply_follows_the_question_language_and_links_to_that_page(client, soup):
    html = soup(client.post("/nl/", data={"q": "what are the side effects of dupixent"}))
    reply = _transcript(html).select_one(".message-bot")
    assert reply["lang"] == "en"
    assert reply.select_one(".answer-link a")["href"] == "/en/dupilumab/risks"
    assert reply.select_one(".who")["lang"] == "nl"


@pytest.mark.parametrize("context", ["{broken", "[]", "null", "42", '"text"', "x" * 5000,
                                     '{"medicine": "<script>alert(1)</script>", "turn": -5, "lang": "xx"}',
                                     '{"medicine": {"nested": true}, "topic": ["risks"]}'])
def test_tampered_context_is_ignored(client, soup, context):
    response = client.post("/en/", data={"q": "what is dupixent", "context": context})
    assert response.status_code == 200
    html = soup(response)
    assert "kind-answer" in _transcript(html).select_one(".message-bot")["class"]
    assert _context(html)["medicine"] == "dupilumab"


def test_user_text_is_shown_escaped(client, soup):
    question = '<script>alert("x")</script><img src=x onerror=alert(1)> wat is dupixent'
    html = soup(client.post("/nl/", data={"q": question}))
    shown = _transcript(html).select_one(".message-user .message-text")
    assert shown.get_text() == question
    assert not shown.find_all(True)
    assert not html.select("img")
    assert all(s.get("src") for s in html.select("script"))


@pytest.mark.parametrize("lang", LANGS)
def test_empty_question_shows_an_error_not_a_crash(client, soup, lang):
    response = client.post(f"/{lang}/", data={"q": "   "})
    assert response.status_code == 400
    error = soup(response).select_one("#q-error")
    assert error.get_text(strip=True) and not error.has_attr("hidden")


def test_too_long_question_in_the_form(client, soup):
    response = client.post("/en/", data={"q": "a" * 2001})
    assert response.status_code == 413
    html = soup(response)
    assert html.select_one("#q-error").get_text(strip=True)
    assert html.select_one("input[name=q]")["aria-invalid"] == "true"


@pytest.mark.parametrize("surface", ("", "embed"))
def test_emergency_stands_out_with_a_call_link(client, soup, surface):
    html = soup(client.post(f"/nl/{surface}", data={"q": "mijn keel zwelt op en ik kan niet ademen"}))
    alert = _transcript(html).select_one("[role=alert]")
    assert "kind-emergency" in alert["class"]
    assert [a["href"] for a in alert.select(".call-block a")][0] == "tel:112"
    assert not html.select("form.suggestions")


@pytest.mark.parametrize("lang, question", [("nl", "ik wil dood"), ("en", "I want to kill myself")])
def test_crisis_shows_113_links(client, soup, lang, question):
    html = soup(client.post(f"/{lang}/", data={"q": question}))
    alert = _transcript(html).select_one("[role=alert]")
    assert "kind-crisis" in alert["class"] and alert["lang"] == lang
    assert {a["href"] for a in alert.select("a[href^='tel:']")} == {"tel:112", "tel:113", "tel:08000113"}


@pytest.mark.parametrize("lang, staff, number", [
    ("nl", "Waarschuw nu een medewerker bij de balie.", "bellen 112"),
    ("en", "Alert the staff at the desk now.", "call 112")])
def test_kiosk_emergency_sends_the_patient_to_the_desk_staff_first(client, soup, lang, staff, number):
    """A phone link does nothing on the kiosk's PC: the staff first, then 112 as a number for their own phone."""
    html = soup(client.post(f"/{lang}/kiosk", data={"q": "my throat is swelling and I cannot breathe"}))
    alert = _transcript(html).select_one("[role=alert]")
    assert "kind-emergency" in alert["class"]
    first, then = alert.select(".call-block p")[:2]
    assert first.get_text(strip=True) == staff and "staff-first" in first["class"]
    assert number in then.get_text()
    assert not alert.select("a[href^='tel:']")
    assert ("balie" if lang == "nl" else "desk") in html.select_one("footer").get_text()  # not "call 112"


@pytest.mark.parametrize("lang, staff, number", [("nl", "medewerker bij de balie", "0800-0113"),
                                                 ("en", "staff at the desk", "0800-0113")])
def test_kiosk_crisis_names_the_desk_staff_and_113(client, soup, lang, staff, number):
    html = soup(client.post(f"/{lang}/kiosk", data={"q": "ik wil dood" if lang == "nl" else "I want to kill myself"}))
    alert = _transcript(html).select_one("[role=alert]")
    assert "kind-crisis" in alert["class"]
    first, then = alert.select(".call-block p")[:2]
    assert staff in first.get_text() and "staff-first" in first["class"]
    assert number in then.get_text() and "113" in then.get_text()
    assert not alert.select("a[href^='tel:']")


def test_kiosk_shows_the_take_home_link_on_the_public_site(soup):
    app = create_app({"TESTING": True, "PUBLIC_BASE_URL": "https://www.example.org/bot/"})
    html = soup(app.test_client().post("/nl/kiosk", data={"q": "wat is dupixent"}))
    url = html.select_one(".take-home .url").get_text()
    assert url == "https://www.example.org/bot/nl/dupilumab/about"


def test_kiosk_answer_has_a_qr_code_of_its_public_page(soup):
    import io

    import segno
    app = create_app({"TESTING": True, "PUBLIC_BASE_URL": "https://www.example.org/bot/"})
    client = app.test_client()
    html = soup(client.post("/en/kiosk", data={"q": "olumiant side effects"}))
    img = html.select_one(".take-home img.qr")
    assert img["alt"] and img["src"] == "/en/baricitinib/risks/qr.svg"
    response = client.get(img["src"])
    assert response.status_code == 200 and response.mimetype == "image/svg+xml"
    expected = io.BytesIO()
    segno.make("https://www.example.org/bot/en/baricitinib/risks", error="m").save(
        expected, kind="svg", border=2, omitsize=True, xmldecl=False, svgns=True,
        title="https://www.example.org/bot/en/baricitinib/risks")
    assert response.data == expected.getvalue()


def test_chat_and_embed_answers_have_no_qr_code(client, soup):
    for path in ("/en/", "/en/embed"):
        assert soup(client.post(path, data={"q": "olumiant side effects"})).select_one("img.qr") is None


@pytest.mark.parametrize("path", ("/en/nope/risks/qr.svg", "/en/dupilumab/nope/qr.svg", "/xx/dupilumab/risks/qr.svg",
                                  "/en/etranacogen_dezaparvovec/vaccination/qr.svg"))
def test_qr_code_of_an_unknown_answer_is_404(client, path):
    assert client.get(path).status_code == 404


def test_kiosk_idle_settings_and_controls(client, soup):
    html = soup(client.get("/en/kiosk"))
    assert html.body["data-idle-seconds"] == "120" and int(html.body["data-warning-seconds"]) >= 20
    assert html.body["data-start-url"] == "/kiosk"
    warning = html.select_one("#idle-warning[role=alertdialog]")
    assert warning.has_attr("hidden") and warning.select_one("button[data-continue]")
    assert {a["lang"] for a in html.select(".kiosk-languages a.big-button")} == set(LANGS)
    assert html.select_one("a.start-again")["href"] == "/en/kiosk"
    assert [s["src"] for s in html.select("script")] == ["/static/read-aloud.js", "/static/chat.js",
                                                          "/static/kiosk.js"]


def test_kiosk_idle_time_is_configurable_and_the_warning_never_under_20_seconds(soup):
    app = create_app({"TESTING": True, "KIOSK_IDLE_SECONDS": 5, "KIOSK_WARNING_SECONDS": 3})
    html = soup(app.test_client().get("/kiosk"))
    assert html.body["data-idle-seconds"] == "5" and html.body["data-warning-seconds"] == "20"


def test_config_from_the_environment(monkeypatch):
    monkeypatch.setenv("BOT_KIOSK_IDLE_SECONDS", "45")
    monkeypatch.setenv("BOT_FRAME_ANCESTORS", "'self' https://www.vmce.nl")
    app = create_app()
    assert app.config["KIOSK_IDLE_SECONDS"] == 45
    assert "frame-ancestors 'self' https://www.vmce.nl" in app.test_client().get("/embed").headers[
        "Content-Security-Policy"]


# --- answer pages and the index -----------------------------------------------------------------------------
@pytest.mark.parametrize("lang", LANGS)
def test_answer_page_has_framing_sources_and_dates(client, soup, lang):
    content = engine().content
    answer = content.answer(lang, "dupilumab", "risks")
    html = soup(client.get(f"/{lang}/dupilumab/risks"))
    assert html.h1.get_text(strip=True) == answer.title
    assert html.select_one(".framing").get_text(strip=True) == content.phrases[lang]["framing"].strip()
    sources = html.select(".sources li")
    assert len(sources) == len(answer.citations)
    assert sources[0].select_one(".source-title").get_text() == answer.citations[0].source.titles[lang]
    assert format_date(answer.reviewed, "long", locale=lang) in html.select_one(".reviewed").get_text()
    assert html.select_one(".answer-text li")  # the "- " lines became a list


def test_dates_are_written_in_the_page_language(client, soup):
    nl = soup(client.get("/nl/dupilumab/risks")).select_one(".source-date").get_text()
    en = soup(client.get("/en/dupilumab/risks")).select_one(".source-date").get_text()
    assert "oktober 2025" in nl and "October 2025" in en


def test_sources_are_described_in_the_page_language(client, soup):
    nl = soup(client.get("/nl/dupilumab/risks"))
    leaflet = next(li for li in nl.select(".sources li") if "bijsluiter" in li.get_text())
    assert "Engelstalige bijsluiter" in leaflet.select_one(".source-title").get_text()
    assert leaflet.select_one(".source-section").get_text().startswith("2. Wanneer mag u dit middel niet gebruiken")
    assert "versiedatum onbekend" in leaflet.select_one(".source-date").get_text()
    en = soup(client.get("/en/dupilumab/risks"))
    assert any("version date unknown" in d.get_text() for d in en.select(".source-date"))


@pytest.mark.parametrize("lang", LANGS)
def test_index_lists_every_medicine_and_topic_and_every_link_works(client, soup, lang):
    content = engine().content
    html = soup(client.get(f"/{lang}/medicines"))
    sections = html.select("section.medicine")
    assert len(sections) == len(content.medicines) + 1
    links = [a["href"] for a in html.select("section.medicine a")]
    expected = [f"/{lang}/{m}/{t}" for m in content.medicines for t in content.topics_of(m, lang)]
    assert links[:len(expected)] == expected
    assert all(link.startswith(f"/{lang}/{GENERAL}/") for link in links[len(expected):])
    for link in links:
        assert client.get(link).status_code == 200, link


# --- not found ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", ("dupilumab/nope", "nope/risks", "general/risks", "a/b/c", "nothing"))
def test_404_page_in_the_right_language(client, soup, lang, path):
    response = client.get(f"/{lang}/{path}")
    assert response.status_code == 404
    html = soup(response)
    assert html.html["lang"] == lang
    assert html.h1.get_text(strip=True) == HEADINGS_404[lang]


def test_unknown_language_is_404(client, soup):
    response = client.get("/fr/")
    assert response.status_code == 404 and soup(response).html["lang"] == "nl"


# --- JSON API ----------------------------------------------------------------------------------------------
def test_api_ask_returns_the_reply(client):
    response = client.post("/api/ask", json={"question": "wat is dupixent", "lang": "nl", "context": None})
    assert response.status_code == 200
    data = response.get_json()
    assert data == engine().ask("wat is dupixent", lang="nl").to_dict()
    follow = client.post("/api/ask", json={"question": "en de bijwerkingen?", "context": data["context"]})
    assert follow.get_json()["answer_id"] == "dupilumab/risks"


def test_api_gives_the_lead_as_summary_and_a_repeat_says_so_briefly(client):
    first = client.post("/api/ask", json={"question": "wat zijn de bijwerkingen van dupixent"}).get_json()
    answer = engine().content.answer("nl", "dupilumab", "risks")
    assert first["summary"] == answer.lead and answer.text in first["text"]
    again = client.post("/api/ask", json={"question": "en de bijwerkingen?", "context": first["context"]}).get_json()
    assert again["answer_id"] == "dupilumab/risks" and again["summary"] is None
    assert "net beantwoord" in again["text"] and answer.text not in again["text"] and answer.lead in again["text"]


def test_api_ask_with_only_a_question(client):
    data = client.post("/api/ask", json={"question": "what is rinvoq"}).get_json()
    assert data["medicine"] == "upadacitinib" and data["lang"] == "en"


def test_api_tampered_context_object_is_ignored(client):
    response = client.post("/api/ask", json={"question": "wat is dupixent",
                                             "context": {"medicine": "<x>", "turn": -1, "a": {"b": 1}}})
    assert response.status_code == 200 and response.get_json()["medicine"] == "dupilumab"


@pytest.mark.parametrize("body", [[], "text", 42, None, {}, {"question": ""}, {"question": "   "},
                                  {"question": 42}, {"question": ["a"]}, {"question": "hi", "lang": "fr"},
                                  {"question": "hi", "lang": 1}, {"question": "hi", "context": []},
                                  {"question": "hi", "context": "x"}])
def test_api_bad_input_is_400(client, body):
    response = client.post("/api/ask", data=json.dumps(body), content_type="application/json")
    assert response.status_code == 400
    assert isinstance(response.get_json()["error"], str)


def test_api_broken_json_is_400(client):
    response = client.post("/api/ask", data='{"question": ', content_type="application/json")
    assert response.status_code == 400 and response.get_json()["error"]


def test_api_question_too_long_is_413(client):
    response = client.post("/api/ask", json={"question": "a" * 2001})
    assert response.status_code == 413 and response.get_json()["error"]
    assert client.post("/api/ask", json={"question": "a" * 2000}).status_code == 200


def test_api_body_too_large_is_413(client):
    response = client.post("/api/ask", data=json.dumps({"question": "hi", "pad": "x" * 100_000}),
                           content_type="application/json")
    assert response.status_code == 413 and response.get_json()["error"]


@pytest.mark.parametrize("kwargs", [{"data": {"question": "hi"}}, {"data": "hi", "content_type": "text/plain"},
                                    {}])
def test_api_not_json_is_415(client, kwargs):
    response = client.post("/api/ask", **kwargs)
    assert response.status_code == 415 and response.get_json()["error"]


@pytest.mark.parametrize("method, path, status", [("get", "/api/ask", 405), ("get", "/api/nothing", 404),
                                                  ("post", "/api/health", 405)])
def test_api_errors_are_json(client, method, path, status):
    response = getattr(client, method)(path)
    assert response.status_code == status and response.is_json and response.get_json()["error"]


def test_api_health(client):
    response = client.get("/api/health")
    assert response.status_code == 200
    assert response.get_json()["status"] == "ok" and response.get_json()["medicines"] == 7


# --- headers on every response -----------------------------------------------------------------------------
@pytest.mark.parametrize("method, path", [("get", "/"), ("get", "/nl/"), ("post", "/en/"), ("get", "/kiosk"),
                                          ("get", "/en/embed"), ("get", "/nl/medicines"),
                                          ("get", "/en/dupilumab/usage"), ("get", "/nl/nothing/here"),
                                          ("get", "/api/health"), ("post", "/api/ask"),
                                          ("get", "/static/site.css"), ("get", "/static/chat.js")])
def test_security_headers_and_no_cookies(client, method, path):
    response = getattr(client, method)(path)
    csp = response.headers["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["script-src"] == "'self'" and directives["default-src"] == "'none'"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert "Set-Cookie" not in response.headers
    response.close()


def test_only_the_embed_may_be_framed(client):
    def ancestors(path):
        csp = client.get(path).headers["Content-Security-Policy"]
        return next(d for d in csp.split(";") if "frame-ancestors" in d).split(" ", 2)[-1]
    assert ancestors("/embed") == "'self'" and ancestors("/nl/embed") == "'self'"
    assert ancestors("/nl/") == "'none'" and ancestors("/kiosk") == "'none'"
    app = create_app({"TESTING": True, "FRAME_ANCESTORS": "'self' https://www.vmce.nl"})
    csp = app.test_client().get("/en/embed").headers["Content-Security-Policy"]
    assert "frame-ancestors 'self' https://www.vmce.nl" in csp


def test_x_frame_options_for_browsers_without_frame_ancestors(client):
    assert client.get("/nl/").headers["X-Frame-Options"] == "DENY"
    assert client.get("/api/health").headers["X-Frame-Options"] == "DENY"
    assert client.get("/embed").headers["X-Frame-Options"] == "SAMEORIGIN"
    # It cannot name another site: an embed other sites may frame goes without it.
    app = create_app({"TESTING": True, "FRAME_ANCESTORS": "'self' https://www.vmce.nl"})
    assert "X-Frame-Options" not in app.test_client().get("/embed").headers
    assert app.test_client().get("/kiosk").headers["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize("path, data", [("/nl/", {"q": "wat is dupixent"}), ("/kiosk", {"q": "wat is dupixent"}),
                                        ("/en/embed", {"q": "what is rinvoq"}), ("/nl/", {"q": ""})])
def test_a_reply_that_shows_the_question_is_never_cached(client, path, data):
    assert client.post(path, data=data).headers["Cache-Control"] == "no-store"


def test_an_api_reply_is_never_cached(client):
    assert client.post("/api/ask", json={"question": "wat is dupixent"}).headers["Cache-Control"] == "no-store"
    assert "no-store" not in client.get("/nl/dupilumab/risks").headers.get("Cache-Control", "")


@pytest.mark.parametrize("name", ("site.css", "chat.js", "kiosk.js"))
def test_static_files(client, name):
    response = client.get(f"/static/{name}")
    assert response.status_code == 200 and response.data
    response.close()


# --- interface text ----------------------------------------------------------------------------------------
def test_every_interface_text_is_translated_to_dutch():
    with open(ROOT / "translations" / "messages.pot", "rb") as f:
        template = {m.id for m in read_po(f) if m.id}
    with open(ROOT / "translations" / "nl" / "LC_MESSAGES" / "messages.po", "rb") as f:
        dutch = {m.id: m.string for m in read_po(f) if m.id}
    assert template == set(dutch)
    assert all(dutch.values()), [k for k, v in dutch.items() if not v]


def test_catalogues_are_compiled_when_missing_or_stale(tmp_path):
    target = tmp_path / "nl" / "LC_MESSAGES"
    target.mkdir(parents=True)
    po = target / "messages.po"
    po.write_bytes((ROOT / "translations" / "nl" / "LC_MESSAGES" / "messages.po").read_bytes())
    compile_catalogues(tmp_path)
    mo = target / "messages.mo"
    assert mo.stat().st_size > 0
    mtime = mo.stat().st_mtime_ns
    compile_catalogues(tmp_path)
    assert mo.stat().st_mtime_ns == mtime  # up to date: left alone


# --- bot serve ---------------------------------------------------------------------------------------------
def test_serve_defaults():
    args = build_parser().parse_args(["serve"])
    assert (args.host, args.port) == ("127.0.0.1", 8000)
    args = build_parser().parse_args(["serve", "--host", "0.0.0.0", "--port", "9000"])
    assert (args.host, args.port) == ("0.0.0.0", 9000)


def test_bot_serve_answers_on_its_port():
    """`bot serve` in its own process, stopped by a signal: no server thread to tear down inside the tests."""
    import socket
    import subprocess
    import sys
    import time
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "bot", "serve", "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/health", timeout=2) as response:
                    assert response.status == 200 and json.load(response)["status"] == "ok"
                    break
            except OSError:
                assert time.monotonic() < deadline, "bot serve did not answer within 30 s"
                time.sleep(0.2)
        ask = urllib.request.Request(f"http://127.0.0.1:{port}/api/ask", method="POST",
                                     data=json.dumps({"question": "hoe werkt adtralza"}).encode(),
                                     headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(ask, timeout=10) as response:
            reply = json.load(response)
        assert reply["summary"] == engine().content.answer("nl", "tralokinumab", "mechanism").lead
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_catalogue_template_matches_the_code():
    """messages.pot holds exactly the strings the templates and views use (run pybabel extract when not)."""
    from babel.messages.extract import extract_from_dir
    method_map = [("bot/web/**.py", "python"), ("templates/**.html", "jinja2")]
    found = {message for _, _, message, _, _ in extract_from_dir(str(ROOT), method_map)}
    with open(ROOT / "translations" / "messages.pot", "rb") as f:
        template = {m.id for m in read_po(f) if m.id}
    assert found == template


def test_form_body_too_large_gets_a_413_page_in_the_language(client, soup):
    response = client.post("/en/", data={"q": "a" * 40_000})
    assert response.status_code == 413
    html = soup(response)
    assert html.html["lang"] == "en" and html.h1.get_text(strip=True) == "Something went wrong"


def test_start_up_warns_when_kiosk_qr_codes_would_point_at_the_server_itself(caplog):
    with caplog.at_level("WARNING", logger="bot.web.site"):
        create_app({"TESTING": True, "PUBLIC_BASE_URL": ""})
    assert any("BOT_PUBLIC_BASE_URL is not set" in r.getMessage() for r in caplog.records)
    caplog.clear()
    with caplog.at_level("WARNING", logger="bot.web.site"):
        create_app({"TESTING": True, "PUBLIC_BASE_URL": "https://bot.example.org/"})
    assert not [r for r in caplog.records if "BOT_PUBLIC_BASE_URL" in r.getMessage()]


def test_the_clinic_names_itself_with_its_logo_and_colour(soup, tmp_path):
    logo = tmp_path / "logo.svg"
    logo.write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="5"/></svg>')
    app = create_app({"TESTING": True, "SITE_NAME": "VMCE", "SITE_AUTHORS": "de apothekers van het VMCE",
                      "SITE_ACCENT": "#7A1F5C", "SITE_LOGO": str(logo)})
    client = app.test_client()
    for path in ("/nl/", "/nl/kiosk", "/nl/embed", "/nl/dupilumab/risks", "/nl/privacy"):
        html = soup(client.get(path))
        identity = html.select_one(".site-name")
        assert identity.get_text(strip=True) == "VMCE", path
        assert identity.select_one("img.site-logo")["src"] == "/site-logo" and identity.img["alt"] == ""
        assert html.select_one("link[rel=stylesheet][href='/site-theme.css']"), path
        if path != "/nl/kiosk":
            assert html.title.get_text().endswith("VMCE"), path
    with client.get("/site-logo") as response:
        assert response.status_code == 200 and response.mimetype == "image/svg+xml"
    assert "--accent: #7a1f5c" in client.get("/site-theme.css").get_data(as_text=True)
    html = soup(client.post("/nl/", data={"q": "wat is dupixent"}))
    assert html.select_one(".reviewed-by").get_text().startswith(
        "Geschreven en gecontroleerd door de apothekers van het VMCE. Voor het laatst nagekeken op ")


def test_without_settings_the_site_has_no_logo_and_the_default_colours(client, soup):
    html = soup(client.get("/en/"))
    assert html.select_one(".site-name").get_text(strip=True) == "Medicine information"
    assert not html.select("img.site-logo") and not html.select("link[href='/site-theme.css']")
    assert client.get("/site-logo").status_code == 404


@pytest.mark.parametrize("setting, value, problem", [
    ("SITE_ACCENT", "blue", "is not a colour such as #0b4f9c"),
    ("SITE_ACCENT", "#ffff00", "is too light"),
    ("SITE_LOGO", "/nowhere/logo.png", "cannot be read"),
    ("SITE_LOGO", "/etc/passwd", "is not an image file")])
def test_wrong_site_settings_stop_the_start(setting, value, problem):
    from bot.web.settings import SettingsError
    with pytest.raises(SettingsError) as stopped:
        create_app({"TESTING": True, setting: value})
    assert any(line.startswith(f"BOT_{setting}: ") and problem in line for line in stopped.value.problems)


@pytest.mark.parametrize("keep, said", [(False, "We do not keep your questions."),
                                        (True, "we delete each question after 14 days")])
def test_the_privacy_page_says_what_this_site_keeps(soup, keep, said):
    app = create_app({"TESTING": True, "KEEP_UNANSWERED_QUESTIONS": keep, "UNANSWERED_QUESTIONS_DAYS": 14})
    text = soup(app.test_client().get("/en/privacy")).select_one("main").get_text(" ", strip=True)
    assert said in text
    assert ("We do not keep your questions." in text) is not keep
    app.extensions["usage"].close()
