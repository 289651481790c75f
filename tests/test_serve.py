"""`bot serve` as clinics run it, tested over real sockets (not the test client): idle and slow connections,
a reverse proxy's headers, Host headers, oversized bodies, and the last figures written on SIGTERM."""
import http.client
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
EMERGENCY = "ik kan niet meer ademen en mijn lippen worden blauw"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


@contextmanager
def bot_serve(tmp_path, **settings):
    """`bot serve` on a free loopback port with these BOT_* settings; yields (port, process)."""
    port = _free_port()
    env = {**os.environ, "BOT_DATABASE_URL": f"sqlite:///{tmp_path / 'figures.sqlite'}",
           **{f"BOT_{k}": str(v) for k, v in settings.items()}}
    server = subprocess.Popen([sys.executable, "-m", "bot", "serve", "--host", HOST, "--port", str(port)],
                              cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if request(port, "GET", "/api/health")[0] == 200:
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"bot serve did not start: {server.stderr.read()[-2000:]}")
                time.sleep(0.2)
        yield port, server
    finally:
        if server.poll() is None:
            server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        server.stdout.close()
        server.stderr.close()


def request(port, method, path, body=None, headers=None, timeout=10):
    """(status, headers, body text) of one request on a fresh connection."""
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        if isinstance(body, dict):
            body, headers = json.dumps(body), {"Content-Type": "application/json", **(headers or {})}
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.headers, response.read().decode("utf-8", "replace")
    finally:
        connection.close()


def ask(port, question="wat is dupixent", client=None, **headers):
    """POST /api/ask, behind the simulated proxy as `client` when given; (status, reply or error)."""
    if client:
        headers["X-Forwarded-For"] = client
    status, _, text = request(port, "POST", "/api/ask", {"question": question}, headers)
    return status, json.loads(text)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """One `bot serve` behind one simulated proxy (the test, on loopback, sets X-Forwarded-*), 3 questions a
    minute per client."""
    with bot_serve(tmp_path_factory.mktemp("serve"), PROXY_FIX_HOPS=1, RATELIMIT_QUESTIONS="3 per minute") as (port, _):
        yield port


def test_idle_connections_do_not_shut_patients_out(served):
    idle = []
    try:
        for _ in range(110):
            idle.append(socket.create_connection((HOST, served), timeout=5))
        # Slow clients too: each has sent half a request line and waits.
        for connection in idle[:20]:
            connection.sendall(b"GET /api/he")
        started = time.monotonic()
        status, reply = ask(served, client="192.0.2.10")
        assert status == 200 and reply["kind"] == "answer"
        assert time.monotonic() - started < 2
    finally:
        for connection in idle:
            connection.close()


def test_behind_the_proxy_each_patient_has_their_own_limit(served):
    first, second = "192.0.2.21", "192.0.2.22"
    assert [ask(served, client=first)[0] for _ in range(4)] == [200, 200, 200, 429]
    assert ask(served, client=second)[0] == 200
    # A forged entry in front of the proxy's own buys no fresh budget.
    assert ask(served, client=f"10.9.9.9, {first}")[0] == 429


def test_over_the_limit_an_emergency_still_gets_112(served):
    patient = "192.0.2.31"
    for _ in range(3):
        ask(served, client=patient)
    assert ask(served, client=patient)[0] == 429
    status, reply = ask(served, EMERGENCY, client=patient)
    assert status == 200 and reply["kind"] == "emergency" and "112" in reply["text"]
    status, _, page = request(served, "POST", "/nl/kiosk", f"q={EMERGENCY}".replace(" ", "+"),
                              {"Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": patient})
    assert status == 200 and "112" in page


def test_the_proxy_says_https_and_links_follow(served):
    status, _, page = request(served, "GET", "/kiosk", headers={"X-Forwarded-For": "192.0.2.41",
                                                                "X-Forwarded-Proto": "https"})
    assert status == 200 and f'data-public-base="https://{HOST}:{served}"' in page


@pytest.mark.parametrize("host", ["a..b", ".", "a" * 64 + ".nl", "xn--a", "a b", "-a.nl", "ex_ample.nl",
                                  "example.org:99999", "[::g]", "1.2.3.999"])
@pytest.mark.parametrize("path", ["/nl/", "/kiosk", "/", "/nope", "/api/health", "/nl/dupilumab/risks/qr.svg"])
def test_a_junk_host_header_is_400(served, host, path):
    status, headers, body = request(served, "GET", path, headers={"Host": host})
    assert status == 400 and "Traceback" not in body
    if path.startswith("/api/"):
        assert json.loads(body)["error"]


