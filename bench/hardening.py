"""Hardening measured against the real `bot serve` behind one simulated reverse proxy on loopback (this script
connects from 127.0.0.1 and sets X-Forwarded-For / -Proto as nginx would, with BOT_PROXY_FIX_HOPS=1):

- idle connections (110, then 1000) and slow clients trickling a header byte every 5 s: how long a patient
  waits for an answer meanwhile (target: under 2 s);
- two patients behind the proxy: each their own question limit;
- junk Host headers: all 4xx;
- 60 wrong /admin passwords: from which attempt a 429, and whether the right password then waits too;
- an emergency or crisis over the question limit: still 112 / 113 on the API, chat, kiosk and embed;
- zero-width characters inside an emergency (the engine's triage decides; reported, not fixed here);
- the bad-input battery of tests/test_bad_input.py sent over HTTP: how many 5xx (target 0);
- a 300 MB body: how soon it is refused;
- a flat-out burst: how many "task queue depth" warnings reach the log, and SIGTERM right after it: how
  many of the answers the usage figures kept.

Run: .venv/bin/python bench/hardening.py [--quick]   (127.0.0.1 only; bounded in time; asserts nothing)
"""
from __future__ import annotations

import argparse
import base64
import http.client
import json
import os
import socket
import sqlite3
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

from traffic import HOST, ROOT, drive, running_server

sys.path.insert(0, str(ROOT / "tests"))
import test_bad_input as battery  # noqa: E402  (the same bad inputs as the tests)

ADMIN_PASSWORD = "a long curator password"
EMERGENCY = {"nl": "ik kan niet meer ademen en mijn lippen worden blauw",
             "en": "my throat is closing and I cannot breathe"}
CRISIS = "ik wil niet meer leven"
ZERO_WIDTH = ["ik kan niet meer adem\u200ben", "mijn keel zw\u200belt op",
              "my throat is clo\u200bsing, I can\u2060t breathe", "ik wil niet meer le\u00adven"]
JUNK_HOSTS = ["a..b", ".", "a" * 64 + ".nl", "xn--a", "a b", "-a.nl", "ex_ample.nl", "example.org:99999", "[::g]",
              "1.2.3.999", "évil.nl", "\x7f", "a" * 300]
HOST_PATHS = ["/", "/nl/", "/kiosk", "/embed", "/nope", "/api/health", "/nl/dupilumab/risks/qr.svg", "/admin"]


def call(port, method, path, body=None, headers=None, client=None, timeout=10):
    """(status, headers, body text, seconds) of one request on a fresh connection; `client` is the patient's
    address as the proxy passes it on."""
    headers = dict(headers or {})
    if client:
        headers["X-Forwarded-For"] = client
    if isinstance(body, dict):
        body, headers["Content-Type"] = json.dumps(body), "application/json"
    elif isinstance(body, str) and "Content-Type" not in headers:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    started = time.perf_counter()
    try:
        connection.request(method, path, body=body.encode() if isinstance(body, str) else body, headers=headers)
        response = connection.getresponse()
        text = response.read().decode("utf-8", "replace")
        return response.status, response.headers, text, time.perf_counter() - started
    except (OSError, http.client.HTTPException, ValueError) as e:
        return 0, {}, str(e), time.perf_counter() - started
    finally:
        connection.close()


def patient_wait(port, client) -> tuple[int, float]:
    """(status, seconds) of one question asked by a patient."""
    status, _, _, seconds = call(port, "POST", "/api/ask", {"question": "wat is dupixent"}, client=client)
    return status, seconds


