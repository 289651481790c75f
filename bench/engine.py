"""Speed of the answer engine: first answer of a fresh process, content load, ask() median and p99 (the sentence
encoder runs on every question: its cache is cleared before each one), and the memory of a running `bot serve`.

Run: .venv/bin/python bench/engine.py   (prints figures and their ratio to the targets; asserts nothing)
"""
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGETS = {"ask_median_ms": 40.0, "ask_p99_ms": 120.0, "first_answer_s": 3.0, "server_memory_mb": 400.0}
FIRST_ANSWER = ("import time; t = time.perf_counter(); from bot import ask; ask('wat is dupixent'); "
                "print(time.perf_counter() - t)")


def cases():
    """Every case of our question sets, as a dict with at least `q` (the question) and `ui_lang`."""
    for path in (ROOT / "tests" / "data" / "questions.jsonl", ROOT / "tests" / "data" / "holdout.jsonl"):
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    yield json.loads(line)


def questions():
    for case in cases():
        yield case["q"]


def first_answer_seconds(runs=5):
    times = [float(subprocess.run([sys.executable, "-c", FIRST_ANSWER], capture_output=True, text=True,
                                  check=True, cwd=ROOT).stdout) for _ in range(runs)]
    return statistics.median(times)


def engine_figures(rounds=5) -> dict:
    """Content load time, then ask() median and p99 over every question of our sets, `rounds` times."""
    from bot import ask, meaning
    from bot.content import load

    t = time.perf_counter()
    load()
    content_load = time.perf_counter() - t
    qs = list(questions())
    ask("warm up")
    samples = []
    for _ in range(rounds):
        for q in qs:
            meaning.embed.cache_clear()
            t = time.perf_counter()
            ask(q)
            samples.append((time.perf_counter() - t) * 1000)
    samples.sort()
    return {
        "questions": len(samples),
        "ask_median_ms": statistics.median(samples),
        "ask_p99_ms": samples[int(len(samples) * 0.99)],
        "content_load_s": content_load,
    }


def report(figures: dict, targets: dict) -> None:
    """Print each figure, with its ratio to the target where there is one (under 1.00 is within target)."""
    for key, value in figures.items():
        target = targets.get(key)
        ratio = f"  ({value / target:.2f} of target {target})" if target else ""
        print(f"{key}: {value:.3f}{ratio}" if isinstance(value, float) else f"{key}: {value}")


def server_memory_mb() -> float:
    """Resident memory of `bot serve` after it has answered a few questions over HTTP."""
    import socket
    import urllib.request
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([str(Path(sys.executable).parent / "bot"), "serve", "--port", str(port)], cwd=ROOT,
                              env={**os.environ, "BOT_RATELIMIT_QUESTIONS": "10000 per minute"},
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/api/health", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        for q in list(questions())[:50]:
            body = json.dumps({"question": q}).encode()
            urllib.request.urlopen(urllib.request.Request(f"http://127.0.0.1:{port}/api/ask", body,
                                                          {"Content-Type": "application/json"}), timeout=10).read()
        status = Path(f"/proc/{server.pid}/status").read_text()
        return int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:"))) / 1024
    finally:
        server.terminate()
        server.wait(timeout=10)


def main():
    figures = engine_figures()
    figures["first_answer_s"] = first_answer_seconds()
    figures["server_memory_mb"] = server_memory_mb()
    report(figures, TARGETS)


if __name__ == "__main__":
    main()
