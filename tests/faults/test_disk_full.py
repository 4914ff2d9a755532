"""The photo disk full (ENOSPC at the file-write call): the complaint is still filed, the photo waits
and staff see that it does, nothing crashes, no half-written file is left, and the photo is stored
once there is space again, however long that took."""
from __future__ import annotations

import errno
import io
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

from sqlalchemy import select, update

from models.complaint import Case
from models.db import session_scope, utcnow
from models.enums import MediaStatus
from models.media import Media
from tests.admin.conftest import login, make_staff
from tests.citizen import Citizen, text_of

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 64 + b"\xff\xd9"
USER = "U" + "f" * 32


class _FullDisk(io.FileIO):
    """A file on a disk with a few bytes left: the first write fits partly, then ENOSPC."""

    room = 1000

    def write(self, data) -> int:
        left = self.room - self.tell()
        if len(data) > left:
            super().write(bytes(data)[:max(left, 0)])
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), self.name)
        return super().write(data)


@contextmanager
def disk_full(root: Path, monkeypatch) -> Iterator[list[str]]:
    """Files opened for writing under `root` hit a full disk (io.open is what pathlib calls)."""
    real_open, hits = io.open, []

    def open_(file, mode="r", *args, **kwargs):
        if any(m in mode for m in "wax") and Path(file).resolve().is_relative_to(root.resolve()):
            hits.append(str(file))
            return _FullDisk(file, mode.replace("b", ""))
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(io, "open", open_)
    yield hits
    monkeypatch.setattr(io, "open", real_open)


def make_due(engine) -> None:
    with session_scope(engine) as s:
        s.exec(update(Media).values(not_before=utcnow() - timedelta(seconds=1)))


def test_full_photo_disk_keeps_the_case_and_retries_the_photo(client, worker, fake_line, engine, settings,
                                                              monkeypatch):
    # The folder store (the SQLite default; MEDIA_STORE=files on PostgreSQL) is the one a disk fills
    # under; the database store's full disk is the database's (tests/faults/test_db_down.py).
    monkeypatch.setattr(settings, "media_store", "files")
    root = settings.media_path
    root.mkdir(parents=True, exist_ok=True)
    c = Citizen(client, worker, fake_line, user_id=USER)
    with disk_full(root, monkeypatch) as hits:
        c.say("ถนนหน้าวัดเป็นหลุมลึก รถล้มบ่อย")
        c.postback("cx:catok")
        c.photo(JPEG)
        for step in ("cx:next", "cx:next", "cx:anon"):
            c.postback(step)
        answer = text_of(c.postback("cx:ok"))
        assert hits, "the photo was never written, so the full disk was never met"
        with session_scope(engine) as s:
            [case] = s.exec(select(Case)).scalars().all()
            [photo] = s.exec(select(Media)).scalars().all()
        assert case.ticket in answer  # the citizen has a ticket although the photo is not stored
        assert photo.case_id == case.id and photo.status == MediaStatus.PENDING
        assert "No space left on device" in (photo.error or "")
        assert [p for p in root.rglob("*") if p.is_file()] == []  # the partial file was removed

        # The disk stays full for longer than any count of quick retries: keep the photo waiting.
        for _ in range(12):
            make_due(engine)
            worker.drain()  # never raises
        with session_scope(engine) as s:
            photo = s.get(Media, photo.id)
        assert photo.status == MediaStatus.PENDING and photo.attempts >= 12

        make_staff(engine, "disk-admin", "admin")
        login(client, "disk-admin")
        page = client.get(f"/admin/cases/{case.ticket}").get_data(as_text=True)
        assert "มีรูปอีก 1 รูปกำลังดาวน์โหลดจากไลน์" in page  # staff see a photo is still coming

    make_due(engine)  # space again
    worker.drain()
    with session_scope(engine) as s:
        photo = s.get(Media, photo.id)
    assert photo.status == MediaStatus.STORED and (root / photo.path).read_bytes() == JPEG
    served = client.get(f"/admin/media/{photo.id}")
    assert served.status_code == 200 and served.data == JPEG
