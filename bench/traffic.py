"""Traffic against `bot serve` on loopback: start the server on a free port, send requests from many client
threads for a bounded time and number, and summarise throughput, latency and errors.

Shared by bench/load.py and bench/web.py; only 127.0.0.1 is ever contacted."""
from __future__ import annotations

import http.client
import itertools
import json
import os
import random
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from engine import cases

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
# The load comes from this machine: loopback is exempt from the question limit (the limiter still runs).
SERVER_ENV = {"BOT_RATELIMIT_EXEMPT": json.dumps([HOST])}


def real_questions() -> list[tuple[str, str | None]]:
    """(question, page language) from our question sets: what patients actually ask."""
    return [(case["q"], case.get("ui_lang")) for case in cases()]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


@contextmanager
def running_server(threads: int | None = None, settings: dict | None = None, log=subprocess.DEVNULL):
    """`bot serve` in its own process on a free loopback port, with `settings` (BOT_* variables; default:
    loopback exempt from the question limit) and its error stream to `log`; yields (port, pid), stops it
    afterwards with SIGTERM, as a service manager does."""
    port = _free_port()
    command = [sys.executable, "-m", "bot", "serve", "--host", HOST, "--port", str(port)]
    if threads:
        command += ["--threads", str(threads)]
    server = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **(SERVER_ENV if settings is None else settings)},
                              stdout=subprocess.DEVNULL, stderr=log)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://{HOST}:{port}/api/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit("bot serve did not start")
                time.sleep(0.2)
        yield port, server.pid
    finally:
        server.terminate()
        server.wait(timeout=10)


def rss_mb(pid: int) -> tuple[float, float]:
    """(resident memory now, peak resident memory) of a process in MB, from /proc."""
    fields = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines())
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


@dataclass
class Figures:
    """What one run measured."""
    seconds: float = 0.0
    latencies_ms: list = field(default_factory=list)
    errors: int = 0
    statuses: dict = field(default_factory=dict)

    @property
    def requests(self) -> int:
        return len(self.latencies_ms) + self.errors

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, int(len(ordered) * p))] if ordered else float("nan")

    def lines(self) -> list[str]:
        return [f"requests: {self.requests} in {self.seconds:.1f} s = {self.per_second:.0f} per second",
                f"latency: p50 {self.percentile(0.50):.1f} ms, p99 {self.percentile(0.99):.1f} ms, "
                f"max {max(self.latencies_ms, default=float('nan')):.1f} ms",
                f"errors: {self.errors}  statuses: {dict(sorted(self.statuses.items()))}"]


def drive(port: int, requests, clients: int, seconds: float, max_requests: int, think: float = 0.0) -> Figures:
    """Send requests from `clients` threads, each on its own keep-alive connection, until `seconds` pass or
    `max_requests` are sent; each client pauses a random 0 to 2 x `think` seconds after each reply.
    `requests` yields (method, path, body or None); anything but a 200 is an error."""
    figures = Figures()
    lock = threading.Lock()
    sent = itertools.count()
    source = iter(requests)
    deadline = time.monotonic() + seconds

    def client():
        pause = random.Random(threading.get_ident())
        connection = http.client.HTTPConnection(HOST, port, timeout=10)
        latencies, errors, statuses = [], 0, {}
        while time.monotonic() < deadline and next(sent) < max_requests:
            with lock:
                method, path, body = next(source)
            headers = {"Content-Type": "application/json"} if body and body.startswith(b"{") else (
                {"Content-Type": "application/x-www-form-urlencoded"} if body else {})
            start = time.perf_counter()
            try:
                connection.request(method, path, body=body, headers=headers)
                response = connection.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException):
                connection.close()
                connection = http.client.HTTPConnection(HOST, port, timeout=10)
                status = 0
            statuses[status] = statuses.get(status, 0) + 1
            if status == 200:
                latencies.append((time.perf_counter() - start) * 1000)
            else:
                errors += 1
            if think:
                time.sleep(pause.uniform(0, 2 * think))
        connection.close()
        with lock:
            figures.latencies_ms.extend(latencies)
            figures.errors += errors
            for status, count in statuses.items():
                figures.statuses[status] = figures.statuses.get(status, 0) + count

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    figures.seconds = time.perf_counter() - started
    return figures
