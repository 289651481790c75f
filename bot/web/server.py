"""`bot serve`: the app on waitress, with limits that hold against idle and slow clients and the same trust in
reverse proxies as the app has under gunicorn.

- Idle and slow connections cost waitress no thread, only a place among `connection_limit`; its default (100)
  let 98 idle connections shut everyone else out. Here the limit is in the thousands (poll, not select, so
  file numbers over 1024 work) and a connection silent for `channel_timeout` seconds is closed.
- A body is refused by waitress past 4 x the app's own limit, instead of being buffered up to 1 GiB first.
- Behind `BOT_PROXY_FIX_HOPS` proxies waitress trusts X-Forwarded-For and -Proto from exactly that many hops
  (without it, it drops them); the app's ProxyFix then finds the same client again, as under gunicorn.
- SIGTERM stops the server as Ctrl-C does, so the last usage figures are written before the process ends.
- Waitress's "task queue depth" warning comes at most once a minute instead of with every request under load."""
from __future__ import annotations

import logging
import os
import signal
import time

import waitress
from flask import Flask

CONNECTION_LIMIT = 2000
CHANNEL_TIMEOUT = 30           # seconds of silence before a connection is closed
HEADER_LIMIT = 32 * 1024       # bytes of request line and headers
BODY_FACTOR = 4                # waitress refuses bodies over this many times MAX_CONTENT_LENGTH
QUEUE_WARNING_SECONDS = 60


class OncePer(logging.Filter):
    """Let a logger's records through at most once per `seconds`, saying how many were left out meanwhile."""

    def __init__(self, seconds: float):
        super().__init__()
        self.seconds = seconds
        self.last = float("-inf")
        self.skipped = 0

    def filter(self, record: logging.LogRecord) -> bool:
        now = time.monotonic()
        if now - self.last < self.seconds:
            self.skipped += 1
            return False
        if self.skipped:
            record.msg = f"{record.msg} ({self.skipped} more like it since the last one)"
        self.last, self.skipped = now, 0
        return True


def _open_files_allowed(wanted: int) -> int:
    """Raise this process's open-file limit towards `wanted` where the system allows; the limit it has now."""
    try:
        import resource
    except ImportError:  # Windows: no such limit, but select() there handles 512 sockets at most
        return 512
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if soft != resource.RLIM_INFINITY and soft < target:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
            soft = target
        except (ValueError, OSError):
            pass
    return soft if soft != resource.RLIM_INFINITY else wanted


def waitress_options(config, threads: int) -> dict:
    """waitress.serve() settings for an app with this config."""
    files = _open_files_allowed(CONNECTION_LIMIT + 100)
    options = {
        "threads": threads,
        "connection_limit": max(100, min(CONNECTION_LIMIT, files - 100)),
        "channel_timeout": CHANNEL_TIMEOUT,
        "cleanup_interval": 10,
        "max_request_header_size": HEADER_LIMIT,
        "max_request_body_size": BODY_FACTOR * config["MAX_CONTENT_LENGTH"],
        "asyncore_use_poll": os.name != "nt",
        "clear_untrusted_proxy_headers": True,
        "ident": None,
    }
    hops = config["PROXY_FIX_HOPS"]
    if hops > 0:
        options.update(trusted_proxy="*", trusted_proxy_count=hops,
                       trusted_proxy_headers={"x-forwarded-for", "x-forwarded-proto"})
    return options


def _stop(signum, frame):
    raise SystemExit(0)  # waitress closes on SystemExit as on Ctrl-C; then the figures are written at exit


def serve(app: Flask, host: str, port: int, threads: int) -> None:
    """Serve `app` until Ctrl-C or SIGTERM."""
    signal.signal(signal.SIGTERM, _stop)
    logging.getLogger("waitress.queue").addFilter(OncePer(QUEUE_WARNING_SECONDS))
    waitress.serve(app, host=host, port=port, **waitress_options(app.config, threads))
