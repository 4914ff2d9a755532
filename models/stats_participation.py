"""Improving the work (ITA indicator 8): suggestions and what was done with them, who took part,
and how much each online service (E-Service) was used, month by month.

"You said, we did" lists the staff's own words only, the topic and the action, never the
citizen's text. "Who took part" counts distinct LINE accounts, never names them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import case, func, select
from sqlmodel import Session, col

from models import participant_year
from models.complaint import Case
from models.corruption import CorruptionReport
from models.inquiry import Inquiry
from models.periods import Period
from models.stats_sql import dialect_of, month_of, per_month
from models.suggestion import Suggestion, SuggestionStatus
from models.survey import SurveyResponse

# The online services, in the order the reports list them, with the table and timestamp of a use.
SERVICES: tuple[tuple[str, Any, Any], ...] = (
    ("complaint", Case, Case.created_at),
    ("corruption", CorruptionReport, CorruptionReport.created_at),
    ("survey", SurveyResponse, SurveyResponse.created_at),
    ("inquiry", Inquiry, Inquiry.asked_at),
    ("suggestion", Suggestion, Suggestion.created_at),
)
# Who took part, per activity: the column naming the LINE account (the corruption channel is left
# out: even a count of its reporters is not for an evidence file).
PARTICIPANTS: tuple[tuple[str, Any, Any], ...] = (
    ("complaint", Case.reporter_line_id, Case.created_at),
    ("survey", SurveyResponse.line_user_id, SurveyResponse.created_at),
    ("inquiry", Inquiry.line_user_id, Inquiry.asked_at),
    ("suggestion", Suggestion.line_user_id, Suggestion.created_at),
)


@dataclass(frozen=True)
class SuggestionMonth:
    received: int = 0
    done: int = 0  # an improvement was made
    not_adopted: int = 0
    open: int = 0  # received or being considered


@dataclass(frozen=True)
class Action:
    """One "you said, we did" line: staff-written words only."""
    ticket: str
    received: datetime
    topic: str
    status: str
    action: str
    action_at: datetime | None


@dataclass(frozen=True)
class Participation:
    activity: str  # a SERVICES code
    people: int  # distinct LINE accounts
    times: int


@dataclass
class ParticipationSummary:
    suggestions: list[SuggestionMonth] = field(default_factory=list)
    suggestion_total: SuggestionMonth = field(default_factory=SuggestionMonth)
    actions: list[Action] = field(default_factory=list)
    participation: list[Participation] = field(default_factory=list)
    services: dict[str, list[int]] = field(default_factory=dict)  # code -> uses per month


def participation_summary(period: Period, *, session: Session, action_limit: int = 1000,
                          known: dict[str, list[int]] | None = None) -> ParticipationSummary:
    """`known`: uses per month of a service the caller has counted already (not counted again)."""
    summary = ParticipationSummary()
    known = known or {}
    key = month_of(Suggestion.created_at, period, dialect_of(session))
    st = col(Suggestion.status)
    in_period = [col(Suggestion.created_at) >= period.start, col(Suggestion.created_at) < period.end]
    stmt = (select(key, func.count(), func.count(case((st == SuggestionStatus.DONE, 1))),
                   func.count(case((st == SuggestionStatus.NOT_ADOPTED, 1))))
            .where(*in_period).group_by(key))
    found = {k: SuggestionMonth(n, done, no, n - done - no) for k, n, done, no in session.execute(stmt).all()}
    summary.suggestions = per_month(period.months, found, SuggestionMonth)
    summary.suggestion_total = SuggestionMonth(*(sum(getattr(m, f) for m in summary.suggestions)
                                                 for f in SuggestionMonth.__dataclass_fields__))
    shown = (select(col(Suggestion.ticket), col(Suggestion.created_at), col(Suggestion.topic), st,
                    col(Suggestion.action), col(Suggestion.action_at))
             .where(*in_period, col(Suggestion.public).is_(True), col(Suggestion.action) != "",
                    st.in_([SuggestionStatus.DONE, SuggestionStatus.NOT_ADOPTED]))
             .order_by(col(Suggestion.created_at), col(Suggestion.id)).limit(action_limit))
    summary.actions = [Action(*row) for row in session.execute(shown).all()]
    known = {"suggestion": [m.received for m in summary.suggestions], **known}
    for code, table, at in SERVICES:
        if code in known:
            summary.services[code] = known[code]
            continue
        mk = month_of(at, period, dialect_of(session))
        uses = dict(session.execute(select(mk, func.count()).select_from(table)
                                    .where(at >= period.start, at < period.end).group_by(mk)).all())
        summary.services[code] = per_month(period.months, uses, int)
    codes = [code for code, _, _ in PARTICIPANTS]
    people = participant_year.people(period, codes, session=session) or people_from_rows(period, session=session)
    # Times: every use, anonymous ones too, which is what the services' monthly uses count.
    summary.participation = [Participation(code, people[code], sum(summary.services[code])) for code in codes]
    return summary


def people_from_rows(period: Period, *, session: Session) -> dict[str, int]:
    """Distinct LINE accounts per activity in the period, counted from the rows themselves (what the
    rollup models/participant_year.py must equal; also a period across two fiscal years)."""
    found = {}
    for code, column, at in PARTICIPANTS:
        # Distinct accounts through a GROUP BY (hashed) rather than count(DISTINCT) (always sorted);
        # NULL (anonymous) is a group of its own, so it is left out.
        accounts = (select(column.label("who")).where(at >= period.start, at < period.end)
                    .group_by(column).subquery())
        found[code] = session.execute(select(func.count(accounts.c.who))).scalar_one()
    return found
