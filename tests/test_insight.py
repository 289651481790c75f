"""The usage figures' engine room: scrubbing, the store (upserts, retention, schema upgrades), the background
recorder when the database is down or locked, and the promise that no question text is kept by default.
Store tests run on SQLite and, when BOT_TEST_DATABASE_URL names one, on PostgreSQL."""
import datetime as dt
import logging
import re
import sqlite3
import time
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import Column, Date, Integer, MetaData, String, Table, inspect, insert, select

from bot.insight import Recorder, Store, collect
from bot.insight.scrub import MAX_CHARS, scrub
from bot.insight.store import upgrade

TODAY = dt.date(2026, 3, 10)
MARKER = "zwoggelbrunst"  # a word no reply contains, to look for in the database afterwards


# --- scrubbing ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("mail jan.de.vries+eczeem@example.co.uk graag", "mail [e-mail] graag"),
    ("bel 06-12345678 of +31 20 123 4567", "bel [number] of [number]"),
    ("mijn nummer is 0612345678", "mijn nummer is [number]"),
    ("(020) 1234567 na 17 uur", "[number] na # uur"),
    ("BSN 123456782, geboren 12-03-1980", "BSN [number], geboren #-#-#"),
    ("300 mg dupixent elke 2 weken", "# mg dupixent elke # weken"),
    ("ik ben 45 en\n\nweeg  80   kilo", "ik ben # en weeg # kilo"),
    ("wat is humira", "wat is humira"),
    ("wat is \ud800humira\udfff", "wat is \ufffdhumira\ufffd"),      # half a UTF-16 pair: no database stores it
    ("wat\x00is\x1bhumira\x7f\x85", "wat is humira"),                   # control characters
])
def test_scrub_removes_contact_details_and_digits(text, expected):
    assert scrub(text) == expected


def test_scrub_cuts_to_200_characters():
    assert len(scrub("a" * 1000)) == MAX_CHARS == 200
    assert scrub("wat " * 100).startswith("wat wat") and len(scrub("wat " * 100)) <= 200


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_scrubbed_text_never_holds_a_digit_or_an_e_mail_address(text):
    out = scrub(text)
    assert len(out) <= MAX_CHARS
    assert not re.search(r"\d", out)
    assert not re.search(r"[\w.+-]+@[\w-]+\.\w", out)


# --- the store ---------------------------------------------------------------------------------------------
@pytest.fixture
def store(database_url):
    """A prepared store on the test database."""
    store = Store(database_url)
    store.prepare(TODAY)
    yield store
    store.dispose()


def _rows(store, name):
    with store.engine.connect() as conn:
        table = Table(name, MetaData(), autoload_with=conn)
        return [dict(row._mapping) for row in conn.execute(select(table))]


def test_counts_add_up_per_day_and_key(store):
    key = (TODAY, "web", "nl", "answer", "dupilumab", "risks")
    store.add({"usage_daily": Counter({key: 2})}, TODAY)
    store.add({"usage_daily": Counter({key: 1, (TODAY, "kiosk", "en", "out_of_scope", "", ""): 1})}, TODAY)
    rows = {(r["surface"], r["kind"]): r["count"] for r in _rows(store, "usage_daily")}
    assert rows == {("web", "answer"): 3, ("kiosk", "out_of_scope"): 1}


def test_no_table_holds_a_time_finer_than_the_day_or_an_id(store):
    with store.engine.connect() as conn:
        inspector = inspect(conn)
        for name in inspector.get_table_names():
            columns = {c["name"]: str(c["type"]).upper() for c in inspector.get_columns(name)}
            assert "id" not in columns and not any("TIME" in t for t in columns.values()), (name, columns)
            assert not {"ip", "user_agent", "conversation", "question"} & set(columns), (name, columns)


def test_retention_deletes_kept_texts_after_their_days(database_url):
    store = Store(database_url, keep_unanswered=True, unanswered_days=30)
    store.prepare(TODAY)
    old, edge, new = TODAY - dt.timedelta(days=31), TODAY - dt.timedelta(days=30), TODAY
    store.add({"unanswered_questions": Counter({(d, "nl", "out_of_scope", f"vraag {i}"): 1
                                                for i, d in enumerate((old, edge, new))})}, TODAY)
    assert len(_rows(store, "unanswered_questions")) == 3
    store.purge(TODAY)
    assert sorted(r["day"] for r in _rows(store, "unanswered_questions")) == [edge, new]
    store.purge(TODAY + dt.timedelta(days=1))
    assert [r["day"] for r in _rows(store, "unanswered_questions")] == [new]
    store.dispose()


