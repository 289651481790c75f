"""Benchmark of the served app, in one run: POST /api/ask throughput against GET /api/health on the same
`bot serve` (target >= 0.7: the engine costs little beside the web framework), ask() median and p99, content
load time, and the memory of the running server (target under 150 MB). Loopback only; asserts nothing.

Run: .venv/bin/python bench/web.py [--clients 16] [--seconds 10]
"""
import argparse
import itertools
import json

from engine import engine_figures, report
from traffic import drive, real_questions, rss_mb, running_server

TARGETS = {"ask_median_ms": 2.0, "ask_p99_ms": 10.0, "server_rss_mb": 150.0, "server_peak_rss_mb": 150.0}
TARGET_ASK_TO_HEALTH = 0.7


def api_questions():
    """Endless POST /api/ask of every real question in turn."""
    for question, lang in itertools.cycle(real_questions()):
        yield "POST", "/api/ask", json.dumps({"question": question, "lang": lang}).encode()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=10.0, help="per measurement (at most 120)")
    parser.add_argument("--threads", type=int, help="waitress threads (default: bot serve's)")
    args = parser.parse_args(argv)
    seconds = min(args.seconds, 120.0)
    figures = engine_figures()
    with running_server(args.threads) as (port, pid):
        health_requests = itertools.repeat(("GET", "/api/health", None))
        drive(port, api_questions(), clients=4, seconds=2, max_requests=1000)  # warm up
        health = drive(port, health_requests, args.clients, seconds, max_requests=500_000)
        asked = drive(port, api_questions(), args.clients, seconds, max_requests=500_000)
        figures["server_rss_mb"], figures["server_peak_rss_mb"] = rss_mb(pid)
    figures["health_per_s"] = health.per_second
    figures["ask_per_s"] = asked.per_second
    figures["ask_p99_over_http_ms"] = asked.percentile(0.99)
    figures["http_errors"] = health.errors + asked.errors
    report(figures, TARGETS)
    ratio = asked.per_second / health.per_second if health.per_second else 0.0
    print(f"ask_to_health_throughput: {ratio:.2f}  ({ratio / TARGET_ASK_TO_HEALTH:.2f} of target "
          f">= {TARGET_ASK_TO_HEALTH}; over 1.00 is within target)")


if __name__ == "__main__":
    main()
