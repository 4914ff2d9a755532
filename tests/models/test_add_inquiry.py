"""A citizen's question is recorded by one statement (models/chat_feedback.py add_inquiry): the row is
the one the ORM wrote before, in the caller's transaction, an ORM session's or the worker's plain one
(models/db.py raw_write)."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

import pytest
from sqlmodel import Session, select

from models.chat_feedback import add_inquiry
from models.db import Raw, raw_write, session_scope
from models.inquiry import Faq, Inquiry, InquiryStatus

ASKED = datetime(2026, 3, 1, 2, 30, tzinfo=UTC)
LEFT_OUT = {"id", "answered_at"}  # the new row's own id; answered_at is "now" (checked apart)


def orm_inquiry(question: str, user_id: str | None, faq_id: int | None, score: float | None,
                session: Session) -> Inquiry:
    """The row as the ORM wrote it before (the oracle)."""
    if faq_id is not None and session.exec(select(Faq.id).where(Faq.id == faq_id)).first() is None:
        faq_id = None
    row = Inquiry(line_user_id=user_id, question=question.strip(), asked_at=ASKED,
                  status=InquiryStatus.FAQ if faq_id else InquiryStatus.PENDING, faq_id=faq_id,
                  score=score if faq_id else None, answered_at=ASKED if faq_id else None)
    session.add(row)
    session.flush()
    return row


def columns(row: Inquiry) -> dict:
    return {k: v for k, v in row.model_dump().items() if k not in LEFT_OUT}


@contextmanager
def transaction(engine, through: str) -> Iterator[Session | Raw]:
    if through == "session":
        with session_scope(engine) as s:
            yield s
    else:
        with raw_write(engine) as raw:
            yield raw


THROUGH = pytest.mark.parametrize("through", ["session", "raw"])


@THROUGH
@pytest.mark.parametrize("case", ["faq", "removed_faq", "no_faq"])
def test_the_insert_writes_the_orm_row(engine, case: str, through: str) -> None:
    with session_scope(engine) as s:
        faq_id = s.exec(select(Faq.id)).first() if case == "faq" else (10_000 if case == "removed_faq" else None)
    assert case != "faq" or faq_id is not None
    before = datetime.now(UTC)
    with transaction(engine, through) as db:
        new_id = add_inquiry("  เทศบาลเปิดกี่โมงครับ \n", "U" + "a" * 32, faq_id, 0.91, ASKED, session=db)
    with session_scope(engine) as s:
        old_id = orm_inquiry("  เทศบาลเปิดกี่โมงครับ \n", "U" + "a" * 32, faq_id, 0.91, session=s).id
    with session_scope(engine) as s:
        new, old = s.get(Inquiry, new_id), s.get(Inquiry, old_id)
        assert new is not None and old is not None and new_id != old_id
        assert columns(new) == columns(old)
        assert new.status == (InquiryStatus.FAQ if case == "faq" else InquiryStatus.PENDING)
        if case == "faq":
            assert new.answered_at is not None and new.answered_at >= before
        else:
            assert new.answered_at is None and new.faq_id is None and new.score is None


@THROUGH
def test_the_question_goes_with_the_callers_transaction(engine, through: str) -> None:
    with pytest.raises(RuntimeError), transaction(engine, through) as db:
        add_inquiry("ขอเบอร์กองช่าง", "U" + "b" * 32, None, None, ASKED, session=db)
        raise RuntimeError("the event's handling failed after the effects")
    with session_scope(engine) as s:
        assert s.exec(select(Inquiry)).all() == []