def test_switching_the_text_log_off_deletes_every_kept_text(database_url):
    keeping = Store(database_url, keep_unanswered=True)
    keeping.prepare(TODAY)
    keeping.add({"unanswered_questions": Counter({(TODAY, "nl", "clarify", "bijwerkingen"): 1}),
                 "usage_daily": Counter({(TODAY, "web", "nl", "clarify", "", "risks"): 1})}, TODAY)
    keeping.dispose()
    off = Store(database_url)
    off.prepare(TODAY)
    assert _rows(off, "unanswered_questions") == []
    assert len(_rows(off, "usage_daily")) == 1  # the figures stay
    off.dispose()


def test_an_upgrade_adds_columns_and_keeps_every_figure(database_url, store):
    old = MetaData()
    Table("figures_upgrade_test", old, Column("day", Date, primary_key=True), Column("count", Integer))
    new = MetaData()
    Table("figures_upgrade_test", new, Column("day", Date, primary_key=True), Column("count", Integer),
          Column("surface", String(10), nullable=False, server_default="web"))
    try:
        with store.engine.begin() as conn:
            old.drop_all(conn)
            upgrade(conn, old)
            conn.execute(insert(old.tables["figures_upgrade_test"]), [{"day": TODAY, "count": 7}])
        with store.engine.begin() as conn:
            upgrade(conn, new)
            upgrade(conn, new)  # a second start changes nothing
        assert _rows(store, "figures_upgrade_test") == [{"day": TODAY, "count": 7, "surface": "web"}]
    finally:
        with store.engine.begin() as conn:
            new.drop_all(conn)


def test_starting_again_keeps_the_figures(database_url, store):
    store.add({"feedback_daily": Counter({(TODAY, "kiosk", "nl", "dupilumab", "risks", False): 4})}, TODAY)
    again = Store(database_url)
    again.prepare(TODAY)
    assert [r["count"] for r in _rows(again, "feedback_daily")] == [4]
    again.dispose()


# --- the recorder ------------------------------------------------------------------------------------------
def test_recorder_counts_in_the_background_and_scrubs_kept_texts(database_url):
    store = Store(database_url, keep_unanswered=True)
    recorder = Recorder(store, today=lambda: TODAY)
    recorder.prepare()
    recorder.reply("kiosk", "nl", "unknown_medicine", None, None, "wat is humira? mail piet@example.nl")
    recorder.reply("web", "nl", "answer", "dupilumab", "risks", "bijwerkingen dupixent 06-12345678")
    recorder.reply("web", "nl", "emergency", None, None, "mijn keel zwelt op")
    recorder.feedback("web", "nl", "dupilumab", "risks", True)
    deadline = time.monotonic() + 10
    while not store.ready or _count(store) < 3:  # no flush: the background writer does it on its own
        assert time.monotonic() < deadline, "the background writer wrote nothing"
        time.sleep(0.05)
    assert recorder.flush()
    texts = [r["text"] for r in _rows(store, "unanswered_questions")]
    assert texts == ["wat is humira? mail [e-mail]"]  # answered and emergency questions are never kept
    figures = collect(store, 7, TODAY)
    assert figures.total == 3 and figures.thumbs[0].answer_id == "dupilumab/risks"
    recorder.close()


def _count(store):
    return sum(r["count"] for r in _rows(store, "usage_daily"))


def test_a_deleted_sqlite_file_is_made_again_and_keeps_the_counts(tmp_path):
    path = tmp_path / "figures.sqlite"
    recorder = Recorder(Store(f"sqlite:///{path}"), today=lambda: TODAY)
    assert recorder.prepare()
    recorder.reply("web", "nl", "answer", "dupilumab", "about")
    assert recorder.flush()
    path.unlink()  # while running
    recorder.reply("kiosk", "nl", "answer", "dupilumab", "risks")
    assert recorder.flush() is False  # the file is back but empty: the counts wait, the tables are made again
    assert recorder.flush() and _count(recorder.store) == 1
    recorder.close()