def idle_connections(port, count: int, trickle: bool = False, seconds: float = 12.0) -> dict:
    """Hold `count` connections (idle, or trickling a header byte every 5 s) and time patients meanwhile."""
    held, stop = [], threading.Event()
    for _ in range(count):
        try:
            held.append(socket.create_connection((HOST, port), timeout=5))
        except OSError:
            break

    def trickler():
        line = b"GET /api/health HTTP/1.1\r\nX-Slow: " + b"a" * 1000
        position = 0
        while not stop.wait(5):
            for connection in held:
                try:
                    connection.sendall(line[position:position + 1])
                except OSError:
                    pass
            position += 1

    thread = threading.Thread(target=trickler, daemon=True) if trickle else None
    if thread:
        for connection in held:
            connection.sendall(b"G")
        thread.start()
    waits, statuses = [], []
    deadline = time.monotonic() + seconds
    n = 0
    while time.monotonic() < deadline:
        n += 1
        status, wait = patient_wait(port, f"192.0.2.{n % 200 + 1}")
        statuses.append(status)
        waits.append(wait)
        time.sleep(0.5)
    stop.set()
    for connection in held:
        connection.close()
    return {"held": len(held), "questions": len(waits), "all_200": all(s == 200 for s in statuses),
            "max_wait_s": max(waits), "median_wait_s": sorted(waits)[len(waits) // 2]}


def two_patients(port) -> dict:
    first = [call(port, "POST", "/api/ask", {"question": "wat is dupixent"}, client="198.51.100.1")[0]
             for _ in range(31)]
    second = call(port, "POST", "/api/ask", {"question": "wat is dupixent"}, client="198.51.100.2")[0]
    forged = call(port, "POST", "/api/ask", {"question": "wat is dupixent"}, client="10.1.1.1, 198.51.100.1")[0]
    return {"first_patient": f"{first.count(200)} x 200 then {first[30]}", "second_patient": second,
            "forged_entry_before_the_proxy": forged}


def junk_hosts(port) -> dict:
    statuses = {}
    for host in JUNK_HOSTS:
        for path in HOST_PATHS:
            raw = (f"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").encode("latin-1", "replace")
            with socket.create_connection((HOST, port), timeout=5) as connection:
                connection.sendall(raw)
                status_line = connection.recv(64).split(b"\r\n")[0].decode("latin-1")
            status = int(status_line.split()[1]) if status_line.startswith("HTTP/") else 0
            statuses[status] = statuses.get(status, 0) + 1
    return {"requests": sum(statuses.values()), "statuses": dict(sorted(statuses.items()))}


def admin_guessing(port) -> dict:
    def attempt(password):
        auth = "Basic " + base64.b64encode(f"curator:{password}".encode()).decode()
        return call(port, "GET", "/admin", headers={"Authorization": auth}, client="203.0.113.99")[0]
    statuses = [attempt(f"guess {i}") for i in range(60)]
    first_429 = statuses.index(429) + 1 if 429 in statuses else None
    return {"wrong_passwords": 60, "first_429_at_attempt": first_429, "statuses": sorted(set(statuses)),
            "right_password_after": attempt(ADMIN_PASSWORD),
            "right_password_from_another_address": call(port, "GET", "/admin", client="203.0.113.100", headers={
                "Authorization": "Basic " + base64.b64encode(f"c:{ADMIN_PASSWORD}".encode()).decode()})[0]}


def safety_over_the_limit(port) -> dict:
    client = "198.51.100.50"
    while call(port, "POST", "/api/ask", {"question": "wat is dupixent"}, client=client)[0] != 429:
        pass
    out = {}
    for label, question, number in (("emergency nl", EMERGENCY["nl"], "112"), ("emergency en", EMERGENCY["en"], "112"),
                                    ("crisis", CRISIS, "113")):
        status, _, text, _ = call(port, "POST", "/api/ask", {"question": question}, client=client)
        out[f"api {label}"] = f"{status} {json.loads(text).get('kind') if status == 200 else ''} {number in text}"
    for path in ("/nl/", "/kiosk", "/embed"):
        status, _, text, _ = call(port, "POST", path, urllib.parse.urlencode({"q": EMERGENCY["nl"]}), client=client)
        out[f"form {path}"] = f"{status} {'112' in text}"
    out["calm question"] = call(port, "POST", "/api/ask", {"question": "wat is olumiant"}, client=client)[0]
    return out


def zero_width(port) -> dict:
    out = {}
    for n, question in enumerate(ZERO_WIDTH):
        status, _, text, _ = call(port, "POST", "/api/ask", {"question": question}, client=f"198.51.100.{60 + n}")
        out[question.encode("unicode_escape").decode()] = json.loads(text).get("kind") if status == 200 else status
    return out


def bad_input(port) -> dict:
    """Every bad input of tests/test_bad_input.py, sent over HTTP through the API and the forms."""
    sent, statuses = 0, {}

    def count(status):
        nonlocal sent
        sent += 1
        statuses[status] = statuses.get(status, 0) + 1

    n = 0

    def patient():  # a fresh address now and then, so the question limit does not hide what happens
        nonlocal n
        n += 1
        return f"10.{n // 60 % 250}.{n // 60 // 250}.{n % 60 + 1}"

    for body, _ in battery.API_ERRORS:
        count(call(port, "POST", "/api/ask", body.encode("utf-8", "surrogatepass"),
                   {"Content-Type": "application/json"}, client=patient())[0])
    for question in battery.JUNK:
        body = json.dumps({"question": question})
        count(call(port, "POST", "/api/ask", body, {"Content-Type": "application/json"}, client=patient())[0])
        for path in battery.SURFACES:
            form = "q=" + urllib.parse.quote(question.encode("utf-8", "surrogatepass"))
            count(call(port, "POST", path, form, client=patient())[0])
    for path in battery.SURFACES:
        for form in ("q=", "q=+%0A%09+", "", "context=%7B%7D", "q=" + "a" * 2001, "q=" + "x" * 100_000):
            count(call(port, "POST", path, form, client=patient())[0])
    for path in ("/nl/<script>alert(1)</script>/risks", "/nl/%FF/risks", "/xx/", "/nl/dupilumab/%00",
                 "/en/" + "a" * 5000 + "/b", "/api/%3Cscript%3E", "/nl/?q=%3Cscript%3E", "/embed?" + "a" * 5000):
        count(call(port, "GET", path, client=patient())[0])
    for headers in ({"Accept-Language": ";;;q=abc,*;q=9" * 200}, {"Cookie": "session=" + "x" * 8000},
                    {"X-Forwarded-Host": "evil.example"}, {"X-Forwarded-Proto": "gopher"}):
        for method, path in (("GET", "/nl/"), ("POST", "/api/ask")):
            body = {"question": "wat is dupixent"} if method == "POST" else None
            count(call(port, method, path, body, headers, client=patient())[0])
    return {"requests": sent, "5xx": sum(v for k, v in statuses.items() if k >= 500),
            "no_answer": statuses.get(0, 0), "statuses": dict(sorted(statuses.items()))}


def huge_body(port) -> dict:
    with socket.create_connection((HOST, port), timeout=10) as connection:
        started = time.perf_counter()
        connection.sendall(b"POST /api/ask HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                           b"Content-Length: 300000000\r\n\r\n")
        sent = 0
        chunk = b"x" * 65536
        connection.settimeout(0.05)
        answer = b""
        while sent < 300_000_000 and time.perf_counter() - started < 10:
            try:
                answer = connection.recv(100)
                if answer:
                    break
            except socket.timeout:
                pass
            try:
                connection.sendall(chunk)
                sent += len(chunk)
            except OSError:
                break
        return {"status": answer.split(b"\r\n")[0].decode() if answer else "none", "bytes_sent_before": sent,
                "seconds": round(time.perf_counter() - started, 3)}


def burst_then_sigterm(folder: Path) -> dict:
    """A second server (loopback exempt from the limit, so every question is answered): a flat-out burst from
    64 clients, the task-queue warnings it leaves in the log, then SIGTERM right after the last answer and
    the answers the usage figures kept."""
    database, log_path = folder / "burst.sqlite", folder / "burst.log"
    settings = {**os.environ, "BOT_DATABASE_URL": f"sqlite:///{database}", "BOT_RATELIMIT_EXEMPT": HOST}
    questions = iter(lambda: ("POST", "/api/ask", json.dumps({"question": "wat is dupixent"}).encode()), None)
    with log_path.open("w") as log, running_server(settings=settings, log=log) as (port, _):
        burst = drive(port, questions, clients=64, seconds=8, max_requests=100_000)
        answered = burst.statuses.get(200, 0)
        answered += sum(call(port, "POST", "/api/ask", {"question": "wat is dupixent"})[0] == 200 for _ in range(25))
    # running_server has stopped the server with SIGTERM right after the last answer
    with sqlite3.connect(database) as db:
        kept = db.execute("SELECT coalesce(sum(count), 0) FROM usage_daily").fetchone()[0]
    log_text = log_path.read_text(errors="replace")
    return {"requests": burst.requests, "per_second": round(burst.per_second),
            "p99_ms": round(burst.percentile(0.99), 1), "statuses": burst.statuses,
            "queue_warnings_logged": log_text.count("Task queue depth"), "log_lines": len(log_text.splitlines()),
            "answered": answered, "counted_after_sigterm": kept}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="shorter waits under idle connections")
    args = parser.parse_args(argv)
    hold = 4.0 if args.quick else 12.0
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        log = folder / "server.log"
        settings = {**os.environ, "BOT_PROXY_FIX_HOPS": "1", "BOT_ADMIN_PASSWORD": ADMIN_PASSWORD,
                    "BOT_DATABASE_URL": f"sqlite:///{folder / 'figures.sqlite'}"}
        results = {}
        with log.open("w") as log_file, running_server(settings=settings, log=log_file) as (port, _):
            results["110 idle connections"] = idle_connections(port, 110, seconds=hold)
            results["1000 idle connections"] = idle_connections(port, 1000, seconds=hold)
            results["110 slow clients (a header byte every 5 s)"] = idle_connections(port, 110, trickle=True,
                                                                                     seconds=max(hold, 11))
            results["two patients behind the proxy (30 per minute)"] = two_patients(port)
            results["junk Host headers"] = junk_hosts(port)
            results["admin guessing"] = admin_guessing(port)
            results["emergency and crisis over the question limit"] = safety_over_the_limit(port)
            results["zero-width characters inside an emergency (kind)"] = zero_width(port)
            results["bad-input battery over HTTP"] = bad_input(port)
            results["300 MB body"] = huge_body(port)
        text = log.read_text(errors="replace")
        results["server log"] = {"tracebacks": text.count("Traceback"), "lines": len(text.splitlines())}
        results["flat-out burst of 64 clients, then SIGTERM"] = burst_then_sigterm(folder)
    for name, figures in results.items():
        print(f"{name}:")
        for key, value in figures.items():
            print(f"  {key}: {round(value, 3) if isinstance(value, float) else value}")


if __name__ == "__main__":
    main()
