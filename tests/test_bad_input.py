"""Bad input everywhere a visitor or a client can send it: the JSON API, the form on every conversation surface,
query strings, paths, headers and the context. Each gets a clear 4xx or a normal reply (`out_of_scope` for
junk); never a 500, never a traceback, never the visitor's markup reflected as markup."""
import json

import pytest

from bot.reply import KINDS

MARKUP = '<script>alert("x")</script><img src=x onerror=alert(1)>'
SQL = "'; DROP TABLE answers; --"
DEEP_JSON = "[" * 5000 + "]" * 5000
TOO_BIG = "x" * 100_000


def assert_safe(response, sent: str = "") -> str:
    """No server error, no traceback, and the markup we sent never comes back as markup."""
    body = response.get_data(as_text=True)
    assert response.status_code < 500, body[:300]
    assert "Traceback" not in body and 'File "' not in body
    if "<" in sent:
        assert sent not in body
    return body


def assert_clean_html(soup, response):
    """Every script is one of ours and no element carries an event handler."""
    html = soup(response)
    assert all(s.get("src", "").startswith("/static/") for s in html.select("script"))
    assert not [tag for tag in html.find_all(True) if any(a.lower().startswith("on") for a in tag.attrs)]
    return html


# --- the JSON API -------------------------------------------------------------------------------------------
API_ERRORS = [  # (body as sent, status)
    ("", 400), ("   ", 400), ("null", 400), ("[]", 400), ('"wat is dupixent"', 400), ("42", 400), ("true", 400),
    ("{}", 400), ('{"question": ""}', 400), ('{"question": " \\n\\t "}', 400), ('{"question": null}', 400),
    ('{"question": 42}', 400), ('{"question": ["wat is dupixent"]}', 400),
    ('{"question": {"text": "wat is dupixent"}}', 400), ('{"question": true}', 400), ('{"vraag": "hi"}', 400),
    ('{"question": ', 400), ("{'question': 'hi'}", 400), ('{"question": "hi",}', 400), (DEEP_JSON, 400),
    ('{"question": "hi", "context": ' + "[" * 3000 + "]" * 3000 + "}", 400),
    ('{"question": "hi", "context": {"turn": ' + "9" * 5000 + "}}", 400),
    ('{"question": "hi", "lang": "fr"}', 400), ('{"question": "hi", "lang": "NL"}', 400),
    ('{"question": "hi", "lang": ""}', 400), ('{"question": "hi", "lang": ["nl"]}', 400),
    ('{"question": "hi", "lang": 1}', 400), ('{"question": "hi", "lang": "<b>nl</b>"}', 400),
    ('{"question": "hi", "context": []}', 400), ('{"question": "hi", "context": "x"}', 400),
    ('{"question": "hi", "context": 5}', 400),
    (json.dumps({"question": "a" * 2001}), 413), (json.dumps({"question": TOO_BIG}), 413),
    (json.dumps({"question": "hi", "pad": TOO_BIG}), 413), (json.dumps({"question": "x" * 1_000_000}), 413),
]


@pytest.mark.parametrize("body, status", API_ERRORS, ids=[f"api-error-{i}" for i in range(len(API_ERRORS))])
def test_api_bad_body_gets_a_clear_error(client, body, status):
    response = client.post("/api/ask", data=body.encode(), content_type="application/json")
    assert_safe(response, body)
    assert response.status_code == status and response.is_json
    error = response.get_json()["error"]
    assert isinstance(error, str) and error and "<" not in error


@pytest.mark.parametrize("body, status", [(DEEP_JSON, 400), ("[]", 400), ('{"answer_id": ', 400), ("", 400)])
def test_feedback_api_bad_body_gets_a_clear_error(client, body, status):
    response = client.post("/api/feedback", data=body.encode(), content_type="application/json")
    assert_safe(response, body)
    assert response.status_code == status and response.get_json()["error"]


@pytest.mark.parametrize("body", [b'{"question": "\xff\xfe wat is dupixent"}', b"\xc3\x28", b"\x00" * 64,
                                  b'{"question": "hi"}\x00', b"\x80" * 1000])
def test_api_invalid_utf8_is_400(client, body):
    response = client.post("/api/ask", data=body, content_type="application/json")
    assert_safe(response)
    assert response.status_code == 400 and response.get_json()["error"]


@pytest.mark.parametrize("kwargs", [
    {"data": {"question": "hi"}},                                          # a form post
    {"data": '{"question": "hi"}', "content_type": "text/plain"},
    {"data": '{"question": "hi"}', "content_type": "application/xml"},
    {"data": {"question": "hi", "file": (__import__("io").BytesIO(b"x"), "a.txt")},
     "content_type": "multipart/form-data"},
    {"data": '{"question": "hi"}', "content_type": "<script>alert(1)</script>"},
    {}])