def test_a_folder_that_cannot_be_made_is_one_line(tmp_path, caplog):
    caplog.set_level(logging.WARNING, logger="bot.insight")
    (tmp_path / "file").write_text("not a folder")
    recorder = Recorder(Store(f"sqlite:///{tmp_path / 'file' / 'sub' / 'figures.sqlite'}"), today=lambda: TODAY)
    assert recorder.prepare() is False
    recorder.reply("web", "nl", "answer", "dupilumab", "about")
    assert recorder.flush() is False
    assert [r.getMessage() for r in caplog.records] == [
        "usage figures cannot be written; answers go on without them: cannot create the folder "
        f"{tmp_path / 'file' / 'sub'}: Not a directory"]
    recorder.close()


def test_an_unreachable_database_costs_figures_not_answers(app_factory, caplog):
    caplog.set_level(logging.WARNING, logger="bot.insight")
    app = app_factory(DATABASE_URL="postgresql+psycopg://bot@127.0.0.1:1/nothing")
    client = app.test_client()
    started = time.monotonic()
    for question in ("wat is dupixent", "wat is humira", "hoe is het weer"):
        response = client.post("/nl/", data={"q": question})
        assert response.status_code == 200
    assert client.post("/api/ask", json={"question": "what is rinvoq"}).status_code == 200
    assert client.post("/api/feedback", json={"answer_id": "dupilumab/about", "lang": "nl",
                                              "helpful": True}).status_code == 202
    assert time.monotonic() - started < 5
    recorder = app.extensions["usage"]
    assert recorder.flush() is False and recorder.flush() is False
    warnings = [r for r in caplog.records if r.name.startswith("bot.insight")]
    assert len(warnings) == 1, [r.getMessage() for r in warnings]  # logged once, not once per reply
    assert "answers go on" in warnings[0].getMessage()


def test_a_locked_sqlite_file_never_slows_an_answer_and_the_counts_wait(app_factory, tmp_path):
    path = tmp_path / "locked.sqlite"
    app = app_factory(DATABASE_URL=f"sqlite:///{path}")
    client = app.test_client()
    client.post("/nl/", data={"q": "wat is dupixent"})  # warm up: content loaded, tables made
    assert app.extensions["usage"].flush()
    lock = sqlite3.connect(path, isolation_level=None)
    lock.execute("BEGIN EXCLUSIVE")
    try:
        started = time.monotonic()
        assert client.post("/nl/kiosk", data={"q": "wat is dupixent"}).status_code == 200
        assert time.monotonic() - started < 1.5
    finally:
        lock.execute("ROLLBACK")
        lock.close()
    assert app.extensions["usage"].flush()
    surfaces = sorted(r["surface"] for r in _rows(app.extensions["usage"].store, "usage_daily"))
    assert surfaces == ["kiosk", "web"]


# --- no question text unless switched on --------------------------------------------------------------------
QUESTIONS = (f"wat is {MARKER}", f"{MARKER} en alcohol bij dupixent?", f"hoe is het weer in {MARKER}",
             f"{MARKER} bijwerkingen", f"wat is dupixent {MARKER}")


def _everything_in(store, database_url) -> str:
    """Every value in every table, and for SQLite the raw bytes of its files."""
    with store.engine.connect() as conn:
        dump = [repr(_rows(store, name)) for name in inspect(conn).get_table_names()]
    if database_url.startswith("sqlite:///"):
        path = Path(database_url.removeprefix("sqlite:///"))
        for file in path.parent.glob(path.name + "*"):
            dump.append(file.read_bytes().decode("latin-1"))
    return "\n".join(dump)


@pytest.mark.parametrize("keep", [False, True])
def test_question_text_is_only_in_the_database_when_switched_on(figures_app, database_url, keep):
    app = figures_app(KEEP_UNANSWERED_QUESTIONS=keep)
    client = app.test_client()
    for question in QUESTIONS:
        client.post("/nl/", data={"q": question})
        client.post("/api/ask", json={"question": question, "surface": "embed"})
    store = app.extensions["usage"].store
    assert app.extensions["usage"].flush()
    assert _count(store) == 2 * len(QUESTIONS)
    found = MARKER in _everything_in(store, database_url)
    assert found is keep  # with the log on the same search finds it, so the search itself works


def test_the_text_log_setting_from_the_environment(monkeypatch, database_url):
    from bot.web import create_app
    monkeypatch.setenv("BOT_KEEP_UNANSWERED_QUESTIONS", "no")
    monkeypatch.setenv("BOT_DATABASE_URL", database_url)
    app = create_app({"TESTING": True})
    assert app.extensions["usage"].store.keep_unanswered is False
    app.extensions["usage"].close()
