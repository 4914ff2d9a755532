"""One demo run: check the database, optionally empty it, add the reference data (categories, survey
questions, FAQ, staff), then the bulk data month by month, and leave the ticket counters where the
live bot continues. Everything random comes from `Options.seed`, one stream per part, so the same
seed and window give the same rows.
"""
from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import inspect, select, text
from sqlalchemy.engine import Engine
from sqlmodel import col

from bot.demo.cases import CaseMaker, CategoryRef
from bot.demo.chats import ID_PREFIX, Chats
from bot.demo.clock import allocate, month_weights, months_until
from bot.demo.feedback import FeedbackMaker
from bot.demo.people import Followers, ensure_faq, ensure_staff, ensure_survey
from bot.demo.sink import Sink, next_ids
from bot.demo.surveys import SurveyMaker
from bot.demo.text import ComplaintWriter
from models.complaint import Category, TicketCounter
from models.db import session_scope
from models.seed import seed_defaults

# What a database "has data" means: any of these rows (categories, staff and FAQ are configuration).
DATA_TABLES = ("complaint", "corruption_report", "inquiry", "suggestion", "survey_response", "follower")
# Up to this many rows in DATA_TABLES, and no earlier demo, is someone who tried the chat: the demo is
# added beside their rows (kept as they are) instead of refusing. More is a database in real use.
TRIED = 200
# What --reset deletes, children first.
WIPE_TABLES = ("survey_answer", "survey_response", "complaint_word", "complaint_history", "media", "complaint",
               "corruption_history", "corruption_report", "inquiry", "suggestion", "follower", "conversation",
               "ticket_counter")
ID_TABLES = ("complaint", "complaint_history", "survey_response", "survey_answer", "inquiry", "suggestion",
             "corruption_report", "corruption_history")
# Per complaint: how many of everything else (a demo municipality's mix, not a measured one).
PER_CASE = {"followers": 0.45, "inquiries": 0.5, "surveys": 0.12, "suggestions": 0.04, "corruption": 1 / 400}
MINIMUM = {"followers": 30, "inquiries": 5, "surveys": 5, "suggestions": 5, "corruption": 3}
BIG_LOAD = 50_000  # complaints from which rebuilding indexes after the load pays (see Sink.bare)
# The biggest tables, loaded bare (Sink.bare); each before any table it refers to.
BIG_TABLES = ("inbound_event", "complaint_word", "complaint_history", "survey_answer", "survey_response", "inquiry",
              "complaint", "follower")
Progress = Callable[[str, int, int], None]


@dataclass
class Options:
    cases: int = 1500
    months: int = 14
    until: float | None = None  # the window's end, epoch seconds; None: now
    seed: int = 2569
    reset: bool = False
    index: bool = True  # the search words; only a benchmark that does not search may leave them out
    password: str | None = None  # for new demo staff accounts; None: a random one each
    ticket_prefix: str = "NMK"
    corruption_prefix: str = "NMKC"
    suggestion_prefix: str = "NMKS"


@dataclass
class Result:
    counts: dict[str, int] = field(default_factory=dict)
    staff: list[tuple[str, str, str]] = field(default_factory=list)  # username, roles, new password ("": kept)
    periods: tuple[str, str] = ("", "")  # first and last month, YYMM (Buddhist era)
    seconds: dict[str, float] = field(default_factory=dict)  # per stage
    writing: dict[str, float] = field(default_factory=dict)  # seconds spent inserting, per table
    kept: dict[str, int] = field(default_factory=dict)  # rows that were there before, left as they were


class NotEmpty(Exception):
    def __init__(self, counts: dict[str, int], *, demo: bool):
        super().__init__(", ".join(f"{n:,} {t}" for t, n in counts.items() if n))
        self.counts, self.demo = counts, demo  # demo: an earlier `demo seed` made (some of) it


def existing_data(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one() for t in DATA_TABLES}


def has_demo(engine: Engine) -> bool:
    """Whether an earlier run left its data: its events are there (--reset deletes them)."""
    with engine.connect() as conn:
        return conn.execute(text("SELECT 1 FROM inbound_event WHERE webhook_event_id LIKE :p LIMIT 1"),
                            {"p": f"{ID_PREFIX}%"}).first() is not None


def wipe(engine: Engine) -> None:
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM inbound_event WHERE webhook_event_id LIKE :p"), {"p": f"{ID_PREFIX}%"})
        if engine.dialect.name == "postgresql":  # CASCADE: rows of newer tables that point at these go too
            conn.execute(text(f"TRUNCATE {', '.join(WIPE_TABLES)} RESTART IDENTITY CASCADE"))
        else:
            for table in WIPE_TABLES:
                conn.execute(text(f"DELETE FROM {table}"))


