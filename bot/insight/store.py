"""Where the usage figures live: three tables of counts per day, in SQLite or PostgreSQL through SQLAlchemy Core.

Every table holds counts, never single events: a row says "on this day, this many questions on the kiosk in
Dutch got the risks answer of Dupixent". There is no row id and no time finer than the day, so no row can be
lined up with a person who sat in the waiting room at a certain moment. Writing adds to the count of an
existing row (an upsert) or starts a new one.

The schema only ever grows: tables are created when missing and new columns are added with a default, so an
upgrade never drops a figure. A new column must therefore have a server default; a change of key needs a new
table."""
from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

from sqlalchemy import (Boolean, Column, Date, Integer, MetaData, PrimaryKeyConstraint, String, Table,
                        create_engine, delete, event, inspect, insert, text, update)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import NullPool, StaticPool
from sqlalchemy.schema import CreateColumn

# Reply kinds whose question the bot could not answer from its content: what curators want to see.
UNANSWERED_KINDS = ("out_of_scope", "unknown_medicine", "clarify", "not_covered")
SURFACES = ("web", "kiosk", "embed", "api")
NONE = ""  # a reply without medicine or topic; key columns are never NULL, so the upsert finds the row

metadata = MetaData()


def _counts_per_day(name: str, *key: Column) -> Table:
    """A table of counts with one row per day and `key`."""
    return Table(name, metadata, Column("day", Date, nullable=False), *key,
                 Column("count", Integer, nullable=False, server_default="0"),
                 PrimaryKeyConstraint("day", *(column.name for column in key)))


usage = _counts_per_day(
    "usage_daily",
    Column("surface", String(10), nullable=False),
    Column("lang", String(5), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("medicine", String(40), nullable=False, server_default=NONE),
    Column("topic", String(20), nullable=False, server_default=NONE),
)
feedback = _counts_per_day(
    "feedback_daily",
    Column("surface", String(10), nullable=False),
    Column("lang", String(5), nullable=False),
    Column("medicine", String(40), nullable=False),
    Column("topic", String(20), nullable=False),
    Column("helpful", Boolean, nullable=False),
)
# Only filled when a clinic switches it on: scrubbed text, cut to 200 characters, deleted after some days.
unanswered = _counts_per_day(
    "unanswered_questions",
    Column("lang", String(5), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("text", String(200), nullable=False),
)

TABLES = {t.name: t for t in metadata.sorted_tables}
_SCHEMA_LOCK = 0x626F74  # one PostgreSQL advisory lock, so several workers starting at once never race


def make_engine(url: str) -> Engine:
    """An engine for `url`: SQLite or PostgreSQL through psycopg 3. Nothing is connected or created yet."""
    parsed = make_url(url)
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")  # psycopg 3 is the driver we ship with
    # hide_parameters: an error message must never carry a question's text into a log.
    options = {"hide_parameters": True}
    if parsed.get_backend_name() == "sqlite":
        if parsed.database in (None, "", ":memory:"):
            options.update(poolclass=StaticPool, connect_args={"check_same_thread": False})
        else:
            options.update(poolclass=NullPool)  # a file connection is cheap; none is left open between writes
        engine = create_engine(parsed, **options)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    if parsed.get_backend_name() == "postgresql":
        options.update(pool_pre_ping=True, pool_size=2, max_overflow=2, connect_args={"connect_timeout": 5})
    return create_engine(parsed, **options)


def _sqlite_pragmas(connection, _record) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA secure_delete = ON")  # a deleted question's text is overwritten, not left in the file
    cursor.execute("PRAGMA busy_timeout = 5000")
    cursor.close()


class Store:
    """The figures' tables in one database, with the retention of kept question texts."""

    def __init__(self, url: str, keep_unanswered: bool = False, unanswered_days: int = 30):
        self.engine = make_engine(url)
        self.keep_unanswered = keep_unanswered
        self.unanswered_days = unanswered_days
        self.ready = False
        self._purged_on: dt.date | None = None

    def prepare(self, today: dt.date | None = None) -> None:
        """Create the SQLite file's folder and missing tables and columns, then apply the retention of kept
        question texts. OSError when the folder cannot be made."""
        today = today or dt.date.today()
        url = self.engine.url
        if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
            try:
                Path(url.database).parent.mkdir(parents=True, exist_ok=True)
            except OSError as e:  # one line, not a traceback: the folder and why
                raise OSError(f"cannot create the folder {Path(url.database).parent}: {e.strerror}") from None
        with self.engine.begin() as conn:
            upgrade(conn, metadata)
            self._purge(conn, today)
        self.ready = True
        self._purged_on = today

    def _purge(self, conn: Connection, today: dt.date) -> None:
        """Delete kept question texts past their days; all of them when keeping is switched off."""
        query = delete(unanswered)
        if self.keep_unanswered:
            query = query.where(unanswered.c.day < today - dt.timedelta(days=self.unanswered_days))
        conn.execute(query)

    def purge(self, today: dt.date | None = None) -> None:
        """Apply the retention now (it also runs at start-up and with the first write of each day)."""
        today = today or dt.date.today()
        with self.engine.begin() as conn:
            self._purge(conn, today)
        self._purged_on = today

    def add(self, counts: dict[str, Counter], today: dt.date | None = None) -> None:
        """Add counts to the tables in one transaction: {table name: Counter({key tuple: count})}."""
        today = today or dt.date.today()
        if not self.ready:
            self.prepare(today)
        try:
            with self.engine.begin() as conn:
                if self._purged_on != today:
                    self._purge(conn, today)
                for name, counter in counts.items():
                    if counter:
                        _increment(conn, TABLES[name], counter)
        except SQLAlchemyError:
            self.ready = False  # the tables may have gone (a SQLite file deleted): the next try creates them
            raise
        self._purged_on = today

    def dispose(self) -> None:
        """Close the pooled connections."""
        self.engine.dispose()


def upgrade(conn: Connection, schema: MetaData) -> None:
    """Create the missing tables of `schema` and add its missing columns; never drop or change anything."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _SCHEMA_LOCK})
    schema.create_all(conn)
    inspector = inspect(conn)
    for table in schema.sorted_tables:
        present = {c["name"] for c in inspector.get_columns(table.name)}
        for column in table.columns:
            if column.name not in present:
                name = conn.dialect.identifier_preparer.format_table(table)
                spec = CreateColumn(column).compile(dialect=conn.dialect)
                conn.execute(text(f"ALTER TABLE {name} ADD COLUMN {spec}"))


def _increment(conn: Connection, table: Table, counter: Counter) -> None:
    keys = [c.name for c in table.primary_key.columns]
    rows = [dict(zip(keys, key), count=n) for key, n in counter.items()]
    dialect = {"postgresql": postgresql, "sqlite": sqlite}.get(conn.dialect.name)
    if dialect:
        upsert = dialect.insert(table)
        upsert = upsert.on_conflict_do_update(
            index_elements=keys, set_={"count": table.c["count"] + upsert.excluded["count"]})
        conn.execute(upsert, rows)
        return
    for row in rows:  # any other database: update, else insert
        where = [table.c[k] == row[k] for k in keys]
        if not conn.execute(update(table).where(*where).values(count=table.c["count"] + row["count"])).rowcount:
            conn.execute(insert(table).values(**row))
