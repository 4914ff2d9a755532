"""Admin-side queries over the survey setup: services, questions and their versions, answer counts.

A question's wording and scale are what a citizen answered. Once a question has answers, changing
either makes a new version (same key, version + 1) and retires the old row, so every stored answer
keeps the meaning it had. Other fields (short label, indicator, order) change in place.
"""
from __future__ import annotations

from sqlalchemy import func, select
from sqlmodel import Session, col

from models.db import id_of, utcnow
from models.survey import SCALE_MAX, SurveyAnswer, SurveyQuestion, SurveyResponse, SurveyService

MIN_ACTIVE, MAX_ACTIVE = 3, 5  # a survey of 3-5 taps
MAX_TEXT = 300  # the question as the citizen reads it in LINE
MAX_SHORT = 60  # the column's length
INDICATORS = (6, 7, 8)
SCALES = tuple(SCALE_MAX)
MEANING = ("text", "scale")  # what a citizen's answer depends on


class Refused(Exception):
    """A change that cannot be made; `reason` is the key of the Thai message."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


# --- services --------------------------------------------------------------------------------------

def services(*, session: Session) -> list[tuple[SurveyService, int]]:
    """Every service in its order, with how many responses rated it."""
    n = (select(col(SurveyResponse.service_id), func.count().label("n")).group_by(col(SurveyResponse.service_id))
         .subquery())
    stmt = (select(SurveyService, func.coalesce(n.c.n, 0)).outerjoin(n, n.c.service_id == SurveyService.id)
            .order_by(col(SurveyService.sort_order), col(SurveyService.id)))
    return [(svc, count) for svc, count in session.execute(stmt).all()]


def service_name_taken(name: str, *, session: Session, except_id: int | None = None) -> bool:
    stmt = select(col(SurveyService.id)).where(func.lower(SurveyService.name) == name.lower())
    if except_id is not None:
        stmt = stmt.where(col(SurveyService.id) != except_id)
    return session.execute(stmt).first() is not None


def set_for_cases(service: SurveyService, *, session: Session) -> None:
    """Make this the one service that a resolved complaint's survey is about."""
    if not service.active:
        raise Refused("error.service_inactive")
    for other in session.execute(select(SurveyService).where(col(SurveyService.for_cases).is_(True))).scalars():
        other.for_cases = False
        session.add(other)
    service.for_cases = True
    session.add(service)


# --- questions -------------------------------------------------------------------------------------

def active_questions(*, session: Session) -> list[SurveyQuestion]:
    stmt = select(SurveyQuestion).where(col(SurveyQuestion.active).is_(True)).order_by(
        col(SurveyQuestion.sort_order), col(SurveyQuestion.id))
    return list(session.execute(stmt).scalars())


def retired_questions(*, session: Session) -> list[SurveyQuestion]:
    stmt = select(SurveyQuestion).where(col(SurveyQuestion.active).is_(False)).order_by(
        SurveyQuestion.key, col(SurveyQuestion.version).desc())
    return list(session.execute(stmt).scalars())


def versions_of(key: str, *, session: Session) -> list[SurveyQuestion]:
    stmt = select(SurveyQuestion).where(col(SurveyQuestion.key) == key).order_by(col(SurveyQuestion.version).desc())
    return list(session.execute(stmt).scalars())


def answer_counts(*, session: Session) -> dict[int, int]:
    """question id (one version) -> how many answers it has."""
    stmt = select(col(SurveyAnswer.question_id), func.count()).group_by(col(SurveyAnswer.question_id))
    return dict(session.execute(stmt).all())


def _active_count(session: Session) -> int:
    return session.execute(select(func.count()).select_from(SurveyQuestion)
                        .where(col(SurveyQuestion.active).is_(True))).scalar_one()


def _has_answers(question_id: int, session: Session) -> bool:
    return session.execute(select(col(SurveyAnswer.id)).where(col(SurveyAnswer.question_id) == question_id).limit(1)).first() is not None


def _latest_version(key: str, session: Session) -> int:
    return session.execute(select(func.max(SurveyQuestion.version)).where(col(SurveyQuestion.key) == key)).scalar_one() or 0


def save_question(question: SurveyQuestion, fields: dict, *, session: Session) -> SurveyQuestion:
    """Apply an edit; returns the row that now carries the question (a new version when the wording
    or scale of an answered question changed, else the same row)."""
    if not question.active:
        raise Refused("error.q_not_latest")
    changes_meaning = any(fields[k] != getattr(question, k) for k in MEANING if k in fields)
    if changes_meaning and _has_answers(id_of(question), session):
        now = utcnow()
        question.active, question.retired_at = False, now
        session.add(question)
        session.flush()  # the old row stops being active before the new one is
        values = {k: getattr(question, k) for k in ("key", "text", "short", "scale", "indicator", "sort_order")}
        values.update(fields)
        new = SurveyQuestion(**values, version=_latest_version(question.key, session) + 1, active=True, created_at=now)
        session.add(new)
        session.flush()
        return new
    for key, value in fields.items():
        setattr(question, key, value)
    session.add(question)
    session.flush()
    return question


def add_question(fields: dict, *, session: Session) -> SurveyQuestion:
    if _active_count(session) >= MAX_ACTIVE:
        raise Refused("error.too_many")
    taken = set(session.execute(select(col(SurveyQuestion.key)).distinct()).scalars())
    n = len(taken) + 1
    while f"q{n}" in taken:
        n += 1
    question = SurveyQuestion(key=f"q{n}", version=1, active=True, **fields)
    session.add(question)
    session.flush()
    return question


def retire_question(question: SurveyQuestion, *, session: Session) -> None:
    if not question.active:
        raise Refused("error.q_not_latest")
    if _active_count(session) <= MIN_ACTIVE:
        raise Refused("error.too_few")
    question.active, question.retired_at = False, utcnow()
    session.add(question)


def reactivate_question(question: SurveyQuestion, *, session: Session) -> None:
    """Bring a retired question back: only the newest version of its key, and only if no version of
    it is active (an older wording replaced by a newer one stays retired)."""
    if question.active or question.version != _latest_version(question.key, session):
        raise Refused("error.q_not_latest")
    if _active_count(session) >= MAX_ACTIVE:
        raise Refused("error.too_many")
    question.active, question.retired_at = True, None
    session.add(question)


def can_reactivate(question: SurveyQuestion, *, session: Session) -> bool:
    return not question.active and question.version == _latest_version(question.key, session)
