"""Complaints made directly in the database for the statistics tests: add_case, change_cases (a
Hypothesis-drawn list of edits replayed) and ids of named rows."""
from __future__ import annotations

import itertools
from datetime import datetime, timedelta

from sqlalchemy import select

from models.complaint import Case
from models.db import read_scope

_tickets = itertools.count(1)


def ids(engine, model, *names: str) -> list[int]:
    with read_scope(engine) as s:
        by_name = {m.name: m.id for m in s.exec(select(model)).scalars()}
    return [by_name[n] for n in names]


def add_case(s, created: datetime, status: str = "received", *, closed: datetime | None = None,
             category: int | None = None, division: int | None = None, handled_days: float | None = None,
             ticket: str | None = None) -> Case:
    """A complaint; `handled_days` sets closed_at that many days after created."""
    if handled_days is not None:
        closed = created + timedelta(days=handled_days)
    case = Case(ticket=ticket or f"T{next(_tickets):06d}", status=status, description="x", created_at=created,
                closed_at=closed, category_id=category, division_id=division)
    s.add(case)
    return case


def change_cases(s, ids: list[int], changes) -> None:
    """Replay (pick, kind, status, days) edits on the cases `ids`, flushing after each so that every
    trigger sees it: kind "delete", "status", "closed" (days after created, or reopened when None),
    "created" (moved by days) or "category" (set, or cleared when set)."""
    for pick, kind, status, days in changes:
        case = s.get(Case, ids[pick % len(ids)])
        if case is None:
            continue
        if kind == "delete":
            s.delete(case)
        elif kind == "status":
            case.status = status
        elif kind == "closed":
            case.closed_at = None if days is None else case.created_at + timedelta(days=days)
        elif kind == "created":
            case.created_at = case.created_at + timedelta(days=days or 0)
        elif kind == "category":
            case.category_id = None if case.category_id else 1
        else:
            raise ValueError(kind)
        s.flush()
