"""The request log: one JSON line per request on `bot.requests` with time, method, route, status, duration and
reply kind; never the question, the client's address or its user agent."""
import json
import logging

import pytest

from bot.web import create_app

QUESTION = "mijn keel zwelt op na de zeldzaamwoordprik van dupixent"
CALM_QUESTION = "hoe bewaar ik de zeldzaamwoordpen van dupixent"
ADDRESS = "203.0.113.77"
FORWARDED = "198.51.100.123"
AGENT = "QuirkyBrowser/9.9 (secret-machine)"


def lines(caplog) -> list[dict]:
    return [json.loads(r.getMessage()) for r in caplog.records if r.name == "bot.requests"]


def test_one_json_line_per_request_with_route_status_duration_and_kind(client, caplog):
    caplog.set_level(logging.INFO, logger="bot.requests")
    client.get("/nl/")
    client.post("/api/ask", json={"question": "wat is dupixent"})
    client.post("/en/kiosk", data={"q": "my throat is swelling and I cannot breathe"})
    client.post("/api/ask", json={"question": ""})
    client.get("/nl/some typed words/risks")
    client.get("/nothing/at/all/here")
    logged = lines(caplog)
    assert [(e["method"], e["route"], e["status"], e["kind"]) for e in logged] == [
        ("GET", "/<lang>/", 200, None),
        ("POST", "/api/ask", 200, "answer"),
        ("POST", "/<lang>/kiosk", 200, "emergency"),
        ("POST", "/api/ask", 400, None),
        ("GET", "/<lang>/<medicine>/<topic>", 404, None),
        ("GET", None, 404, None),
    ]
    for entry in logged:
        assert set(entry) == {"time", "method", "route", "status", "ms", "kind"}
        assert entry["time"].endswith("+00:00") and entry["ms"] >= 0


@pytest.mark.parametrize("hops", [0, 1])
def test_no_question_no_address_no_user_agent_in_any_log(caplog, hops):
    caplog.set_level(logging.DEBUG)  # every logger, every level: Flask, werkzeug, the limiter and ours
    client = create_app({"TESTING": True, "RATELIMIT_QUESTIONS": "2 per minute",
                         "PROXY_FIX_HOPS": hops}).test_client()
    environ = {"REMOTE_ADDR": ADDRESS}
    headers = {"User-Agent": AGENT, "X-Forwarded-For": FORWARDED}
    for _ in range(3):  # the third is over the limit: the limiter's own breach line names the address
        client.post("/api/ask", json={"question": QUESTION}, environ_base=environ, headers=headers)
    client.post("/nl/", data={"q": QUESTION}, environ_base=environ, headers=headers)
    client.post("/nl/", data={"q": CALM_QUESTION}, environ_base=environ, headers=headers)
    client.get(f"/nl/{QUESTION}", environ_base=environ, headers=headers)
    assert len(lines(caplog)) == 6
    # Over the limit the emergency is still answered; the calm question is refused.
    assert [(e["status"], e["kind"]) for e in lines(caplog)][2:5] == [(200, "emergency"), (200, "emergency"),
                                                                       (429, None)]
    text = caplog.text
    for secret in (QUESTION, "zeldzaamwoordprik", CALM_QUESTION, ADDRESS, FORWARDED, AGENT, "QuirkyBrowser"):
        assert secret not in text


def test_lines_go_to_the_server_error_stream_when_nothing_else_is_set_up(monkeypatch):
    """`bot serve` and gunicorn configure no logging for us: the line still goes somewhere, as one JSON line."""
    import io

    log = logging.getLogger("bot.requests")
    monkeypatch.setattr(log, "handlers", [])
    monkeypatch.setattr(log, "propagate", False)
    app = create_app({"TESTING": True})
    stream = io.StringIO()
    app.test_client().post("/api/ask", json={"question": QUESTION}, errors_stream=stream)
    written = stream.getvalue().splitlines()
    assert len(written) == 1 and json.loads(written[0])["kind"] == "emergency"
    assert QUESTION not in stream.getvalue()
