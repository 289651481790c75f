"""Counting replies and thumbs without ever making a patient wait: counts gather in memory and a background
thread adds them to the store. A database that is down or locked costs figures, never an answer."""
from __future__ import annotations

import atexit
import datetime as dt
import logging
import os
import threading
import time
import weakref
from collections import Counter

from sqlalchemy.exc import SQLAlchemyError

from .scrub import scrub
from .store import NONE, UNANSWERED_KINDS, Store

log = logging.getLogger(__name__)
_alive: weakref.WeakSet = weakref.WeakSet()


class Recorder:
    """Counts in memory, written by a background thread that stops when idle and starts again when needed.

    Counts that could not be written are kept (up to `max_keys` rows per table) and tried again after
    `retry_seconds`; the first failure is logged once, and so is the recovery."""

    def __init__(self, store: Store, today=dt.date.today, retry_seconds: float = 30, idle_seconds: float = 30,
                 max_keys: int = 10_000, batch_seconds: float = 1.0):
        self.store = store
        self.today = today
        self.retry_seconds = retry_seconds
        self.idle_seconds = idle_seconds
        self.max_keys = max_keys
        self.batch_seconds = batch_seconds
        self.failing = False
        self._pending: dict[str, Counter] = {}
        self._setup()
        _alive.add(self)

    def _setup(self) -> None:
        self._pid = os.getpid()
        self._lock = threading.Lock()
        self._wake = threading.Condition(self._lock)
        self._writing = threading.Lock()
        self._thread: threading.Thread | None = None

    def reply(self, surface: str, lang: str, kind: str, medicine: str | None, topic: str | None,
              question: str | None = None) -> None:
        """Count one reply; keep the question's scrubbed text only when the clinic chose so and the bot
        could not answer it."""
        day = self.today()
        counts = {"usage_daily": (day, surface, lang, kind, medicine or NONE, topic or NONE)}
        if question and self.store.keep_unanswered and kind in UNANSWERED_KINDS:
            text = scrub(question)
            if text:
                counts["unanswered_questions"] = (day, lang, kind, text)
        self._count(counts)

    def feedback(self, surface: str, lang: str, medicine: str, topic: str, helpful: bool) -> None:
        """Count one thumb up or down for a curated answer."""
        self._count({"feedback_daily": (self.today(), surface, lang, medicine, topic, helpful)})

    def _count(self, counts: dict[str, tuple]) -> None:
        if self._pid != os.getpid():  # a forked worker (gunicorn): fresh locks and thread, no shared connections
            self._setup()
            self.store.engine.dispose(close=False)
        with self._lock:
            for name, key in counts.items():
                self._add(name, key, 1)
            if self._thread is None:
                try:
                    self._thread = threading.Thread(target=self._run, name="usage-figures", daemon=True)
                    self._thread.start()
                except RuntimeError:
                    self._thread = None  # no thread to be had: the counts wait for the next reply
                    return
            self._wake.notify()

    def _run(self) -> None:
        try:
            while True:
                with self._lock:
                    if not self._pending:
                        self._wake.wait(self.idle_seconds)
                    if not self._pending:
                        self._thread = None
                        return
                if not self.flush():
                    time.sleep(self.retry_seconds)  # not woken by new counts: a database that is down gets a rest
                else:
                    # Under load, one write a second for everything counted meanwhile, not one write per reply.
                    time.sleep(self.batch_seconds)
        except Exception:
            log.exception("the usage figures writer stopped; it starts again with the next reply")
            with self._lock:
                self._thread = None

    def flush(self) -> bool:
        """Write the counts gathered so far, now; True when they are stored (or there was nothing to write)."""
        with self._writing:
            with self._lock:
                batch, self._pending = self._pending, {}
            if not batch:
                return True
            try:
                self.store.add(batch, self.today())
            except (SQLAlchemyError, OSError) as e:
                self._keep(batch)
                self._failed(e)
                return False
            self._recovered()
            return True

    def prepare(self) -> bool:
        """Create the tables now (at start-up); when the database is not there, the first write tries again."""
        try:
            self.store.prepare(self.today())
        except (SQLAlchemyError, OSError) as e:
            self._failed(e)
            return False
        self._recovered()
        return True

    def _failed(self, error: Exception) -> None:
        if not self.failing:
            self.failing = True
            first_line = (str(error) or type(error).__name__).splitlines()[0]
            log.warning("usage figures cannot be written; answers go on without them: %s", first_line)

    def _recovered(self) -> None:
        if self.failing:
            self.failing = False
            log.warning("usage figures are written again")

    def _keep(self, batch: dict[str, Counter]) -> None:
        with self._lock:
            for name, counter in batch.items():
                for key, n in counter.items():
                    self._add(name, key, n)

    def _add(self, name: str, key: tuple, n: int) -> None:
        # Called with the lock held. A table past max_keys rows takes no new ones: memory stays bounded
        # however long the database is down.
        counter = self._pending.setdefault(name, Counter())
        if key in counter or len(counter) < self.max_keys:
            counter[key] += n

    def close(self) -> None:
        """Forget what was not written and stop writing at exit (for tests and a clean shutdown)."""
        with self._lock:
            self._pending = {}
        _alive.discard(self)
        with self._writing:  # a write under way finishes first, so its connection is closed too
            self.store.dispose()


@atexit.register
def _flush_at_exit() -> None:
    for recorder in list(_alive):
        recorder.flush()
