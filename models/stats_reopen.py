"""Reopened complaints: how many resolutions the citizen said were "not fixed yet" (ยังไม่เรียบร้อย),
for the dashboard and the ITA evidence (indicator 6, two-way communication in indicator 7's spirit).

A period counts the complaints *received* in it, as models/stats.py does. The base is the complaints
resolved at least once (resolved now, or reopened since); a reopened case is in the base whatever its
status now, and counts as answered in "answered within 15 days" only once it is resolved again
(models/lifecycle.reopen clears closed_at, so its handling time runs to the final resolution).
A separate module and function, so that the ITA export's aggregation can change without it.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import case, func, or_, select
from sqlmodel import Session, col

from models.complaint import Case
from models.enums import CaseStatus


@dataclass(frozen=True)
class Reopened:
    resolved: int  # complaints received in the period and resolved at least once
    reopened: int  # of those, reopened by the citizen at least once
    times: int  # reopenings in all (a case reopened twice counts twice)

    @property
    def share(self) -> float | None:
        return self.reopened / self.resolved if self.resolved else None


def reopened(start: datetime, end: datetime, *, session: Session, division_id: int | None = None) -> Reopened:
    """The period [start, end) of the cases' reception; `division_id` None: every division."""
    was_reopened = col(Case.reopened_count) > 0
    stmt = (select(func.count(), func.count(case((was_reopened, 1))), func.coalesce(func.sum(col(Case.reopened_count)), 0))
            .where(col(Case.created_at) >= start, col(Case.created_at) < end,
                   or_(col(Case.status) == CaseStatus.RESOLVED, was_reopened)))
    if division_id is not None:
        stmt = stmt.where(col(Case.division_id) == division_id)
    resolved, reopened_cases, times = session.execute(stmt).one()
    return Reopened(resolved=resolved, reopened=reopened_cases, times=int(times))
