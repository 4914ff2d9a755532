"""Photos sent by citizens: recorded at once, their content fetched from LINE later by a worker."""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Column, Index, Text, or_, update
from sqlmodel import Field, Session, SQLModel, col, select

from models.db import utcnow
from models.enums import MediaStatus


class Media(SQLModel, table=True):
    """purpose "complaint" belongs to a case; "corruption" is evidence of a report (kept apart on disk);
    "suggestion" illustrates a suggestion."""

    __tablename__ = "media"
    __table_args__ = (Index("ix_media_due", "status", "not_before"), Index("ix_media_draft", "chat_key", "purpose"))

    id: int | None = Field(default=None, primary_key=True)
    purpose: str = Field(max_length=16)
    chat_key: str = Field(max_length=80)
    line_message_id: str = Field(max_length=64, unique=True)
    case_id: int | None = Field(default=None, foreign_key="complaint.id", index=True)
    report_id: int | None = Field(default=None, foreign_key="corruption_report.id", index=True)
    suggestion_id: int | None = Field(default=None, foreign_key="suggestion.id", index=True)
    status: str = Field(default=MediaStatus.PENDING, max_length=16)
    path: str | None = Field(default=None, max_length=300)  # relative to the media directory
    content_type: str | None = Field(default=None, max_length=64)
    size: int | None = None
    sha256: str | None = Field(default=None, max_length=64)
    attempts: int = 0
    not_before: datetime = Field(default_factory=utcnow)
    lease_until: datetime | None = None
    error: str | None = Field(default=None, sa_column=Column(Text))
    created_at: datetime = Field(default_factory=utcnow)


AFTER_AREA = "after"  # the media store's area of staff's after-photos (bot/runtime/after_photos.py)
# After-photos the citizen is shown with a resolution: LINE takes five messages per push and the news
# text is one of them (bot/runtime/case_news.py). The web form and the LINE staff flow both stop there.
AFTER_PHOTOS_PER_NEWS = 4


def preview_key(rel: str) -> str:
    """The media-store key of an after-photo's preview, beside the photo's own."""
    stem = rel.rsplit(".", 1)[0] if "." in rel.rsplit("/", 1)[-1] else rel
    return stem + "_preview.jpg"


def due_media_ids(*, session: Session, limit: int) -> list[int]:
    now = utcnow()
    stmt = (select(col(Media.id)).where(col(Media.status) == MediaStatus.PENDING, col(Media.not_before) <= now,
                                        or_(col(Media.lease_until).is_(None), col(Media.lease_until) < now))
            .order_by(col(Media.id)).limit(limit))
    return [i for i in session.exec(stmt) if i is not None]


def claim_media(media_id: int, lease: timedelta, *, session: Session) -> Media | None:
    now = utcnow()
    res = session.exec(update(Media).where(
        col(Media.id) == media_id, col(Media.status) == MediaStatus.PENDING,
        or_(col(Media.lease_until).is_(None), col(Media.lease_until) < now))
        .values(lease_until=now + lease, attempts=col(Media.attempts) + 1))
    if res.rowcount != 1:
        return None
    return session.get(Media, media_id, populate_existing=True)


def draft_media(chat_key: str, purpose: str, *, session: Session) -> list[Media]:
    """Photos of a draft not yet submitted."""
    stmt = select(Media).where(col(Media.chat_key) == chat_key, col(Media.purpose) == purpose,
                               col(Media.case_id).is_(None), col(Media.report_id).is_(None),
                               col(Media.suggestion_id).is_(None))
    return list(session.exec(stmt))
