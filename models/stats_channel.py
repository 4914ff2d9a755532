"""The two-way channel (ITA indicator 7): followers, conversations and inquiries, month by month.

Followers: the follower table keeps each LINE user's latest follow and unfollow, so a month's
"new friends" are the users whose latest follow falls in it, and the count of friends is the one
of today (the table has no history to rebuild an earlier day's count). Conversations come from the
stored webhook events: the people who sent a message in the month, and how many messages, read from
their monthly rollup (models/chat_month.py; `chat_activity_from_events` is the full computation it
must equal).
Inquiries: asked, answered at once from the FAQ, answered by staff, and the staff answer time.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import and_, case, distinct, func, select
from sqlmodel import Session, col

from models import participant_year
from models.chat_month import ChatMonth
from models.conversation import Follower
from models.events import InboundEvent
from models.inquiry import Inquiry, InquiryStatus
from models.inquiry_month import InquiryMonthRow
from models.periods import Period
from models.stats_sql import dialect_of, key_of, median, month_of, per_month, seconds_between


@dataclass(frozen=True)
class ChannelMonth:
    new_followers: int = 0
    unfollowed: int = 0
    people: int = 0  # people who sent at least one message
    messages: int = 0


@dataclass(frozen=True)
class InquiryMonth:
    asked: int = 0
    faq: int = 0  # answered at once from the FAQ (and not said to be unhelpful)
    answered: int = 0  # answered by staff
    waiting: int = 0  # still waiting for staff
    closed: int = 0  # closed by staff without an answer
    not_helpful: int = 0  # the citizen said the FAQ answer did not help
    helpful: int = 0  # the citizen said it helped


@dataclass
class ChannelSummary:
    followers_now: int = 0
    months: list[ChannelMonth] = field(default_factory=list)
    people: int = 0  # distinct over the whole period
    inquiries: list[InquiryMonth] = field(default_factory=list)
    inquiry_total: InquiryMonth = field(default_factory=InquiryMonth)
    answer_hours: float | None = None  # median staff answer time, hours
    answer_hours_months: list[float | None] = field(default_factory=list)
    faq_offered: int = 0  # inquiries that were offered an FAQ answer


def _monthly(session: Session, column, period: Period, *where) -> dict[str, int]:
    key = month_of(column, period, dialect_of(session))
    stmt = select(key, func.count()).where(column >= period.start, column < period.end, *where).group_by(key)
    return dict(session.execute(stmt).all())


def channel_summary(period: Period, *, session: Session) -> ChannelSummary:
    follows = _monthly(session, col(Follower.followed_at), period)
    unfollows = _monthly(session, col(Follower.unfollowed_at), period)
    chats, people = chat_activity(period, session=session)
    months = [ChannelMonth(f, u, *c) for f, u, c in zip(per_month(period.months, follows, int),
                                                        per_month(period.months, unfollows, int),
                                                        per_month(period.months, chats, lambda: (0, 0)))]
    summary = ChannelSummary(
        followers_now=session.execute(select(func.count()).where(col(Follower.following).is_(True))).scalar_one(),
        months=months, people=people)
    _inquiries(summary, period, session)
    return summary


def chat_activity(period: Period, *, session: Session) -> tuple[dict[str, tuple[int, int]], int]:
    """({month key: (people who sent a message, messages)}, people over the whole period), from the
    monthly rollup (at most people x months rows, however many events) and the people from the
    yearly one (models/participant_year.py)."""
    in_period = col(ChatMonth.month).in_([key_of(y, m) for y, m in period.months])
    chats = {k: (people, int(n)) for k, people, n in session.execute(
        select(col(ChatMonth.month), func.count(), func.sum(col(ChatMonth.messages))).where(in_period)
        .group_by(col(ChatMonth.month)))}
    people = participant_year.people(period, ["chat"], session=session)
    if people is None:  # a period across two fiscal years
        return chats, session.execute(select(func.count(distinct(col(ChatMonth.chat_key)))).where(in_period)).scalar_one()
    return chats, people["chat"]


def chat_activity_from_events(period: Period, *, session: Session) -> tuple[dict[str, tuple[int, int]], int]:
    """The same figures counted from every stored message event: what the rollup must equal."""
    key = month_of(col(InboundEvent.received_at), period, dialect_of(session))
    in_period = [col(InboundEvent.received_at) >= period.start, col(InboundEvent.received_at) < period.end,
                 col(InboundEvent.event_type) == "message"]
    chats = {k: (people, n) for k, people, n in session.execute(
        select(key, func.count(distinct(col(InboundEvent.chat_key))), func.count()).where(*in_period).group_by(key))}
    people = session.execute(select(func.count(distinct(col(InboundEvent.chat_key)))).where(*in_period)).scalar_one()
    return chats, people


def inquiry_counts(period: Period, *, session: Session) -> dict[str, tuple[InquiryMonth, int]]:
    """{month key: (the month's inquiry counts, how many were offered an FAQ answer)}, from the monthly
    rollup (models/inquiry_month.py): at most months x statuses x 6 rows, however many inquiries."""
    r = InquiryMonthRow
    found: dict[str, list[int]] = {}
    for month, status, helpful, offered, n in session.execute(
            select(col(r.month), col(r.status), col(r.helpful), col(r.offered), col(r.inquiries))
            .where(col(r.month).in_([key_of(y, m) for y, m in period.months]))):
        c = found.setdefault(month, [0] * 8)
        wanted = (True, status == InquiryStatus.FAQ and helpful != 0, status == InquiryStatus.ANSWERED,
                  status == InquiryStatus.PENDING, status == InquiryStatus.CLOSED, helpful == 0, helpful == 1,
                  offered == 1)
        for i, counted in enumerate(wanted):
            c[i] += n if counted else 0
    return {k: (InquiryMonth(*c[:7]), c[7]) for k, c in found.items()}


def inquiry_counts_from_rows(period: Period, *, session: Session) -> dict[str, tuple[InquiryMonth, int]]:
    """inquiry_counts counted from the inquiries themselves (what the rollup must equal)."""
    key = month_of(col(Inquiry.asked_at), period, dialect_of(session))
    status = col(Inquiry.status)
    helpful_faq = and_(status == InquiryStatus.FAQ, col(Inquiry.helpful).is_not(False))
    stmt = (select(key, func.count(), func.count(case((helpful_faq, 1))),
                   func.count(case((status == InquiryStatus.ANSWERED, 1))),
                   func.count(case((status == InquiryStatus.PENDING, 1))),
                   func.count(case((status == InquiryStatus.CLOSED, 1))),
                   func.count(case((col(Inquiry.helpful).is_(False), 1))),
                   func.count(case((col(Inquiry.helpful).is_(True), 1))),
                   func.count(col(Inquiry.faq_id)))
            .where(col(Inquiry.asked_at) >= period.start, col(Inquiry.asked_at) < period.end).group_by(key))
    return {k: (InquiryMonth(*rest[:-1]), rest[-1]) for k, *rest in session.execute(stmt).all()}


def _inquiries(summary: ChannelSummary, period: Period, session: Session) -> None:
    dialect = dialect_of(session)
    key = month_of(col(Inquiry.asked_at), period, dialect)
    status = col(Inquiry.status)
    found = inquiry_counts(period, session=session)
    summary.inquiries = [m for m, _ in per_month(period.months, found, lambda: (InquiryMonth(), 0))]
    summary.faq_offered = sum(offered for _, offered in found.values())
    summary.inquiry_total = InquiryMonth(*(sum(getattr(m, f) for m in summary.inquiries)
                                           for f in InquiryMonth.__dataclass_fields__))
    seconds = seconds_between(col(Inquiry.asked_at), col(Inquiry.answered_at), dialect)
    where = [col(Inquiry.asked_at) >= period.start, col(Inquiry.asked_at) < period.end,
             status == InquiryStatus.ANSWERED, col(Inquiry.answered_at).is_not(None)]
    # The months' medians and the period's in one pass (a year of inquiries is read once, not twice).
    found_hours = {k: v / 3600 for k, v in median(session, seconds, where, group=key, with_total=True).items()}
    summary.answer_hours = found_hours.pop(None, None)
    summary.answer_hours_months = per_month(period.months, found_hours, lambda: None)
