"""A small JPEG, a media row waiting to be fetched (add_media), a photo already stored with its file
on disk (stored_photo) and reading a row back (get), for the photo tests."""
from __future__ import annotations

import itertools
from pathlib import Path

from models.db import session_scope
from models.enums import MediaStatus
from models.media import Media

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


_photos = itertools.count(1)


def stored_photo(engine, media_path: str | Path, *, purpose: str = "complaint", case: int | None = None,
                 report: int | None = None, folder: str | None = None) -> int:
    """A stored photo with its file on disk, as the media worker leaves it: under confidential/ for
    corruption evidence, cases/ otherwise, or in the folder given (a misfiled one)."""
    n = next(_photos)
    rel = f"{folder or ('confidential' if purpose == 'corruption' else 'cases')}/2026/01/photo{n}.jpg"
    target = Path(media_path) / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(JPEG)
    with session_scope(engine) as s:
        m = Media(purpose=purpose, chat_key="user:U1", line_message_id=f"photo-{n}", report_id=report, case_id=case,
                  status=MediaStatus.STORED, path=rel, content_type="image/jpeg", size=len(JPEG))
        s.add(m)
        s.flush()
        return m.id
