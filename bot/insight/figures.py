"""The figures curators read, from the store: questions per day, replies per kind, surface and language, the
most asked and least helpful answers, and what is missing. The same figures feed `bot stats` and /admin."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import func, select

from .store import UNANSWERED_KINDS, Store, feedback, unanswered, usage


@dataclass(frozen=True)
class Thumbs:
    """The thumbs one curated answer got."""
    answer_id: str
    yes: int
    no: int

    @property
    def share_helpful(self) -> float:
        """Share of thumbs up, 0 to 1."""
        return self.yes / (self.yes + self.no)


@dataclass
class Figures:
    """Everything counted between `first` and `last` (both included)."""
    first: dt.date
    last: dt.date
    per_day: list = field(default_factory=list)     # [(day, questions)] for every day, zeros included
    kinds: list = field(default_factory=list)       # [(kind, questions)], most first
    surfaces: list = field(default_factory=list)
    langs: list = field(default_factory=list)
    answers: list = field(default_factory=list)     # [(answer id, times given)], most first
    thumbs: list = field(default_factory=list)      # [Thumbs], least helpful first
    missing: list = field(default_factory=list)     # [(kind, medicine, topic, questions)], most first
    unanswered: list = field(default_factory=list)  # [(kind, lang, scrubbed text, times)], most first
    keeps_unanswered: bool = False
    unanswered_days: int = 30

    @property
    def total(self) -> int:
        """Questions in the period."""
        return sum(n for _, n in self.per_day)

    def share(self, n: int) -> float:
        """`n` as a share of all questions in the period, 0 to 1."""
        return n / self.total if self.total else 0.0

    def lines(self) -> list[str]:
        """The figures as text for the terminal."""
        def section(title: str, rows: list[str]) -> list[str]:
            return ["", title] + (rows or ["  none"])

        out = [f"Usage figures {self.first} to {self.last}: {self.total} questions"]
        out += section("Questions per day", [f"  {day}  {n:6d}" for day, n in self.per_day if n])
        for title, rows in (("Replies by kind", self.kinds), ("By surface", self.surfaces),
                            ("By language", self.langs)):
            out += section(title, [f"  {name:<18}{n:6d}  {self.share(n):6.1%}" for name, n in rows])
        out += section("Least helpful answers (thumbs up / down)",
                       [f"  {t.answer_id:<28}{t.yes:5d} /{t.no:5d}  {t.share_helpful:6.1%} helpful"
                        for t in self.thumbs])
        out += section("Most frequent missing topics",
                       [f"  {kind:<18}{answer_id(medicine, topic):<28}{n:6d}"
                        for kind, medicine, topic, n in self.missing])
        if self.keeps_unanswered:
            out += section(f"Questions the bot could not answer (scrubbed, deleted after {self.unanswered_days} days)",
                           [f"  {n:4d}  {kind:<18}{lang}  {text}" for kind, lang, text, n in self.unanswered])
        return out


def answer_id(medicine: str, topic: str) -> str:
    """'medicine/topic', with '-' for a part the reply did not have."""
    return f"{medicine or '-'}/{topic or '-'}"


def collect(store: Store, days: int = 30, today: dt.date | None = None, limit: int = 10) -> Figures:
    """The figures of the last `days` days up to `today`; lists of answers and texts hold at most `limit`."""
    last = today or dt.date.today()
    first = last - dt.timedelta(days=days - 1)
    figures = Figures(first, last, keeps_unanswered=store.keep_unanswered, unanswered_days=store.unanswered_days)
    if store.keep_unanswered:
        store.purge(last)
    with store.engine.connect() as conn:
        def grouped(*columns, where=(), table=usage, size=None):
            summed = func.sum(table.c["count"]).label("n")
            query = (select(*columns, summed).where(table.c.day >= first, table.c.day <= last, *where)
                     .group_by(*columns).order_by(summed.desc(), *columns).limit(size))
            return [(*row[:-1], int(row[-1])) for row in conn.execute(query)]

        by_day = dict(grouped(usage.c.day))
        days_in_period = (first + dt.timedelta(days=i) for i in range(days))
        figures.per_day = [(day, by_day.get(day, 0)) for day in days_in_period]
        figures.kinds = grouped(usage.c.kind)
        figures.surfaces = grouped(usage.c.surface)
        figures.langs = grouped(usage.c.lang)
        figures.answers = [(answer_id(m, t), n) for m, t, n in
                           grouped(usage.c.medicine, usage.c.topic, where=[usage.c.kind == "answer"], size=limit)]
        figures.missing = grouped(usage.c.kind, usage.c.medicine, usage.c.topic,
                                  where=[usage.c.kind.in_(UNANSWERED_KINDS)], size=limit)
        figures.unanswered = grouped(unanswered.c.kind, unanswered.c.lang, unanswered.c.text,
                                     table=unanswered, size=limit)
        thumbs: dict[str, list[int]] = {}
        for medicine, topic, helpful, n in grouped(feedback.c.medicine, feedback.c.topic, feedback.c.helpful,
                                                   table=feedback):
            thumbs.setdefault(answer_id(medicine, topic), [0, 0])[0 if helpful else 1] += n
    figures.thumbs = sorted((Thumbs(a, yes, no) for a, (yes, no) in thumbs.items()),
                            key=lambda t: (t.share_helpful, -t.no, t.answer_id))[:limit]
    return figures

