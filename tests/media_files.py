"""A small JPEG, a media row waiting to be fetched (add_media), a photo already stored in the media
store the service under test uses (stored_photo, store, put) and reading a row back (get), for the photo
tests."""
from __future__ import annotations

import itertools

from models.db import session_scope
from models.enums import MediaStatus
from models.media import Media
from models.media_store import MediaStore, open_store

JPEG = b"\xff\xd8\xff\xe0" + b"\x00\x10JFIF" + bytes(range(256)) * 20 + b"\xff\xd9"


def add_media(engine, message_id: str, purpose: str = "complaint") -> int:
    with session_scope(engine) as s:
        m = Media(purpose=purpose, chat_key="user:U1", line_message_id=message_id)
        s.add(m)
        s.flush()
        return m.id


def get(engine, media_id: int) -> Media:
    with session_scope(engine) as s:
        return s.get(Media, media_id)


def store(settings, engine) -> MediaStore:
    """The store the app built from these settings uses (the database on PostgreSQL, the folder on SQLite)."""
    return open_store(settings.media_store, db_url=settings.db_url, engine=engine, root=settings.media_path)


def put(settings, engine, rel: str, data: bytes = JPEG, content_type: str = "image/jpeg") -> None:
    store(settings, engine).put(rel, data, content_type)


def stored(settings, engine, rel: str) -> bool:
    return store(settings, engine).get(rel) is not None


_photos = itertools.count(1)


def stored_photo(engine, settings, *, purpose: str = "complaint", case: int | None = None,
                 report: int | None = None, folder: str | None = None) -> int:
    """A stored photo with its content in the media store, as the media worker leaves it: under
    confidential/ for corruption evidence, cases/ otherwise, or in the folder given (a misfiled one)."""
    n = next(_photos)
    rel = f"{folder or ('confidential' if purpose == 'corruption' else 'cases')}/2026/01/photo{n}.jpg"
    put(settings, engine, rel)
    with session_scope(engine) as s:
        m = Media(purpose=purpose, chat_key="user:U1", line_message_id=f"photo-{n}", report_id=report, case_id=case,
                  status=MediaStatus.STORED, path=rel, content_type="image/jpeg", size=len(JPEG))
        s.add(m)
        s.flush()
        return m.id