def test_api_not_json_is_415(client, kwargs):
    response = client.post("/api/ask", **kwargs)
    assert_safe(response)
    assert response.status_code == 415 and response.get_json()["error"]


JUNK = ["\x00", "\x00\x00 \x00", MARKUP, "<b>bold</b>", "javascript:alert(1)", SQL, "1' OR '1'='1",
        "SELECT * FROM medicines WHERE 1=1; --", "مرحبا، كيف حالك؟", "שלום, מה שלומך?", "\u202eevil text",
        "\u200f\u200e\u200b", "😀😀😀", "🙂", "💊💉🩺", "\ud800", "{}", "null", "%00%0d%0a", "../../etc/passwd",
        "${jndi:ldap://x}", "{{7*7}}", "ＡＢＣ", "\t\u3000\u00a0x"]


def test_styled_letters_are_read_as_plain_letters(client):
    # Unicode "mathematical" letters are what a pasted or styled greeting looks like: read as "Hello".
    reply = client.post("/api/ask", json={"question": "ℌ𝔢𝔩𝔩𝔬"}).get_json()
    assert reply["kind"] == "smalltalk"


@pytest.mark.parametrize("question", JUNK, ids=[f"junk-{i}" for i in range(len(JUNK))])
def test_api_junk_question_gets_out_of_scope(client, question):
    response = client.post("/api/ask", data=json.dumps({"question": question}), content_type="application/json")
    assert_safe(response, question)
    assert response.status_code == 200
    reply = response.get_json()
    assert reply["kind"] == "out_of_scope", (question, reply["kind"])
    assert "<" not in reply["text"]


@pytest.mark.parametrize("context", [
    {"medicine": MARKUP, "topic": SQL, "lang": "xx", "turn": -5},
    {"turn": 1e308}, {"turn": "many"}, {"turn": True}, {"turn": 10 ** 30},
    {f"k{i}": i for i in range(1000)},                         # too many keys
    {"a" * 500: "long key"}, {"medicine": "x" * 1000},
    {"medicine": {"nested": {"deeper": [1, 2, {"x": None}]}}},
    json.loads("{" + '"a":{' * 50 + "}" * 50 + "}"),
    {"unknown_medicine": "yes", "topic": ["risks"], "lang": None},
])
def test_api_tampered_context_is_dropped_or_checked(client, context):
    response = client.post("/api/ask", json={"question": "wat is dupixent", "context": context})
    assert_safe(response)
    assert response.status_code == 200
    reply = response.get_json()
    assert reply["kind"] == "answer" and reply["medicine"] == "dupilumab"
    assert MARKUP not in json.dumps(reply["context"])


def test_api_utf16_and_bom_bodies_are_read(client):
    for body in ('{"question": "wat is dupixent"}'.encode("utf-16"),
                 b'\xef\xbb\xbf{"question": "wat is dupixent"}'):
        response = client.post("/api/ask", data=body, content_type="application/json")
        assert_safe(response)
        assert response.status_code == 200 and response.get_json()["kind"] == "answer"


# --- the form on every conversation surface -----------------------------------------------------------------
SURFACES = ("/nl/", "/en/", "/kiosk", "/en/kiosk", "/embed", "/nl/embed")


@pytest.mark.parametrize("path", SURFACES)
@pytest.mark.parametrize("form, status", [({"q": ""}, 400), ({"q": " \n\t "}, 400), ({}, 400),
                                          ({"context": "{}"}, 400), ({"q": "a" * 2001}, 413)])
def test_form_empty_or_too_long_question_shows_the_error(client, soup, path, form, status):
    response = client.post(path, data=form)
    assert_safe(response)
    assert response.status_code == status
    error = assert_clean_html(soup, response).select_one("#q-error")
    assert error.get_text(strip=True) and not error.has_attr("hidden")


@pytest.mark.parametrize("path", SURFACES)
def test_form_body_over_100_kb_is_413_page(client, soup, path):
    response = client.post(path, data={"q": TOO_BIG})
    assert_safe(response)
    assert response.status_code == 413
    assert assert_clean_html(soup, response).h1.get_text(strip=True)


@pytest.mark.parametrize("path", ("/nl/", "/en/kiosk", "/embed"))
@pytest.mark.parametrize("question", [MARKUP, SQL, "\x00", "مرحبا", "😀😀😀", "\u202eevil", "{{7*7}}"])
def test_form_junk_question_is_answered_and_shown_as_text(client, soup, path, question):
    response = client.post(path, data={"q": question})
    assert_safe(response, question)
    assert response.status_code == 200
    html = assert_clean_html(soup, response)
    shown = html.select_one("[role=log] .message-user .message-text")
    assert shown.get_text() == question.replace("\x00", "\ufffd") or shown.get_text() == question
    assert not shown.find_all(True)
    assert "kind-out_of_scope" in html.select_one("[role=log] .message-bot")["class"]


