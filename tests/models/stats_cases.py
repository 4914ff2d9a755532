"""Complaints made directly in the database for the statistics tests: add_case and ids of named rows."""
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