def test_a_huge_body_is_refused_before_it_is_read(served):
    connection = socket.create_connection((HOST, served), timeout=5)
    try:
        started = time.monotonic()
        connection.sendall(b"POST /api/ask HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                           b"Content-Length: 300000000\r\n\r\n" + b"x" * 65536)
        answer = connection.recv(4096)
        assert answer.startswith(b"HTTP/1.1 413") and time.monotonic() - started < 2
    finally:
        connection.close()


def test_without_a_proxy_forwarded_headers_are_ignored(tmp_path):
    with bot_serve(tmp_path, RATELIMIT_QUESTIONS="2 per minute") as (port, _):
        statuses = [ask(port, client=f"10.0.0.{i}", **{"X-Forwarded-Proto": "https"})[0] for i in range(3)]
        assert statuses == [200, 200, 429]
        assert f'data-public-base="http://{HOST}:{port}"' in request(
            port, "GET", "/kiosk", headers={"X-Forwarded-Proto": "https"})[2]


def test_allowed_hosts_and_the_public_address(tmp_path):
    with bot_serve(tmp_path, ALLOWED_HOSTS="bot.example.org", PUBLIC_BASE_URL="https://bot.example.org") as (port, _):
        assert request(port, "GET", "/nl/", headers={"Host": "elsewhere.example"})[0] == 400
        assert request(port, "GET", "/nl/", headers={"Host": "bot.example.org"})[0] == 200
        assert request(port, "GET", "/api/health", headers={"Host": f"localhost:{port}"})[0] == 200
        status, headers, svg = request(port, "GET", "/nl/dupilumab/risks/qr.svg", headers={"Host": "bot.example.org"})
        assert status == 200 and "https://bot.example.org/nl/dupilumab/risks" in svg
        assert "private" not in headers["Cache-Control"]


def test_sigterm_writes_the_last_figures(tmp_path):
    with bot_serve(tmp_path) as (port, server):
        for _ in range(5):
            assert ask(port)[0] == 200
        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=15) == 0
    with sqlite3.connect(tmp_path / "figures.sqlite") as db:
        assert db.execute("SELECT sum(count) FROM usage_daily").fetchone()[0] == 5


def test_bad_settings_stop_the_start_with_one_line_each(tmp_path):
    env = {**os.environ, "BOT_ADMIN_PASSWORD": "0", "BOT_FRAME_ANCESTORS": "'self'; script-src *",
           "BOT_KIOSK_IDLE_SECONDS": "soon", "BOT_DATABASE_URL": f"sqlite:///{tmp_path / 'f.sqlite'}"}
    result = subprocess.run([sys.executable, "-m", "bot", "serve", "--port", "9"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and "Traceback" not in result.stderr and "Serving on" not in result.stdout
    problems = result.stderr.splitlines()[1:]
    assert [line.split(":")[0] for line in problems] == ["BOT_KIOSK_IDLE_SECONDS", "BOT_ADMIN_PASSWORD",
                                                         "BOT_FRAME_ANCESTORS"]


def test_a_folder_that_cannot_be_made_is_one_line_and_answers_go_on(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    env_url = f"sqlite:///{blocker / 'sub' / 'figures.sqlite'}"
    with bot_serve(tmp_path, DATABASE_URL=env_url) as (port, server):
        assert ask(port)[0] == 200
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=15)
        errors = server.stderr.read()
    assert "Traceback" not in errors
    assert f"cannot create the folder {blocker / 'sub'}" in errors


def test_waitress_options_follow_the_settings():
    from bot.web.server import waitress_options
    plain = waitress_options({"MAX_CONTENT_LENGTH": 16 * 1024, "PROXY_FIX_HOPS": 0}, threads=8)
    assert plain["connection_limit"] >= 1000 and plain["channel_timeout"] <= 30
    assert plain["max_request_body_size"] == 64 * 1024 and "trusted_proxy" not in plain
    proxied = waitress_options({"MAX_CONTENT_LENGTH": 16 * 1024, "PROXY_FIX_HOPS": 2}, threads=8)
    assert proxied["trusted_proxy_count"] == 2
    assert proxied["trusted_proxy_headers"] == {"x-forwarded-for", "x-forwarded-proto"}


def test_the_queue_warning_comes_at_most_once_a_minute():
    import logging

    from bot.web.server import OncePer
    once = OncePer(60)
    records = [logging.LogRecord("waitress.queue", logging.WARNING, "", 0, "Task queue depth is %d", (n,), None)
               for n in range(500)]
    passed = [r for r in records if once.filter(r)]
    assert len(passed) == 1
    once.last -= 61
    assert once.filter(records[0]) and "499 more" in records[0].getMessage()