@pytest.mark.parametrize("body, status", [
    (b"q=%FF%FEwat+is+dupixent", 200), (b"q=wat+is+dupixent%00", 200), (b"q=wat+is+dupixent&q=%3Cscript%3E", 200),
    (b"q=" + b"%F0%9F%92%8A" * 50, 200), (b"q=\xff\xfe&context=\xc3\x28", 400), (b"\x00\x00\x00", 400)])
def test_form_invalid_utf8_and_odd_encodings(client, soup, body, status):
    response = client.post("/nl/", data=body, content_type="application/x-www-form-urlencoded")
    assert_safe(response)
    assert response.status_code == status
    assert_clean_html(soup, response)


@pytest.mark.parametrize("context", ["[" * 1500, "{" * 1500, '{"turn": ' + "9" * 1900 + "}", MARKUP,
                                     '{"medicine": "' + MARKUP.replace('"', "'") + '"}', "\x00", '{"medicine": "\\ud800"}'])
def test_form_tampered_context_is_ignored(client, soup, context):
    response = client.post("/en/", data={"q": "what is dupixent", "context": context})
    assert_safe(response, context)
    assert response.status_code == 200
    html = assert_clean_html(soup, response)
    assert "kind-answer" in html.select_one("[role=log] .message-bot")["class"]


@pytest.mark.parametrize("path", ["/nl/", "/en/kiosk", "/nl/embed"])
@pytest.mark.parametrize("query", [{"context": "[" * 1500}, {"context": '{"medicine": "' + MARKUP.replace('"', "'") + '"}'},
                                   {"context": "\x00"}, {"feedback": "thanks", "answer": MARKUP},
                                   {"feedback": "thanks", "answer": "nl/" + "../" * 50}, {"answer": "nl/dupilumab/risks"}])
def test_page_addresses_with_tampered_context_or_answer(client, soup, path, query):
    """What the language switch and a thumb put in the address: junk gives the page, never markup or a 500."""
    response = client.get(path, query_string=query)
    assert_safe(response, query.get("context", "") + query.get("answer", ""))
    assert response.status_code == 200
    html = assert_clean_html(soup, response)
    assert html.select_one("[role=log] .intro")  # no answer shown without a thumb's thanks for it


def test_form_question_as_a_file_upload_is_400(client):
    import io
    response = client.post("/nl/", data={"q": (io.BytesIO(b"wat is dupixent"), "q.txt")},
                           content_type="multipart/form-data")
    assert_safe(response)
    assert response.status_code == 400


# --- query strings, paths and headers -----------------------------------------------------------------------
@pytest.mark.parametrize("path", ["/nl/?q=" + MARKUP, "/kiosk?lang=xx&context=" + MARKUP, "/api/health?x=%FF%00",
                                  "/nl/medicines?<script>=1", "/en/dupilumab/risks?lang=<b>", "/embed?" + "a" * 5000])
def test_query_strings_are_ignored(client, soup, path):
    response = client.get(path)
    assert_safe(response, MARKUP)
    assert response.status_code == 200
    if not response.is_json:
        assert_clean_html(soup, response)


@pytest.mark.parametrize("path", ["/nl/<script>alert(1)</script>/risks", "/nl/%FF/risks", "/xx/", "/nl/dupilumab/%00",
                                  "/en/" + "a" * 5000 + "/b", "/api/%3Cscript%3E", "/nl/dupilumab/risks/../../x"])
def test_odd_paths_are_404_without_reflected_markup(client, soup, path):
    response = client.get(path)
    assert_safe(response, "<script>")
    assert response.status_code == 404
    if response.is_json:
        assert response.get_json()["error"]
    else:
        assert_clean_html(soup, response)


@pytest.mark.parametrize("headers", [
    {"Accept-Language": "\x00;;;q=abc,*;q=9" * 200}, {"Accept-Language": MARKUP}, {"User-Agent": MARKUP},
    {"X-Forwarded-For": MARKUP}, {"X-Forwarded-Host": "evil.example"}, {"Accept": "text/html;q=<b>"},
    {"Cookie": "session=" + "x" * 8000}, {"Referer": "javascript:alert(1)"}])
def test_odd_headers_change_nothing(client, soup, headers):
    for method, path in (("get", "/"), ("get", "/nl/"), ("post", "/api/ask")):
        kwargs = {"json": {"question": "wat is dupixent"}} if method == "post" else {}
        response = getattr(client, method)(path, headers=headers, **kwargs)
        assert_safe(response, MARKUP)
        assert response.status_code in (200, 302)
        assert "Set-Cookie" not in response.headers
        if response.status_code == 302:
            assert response.headers["Location"] in ("/nl/", "/en/")