def seed_demo(engine: Engine, opts: Options, progress: Progress = lambda *_: None) -> Result:
    if not inspect(engine).has_table("complaint"):
        raise RuntimeError("the database has no tables yet: run `flask db upgrade` first")
    found = existing_data(engine)
    result, clock = Result(), time.perf_counter()
    if opts.reset:
        wipe(engine)
    elif has_demo(engine) or sum(found.values()) > TRIED:
        raise NotEmpty(found, demo=has_demo(engine))
    else:
        result.kept = {t: n for t, n in found.items() if n}
    months = months_until(opts.until if opts.until is not None else time.time(), opts.months)
    until = months[-1].end
    result.periods = (months[0].period, months[-1].period)
    weights = month_weights(months)
    total = {k: max(MINIMUM[k], round(opts.cases * v)) for k, v in PER_CASE.items()}
    with session_scope(engine) as s:
        seed_defaults(session=s)
        categories = [CategoryRef(c.id, c.name, c.division_id) for c in s.execute(
            select(Category).where(col(Category.active).is_(True)).order_by(col(Category.sort_order), col(Category.id))).scalars()]
        staff = ensure_staff(s, opts.password)
        survey, faqs = ensure_survey(s), ensure_faq(s)
        counters = {c.key: c.last for c in s.execute(select(TicketCounter)).scalars()}
    result.staff = staff.created
    with engine.connect() as conn:
        ids = next_ids(conn, ID_TABLES)
    sink = Sink(engine)
    rng = lambda part: random.Random(f"{opts.seed}:{part}")  # noqa: E731  one stream per part
    result.seconds["reference"] = time.perf_counter() - clock

    with sink.bare(BIG_TABLES, when=opts.cases >= BIG_LOAD):
        clock = time.perf_counter()
        followers = Followers(total["followers"], months, rng("followers"))
        followers.write(sink)
        progress("followers", len(followers), len(followers))
        result.seconds["followers"] = time.perf_counter() - clock

        clock = time.perf_counter()
        surveys = SurveyMaker(rng=rng("surveys"), setup=survey, ts=sink.ts, until=until, ids=ids)
        chats = Chats(rng=rng("chats"), ts=sink.ts, until=until)
        cases = CaseMaker(sink=sink, rng=rng("cases"), categories=categories, staff=staff, followers=followers,
                          surveys=surveys, chats=chats, writer=ComplaintWriter(index=opts.index),
                          prefix=opts.ticket_prefix, until=until, ids=ids)
        done = [0]

        def step(n: int) -> None:
            done[0] += n
            progress("complaints", done[0], opts.cases)

        for month, n in zip(months, allocate(opts.cases, weights)):
            key = f"{opts.ticket_prefix}{month.period}"
            counters[key] = cases.month(month, n, counters.get(key, 0), step)
        result.seconds["complaints"] = time.perf_counter() - clock

        clock = time.perf_counter()
        other = FeedbackMaker(sink=sink, rng=rng("feedback"), staff=staff, followers=followers, surveys=surveys,
                              chats=chats, faqs=faqs, until=until, ids=ids)
        for kind in ("surveys", "inquiries", "suggestions", "corruption"):
            for month, n in zip(months, allocate(total[kind], weights)):
                if kind == "surveys":
                    other.surveys_month(month, n)
                elif kind == "inquiries":
                    other.inquiries_month(month, n)
                else:
                    prefix = opts.suggestion_prefix if kind == "suggestions" else opts.corruption_prefix
                    key = f"{prefix}{month.period}"
                    make = other.suggestions_month if kind == "suggestions" else other.corruption_month
                    counters[key] = make(month, n, prefix, counters.get(key, 0))
            progress(kind, total[kind], total[kind])
        result.seconds["other"] = time.perf_counter() - clock
        clock = time.perf_counter()  # "finish" counts the indexes made again as the block ends

    _save_counters(engine, counters)
    sink.fix_sequences(ID_TABLES)
    sink.analyze()
    result.seconds["finish"] = time.perf_counter() - clock
    result.counts = {"follower": len(followers), **cases.counts, **surveys.counts, **other.counts,
                     "inbound_event": chats.count}
    result.writing = dict(sink.seconds)
    return result


def _save_counters(engine: Engine, counters: dict[str, int]) -> None:
    """Where each month's numbering stands, so that the live bot's next ticket follows the demo's."""
    with session_scope(engine) as s:
        have = {c.key: c for c in s.execute(select(TicketCounter)).scalars()}
        for key, last in counters.items():
            if key in have:
                have[key].last = max(have[key].last, last)
            elif last:
                s.add(TicketCounter(key=key, last=last))

