"""The inquiry rollup (models/inquiry_month.py) equals the full computation over the inquiries after new
inquiries, the citizen's verdict on an FAQ answer, staff answering or closing, an FAQ offered, a changed
time, deletions, inquiries around Bangkok month boundaries; and the ITA counts read from it equal the
ones counted from the inquiries."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, select

from models import inquiry_month
from models.db import read_scope, session_scope
from models.inquiry import Faq, Inquiry, InquiryStatus
from models.inquiry_month import InquiryMonthRow
from models.periods import FISCAL_YEAR, MONTH, QUARTER, parse
from models.stats_channel import inquiry_counts, inquiry_counts_from_rows

BOUNDARY = datetime(2025, 10, 31, 17, 0, tzinfo=UTC)  # 1 November 2568 00:00 in Bangkok
PERIODS = [parse(FISCAL_YEAR, "2569"), parse(FISCAL_YEAR, "2568"), parse(MONTH, "2568-10"), parse(MONTH, "2568-11"),
           parse(QUARTER, "2569-Q1")]
STATUSES = [InquiryStatus.FAQ, InquiryStatus.PENDING, InquiryStatus.ANSWERED, InquiryStatus.CLOSED]


def _rows(conn) -> list[tuple]:
    return sorted(tuple(r) for r in conn.execute(select(*InquiryMonthRow.__table__.c)).all())


def _assert_equal(engine) -> None:
    with engine.connect() as conn:  # the table as the triggers left it, then counted again from scratch
        kept = _rows(conn)
        inquiry_month.rebuild(conn)
        assert _rows(conn) == kept
        conn.rollback()
    with read_scope(engine) as s:
        for period in PERIODS:
            assert inquiry_counts(period, session=s) == inquiry_counts_from_rows(period, session=s), period


_moment = st.builds(lambda d, us: BOUNDARY + timedelta(days=d, microseconds=us),
                    st.integers(-45, 45), st.integers(0, 86_400_000_000 - 1))
_inquiry = st.tuples(_moment, st.sampled_from(STATUSES), st.sampled_from([None, True, False]), st.booleans())
_change = st.tuples(st.integers(0, 30), st.sampled_from(["status", "helpful", "faq", "moved", "delete"]),
                    st.sampled_from(STATUSES), st.sampled_from([None, True, False]), st.integers(-40, 40))


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(inquiries=st.lists(_inquiry, min_size=1, max_size=25), changes=st.lists(_change, max_size=10))
def test_rollup_equals_the_inquiries(engine, inquiries, changes) -> None:
    with session_scope(engine) as s:
        s.execute(delete(Inquiry))
        s.execute(delete(Faq))
        faq = Faq(question="ภาษีที่ดินจ่ายที่ไหน", answer="ที่กองคลัง")
        s.add(faq)
        s.flush()
        made = [Inquiry(question="x", asked_at=at, status=status, helpful=helpful, faq_id=faq.id if offered else None)
                for at, status, helpful, offered in inquiries]
        s.add_all(made)
        s.flush()
        ids, faq_id = [i.id for i in made], faq.id
    _assert_equal(engine)
    with session_scope(engine) as s:
        for pick, kind, status, helpful, days in changes:
            inquiry = s.get(Inquiry, ids[pick % len(ids)])
            if inquiry is None:
                continue
            if kind == "delete":
                s.delete(inquiry)
            elif kind == "status":
                inquiry.status = status
            elif kind == "helpful":
                inquiry.helpful = helpful
            elif kind == "faq":
                inquiry.faq_id = None if inquiry.faq_id else faq_id
            else:
                inquiry.asked_at = inquiry.asked_at + timedelta(days=days)
            s.flush()
    _assert_equal(engine)
