"""Load test: 50 clients ask a mix of real questions for 60 s against `bot serve` on loopback.

Three of four questions go through the JSON API (the page with JavaScript), one through the plain form on the
chat page or kiosk (without). Each client pauses a random 0-1 s after a reply (`--think 0.5`): about 100
questions a second from 50 clients, each asking 4 times faster than the rate limit lets any patient.
`--think 0` sends flat out, to find the capacity. Reports requests per second, p50/p99 latency and errors;
targets: no errors, p99 under 100 ms. Bounded in time and in requests; asserts nothing.

Run: .venv/bin/python bench/load.py [--clients 50] [--seconds 60] [--think 0.5] [--max-requests 200000]
"""
import argparse
import itertools
import json
import random
import urllib.parse

from traffic import drive, real_questions, running_server

TARGET_P99_MS = 100.0
FORM_PAGES = ("/nl/", "/en/", "/kiosk", "/en/kiosk", "/nl/embed")


def question_mix(seed: int = 1):
    """Endless (method, path, body) of real questions, 3 in 4 through the API, 1 in 4 through a form."""
    questions = real_questions()
    random.Random(seed).shuffle(questions)
    for n, (question, lang) in enumerate(itertools.cycle(questions)):
        if n % 4 == 3:
            yield "POST", FORM_PAGES[n % len(FORM_PAGES)], urllib.parse.urlencode({"q": question}).encode()
        else:
            yield "POST", "/api/ask", json.dumps({"question": question, "lang": lang}).encode()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--max-requests", type=int, default=200_000)
    parser.add_argument("--think", type=float, default=0.5, help="mean pause of a client between questions (s)")
    parser.add_argument("--threads", type=int, help="waitress threads (default: bot serve's)")
    args = parser.parse_args(argv)
    seconds = min(args.seconds, 600.0)  # bounded, whatever is asked
    with running_server(args.threads) as (port, _):
        drive(port, question_mix(seed=2), clients=4, seconds=2, max_requests=500)  # warm up
        figures = drive(port, question_mix(), args.clients, seconds, args.max_requests, think=args.think)
    print(f"load test: {args.clients} clients, real questions (API and form) on 127.0.0.1, "
          f"pause 0-{2 * args.think:g} s between questions")
    for line in figures.lines():
        print(line)
    p99 = figures.percentile(0.99)
    print(f"p99 {p99:.1f} ms: {p99 / TARGET_P99_MS:.2f} of target {TARGET_P99_MS:.0f} ms; "
          f"errors {figures.errors} (target 0)")


if __name__ == "__main__":
    main()
