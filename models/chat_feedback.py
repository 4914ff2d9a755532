"""What the LINE chat writes and reads for surveys, inquiries and suggestions (the admin side has its
own query modules). Functions take the session as a keyword argument and never commit."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from models.complaint import Case, case_by_ticket
from models.db import Raw, Sql, id_of, utcnow
from models.enums import CaseStatus
from models.inquiry import Inquiry, InquiryStatus
from models.suggestion import Suggestion
from models.survey import SCALE_MAX, SurveyAnswer, SurveyQuestion, SurveyResponse, SurveyService

COMMENT_WINDOW = timedelta(hours=2)  # a comment belongs to a survey filled in this recently


# --- surveys ---------------------------------------------------------------------------------------

def active_services(*, session: Session) -> list[SurveyService]:
    stmt = select(SurveyService).where(col(SurveyService.active).is_(True)).order_by(
        col(SurveyService.sort_order), col(SurveyService.id))
    return list(session.exec(stmt))


def current_questions(*, session: Session) -> list[SurveyQuestion]:
    """The current version of every active question (`active` marks the current version)."""
    stmt = select(SurveyQuestion).where(col(SurveyQuestion.active).is_(True)).order_by(
        col(SurveyQuestion.sort_order), col(SurveyQuestion.id))
    return list(session.exec(stmt))


def has_response(case_id: int, *, session: Session) -> bool:
    stmt = select(col(SurveyResponse.id)).where(SurveyResponse.case_id == case_id)
    return session.exec(stmt).first() is not None


def case_survey_state(ticket: str, user_id: str | None, *, session: Session) -> tuple[str, Case | None]:
    """("ok" | "rated" | "open" | "not_found", the case): only its reporter rates a resolved case, once."""
    case = case_by_ticket(ticket.strip().upper(), session=session)
    if case is None or not user_id or case.reporter_line_id != user_id:
        return "not_found", None
    if case.status != CaseStatus.RESOLVED:
        return "open", case
    if has_response(id_of(case), session=session):
        return "rated", case
    return "ok", case


def save_response(service_id: int | None, ticket: str, answers: Iterable[tuple[int, int]],
                  user_id: str | None, *, session: Session) -> dict:
    """One response with one answer per question shown. {"response_id": id} or {"refused": why}."""
    case_id = None
    if ticket:
        state, case = case_survey_state(ticket, user_id, session=session)
        if state != "ok" or case is None:
            return {"refused": "rated" if state == "rated" else "not_allowed"}
        case_id = case.id
    if service_id is not None and session.get(SurveyService, service_id) is None:
        service_id = None  # removed meanwhile: the answers still count
    response = SurveyResponse(service_id=service_id, case_id=case_id, line_user_id=user_id, created_at=utcnow())
    try:
        with session.begin_nested():  # a second response for one case loses the race on the unique key
            session.add(response)
            session.flush()
    except IntegrityError:
        return {"refused": "rated"}
    seen: set[int] = set()
    for question_id, value in answers:
        question = session.get(SurveyQuestion, question_id)
        # Each answer is kept against the very version shown, on that version's own scale.
        if question is None or question_id in seen or not 1 <= value <= SCALE_MAX.get(question.scale, 4):
            continue
        seen.add(question_id)
        session.add(SurveyAnswer(response_id=id_of(response), question_id=question_id, value=value))
    session.flush()
    return {"response_id": response.id}


def add_comment(user_id: str | None, comment: str, *, session: Session, now: datetime | None = None) -> bool:
    """The comment goes to this citizen's latest survey of the last COMMENT_WINDOW that has none yet."""
    if not user_id or not comment.strip():
        return False
    now = now or utcnow()
    stmt = (select(SurveyResponse).where(SurveyResponse.line_user_id == user_id,
                                         col(SurveyResponse.commented_at).is_(None),
                                         col(SurveyResponse.created_at) >= now - COMMENT_WINDOW)
            .order_by(col(SurveyResponse.created_at).desc(), col(SurveyResponse.id).desc()).limit(1))
    response = session.exec(stmt).first()
    if response is None:
        return False
    response.comment, response.commented_at = comment.strip(), now
    session.add(response)
    return True


# --- inquiries -------------------------------------------------------------------------------------

def add_inquiry(question: str, user_id: str | None, faq_id: int | None, score: float | None,
                asked_at: datetime, *, session: Session | Raw) -> int:
    """Every question is kept: answered from the FAQ at once ("faq"), or waiting for staff ("pending").
    One statement in the caller's transaction, an ORM session's or the event worker's own (Raw): every
    typed question is recorded, and the ORM's unit of work for this one row cost more than the rest of
    its handling; the worker records it without opening a session at all (bot/runtime/apply.py)."""
    raw = Raw.on(session.connection()) if isinstance(session, Session) else session
    params = {"uid": user_id, "question": question.strip(), "asked": asked_at, "fid": faq_id, "score": score,
              "now": utcnow()}
    return int(raw.run(_INSERT_INQUIRY, params).fetchone()[0])


# The FAQ entry offered is joined, so that one removed meanwhile leaves faq_id NULL: staff answer it
# instead (pending, no score, not answered). The other columns hold what the ORM row's defaults would
# (models/inquiry.py). The score is cast: PostgreSQL would type a NULL one in a CASE as text.
_INSERT_INQUIRY = Sql(f"""INSERT INTO inquiry (line_user_id, question, status, faq_id, score, helpful, answer,
        asked_at, answered_at, answered_by, channel)
    SELECT %(uid)s, %(question)s,
        CASE WHEN f.id IS NULL THEN '{InquiryStatus.PENDING}' ELSE '{InquiryStatus.FAQ}' END, f.id,
        CASE WHEN f.id IS NULL THEN NULL ELSE CAST(%(score)s AS DOUBLE PRECISION) END, NULL, '',
        %(asked)s, CASE WHEN f.id IS NULL THEN NULL ELSE %(now)s END, NULL, 'line'
    FROM (SELECT 1 AS one) AS one LEFT JOIN faq AS f ON f.id = %(fid)s
    RETURNING id""")


def inquiry_feedback(inquiry_id: int, user_id: str | None, helpful: bool, *, session: Session) -> dict | None:
    """The citizen's word on an FAQ answer; "did not help" passes the same inquiry to staff.
    {"status": after, "changed": whether this tap changed it}; None when it is not theirs."""
    inquiry = session.get(Inquiry, inquiry_id)
    if inquiry is None or not user_id or inquiry.line_user_id != user_id:
        return None
    changed = inquiry.status == InquiryStatus.FAQ and (not helpful or inquiry.helpful is None)
    if changed:
        inquiry.helpful = helpful
        if not helpful:  # not answered after all: staff answer it, and their answer time counts
            inquiry.status, inquiry.answered_at = InquiryStatus.PENDING, None
        session.add(inquiry)
    return {"status": inquiry.status, "changed": changed}


# --- suggestions -----------------------------------------------------------------------------------

def own_suggestion(ticket: str, user_id: str | None, *, session: Session) -> Suggestion | None:
    """A suggestion by its ticket, for its author only (suggestions are not public like complaints)."""
    if not user_id:
        return None
    stmt = select(Suggestion).where(Suggestion.ticket == ticket.strip().upper(), Suggestion.line_user_id == user_id)
    return session.exec(stmt).first()
