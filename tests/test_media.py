"""Photos: fetched from LINE's data API by the worker, stored on disk, never lost to a passing fault."""
from __future__ import annotations

import hashlib
from datetime import timedelta
from pathlib import Path

from sqlalchemy import update

from bot.runtime.media_fetch import MediaFetcher
from models.db import session_scope, utcnow
from models.enums import MediaStatus
from models.media import Media
from models.media_store import FileStore
from tests.media_files import JPEG, add_media, get


def make_due(engine) -> None:
    with session_scope(engine) as s:
        s.exec(update(Media).values(not_before=utcnow() - timedelta(seconds=1)))


def test_photo_is_fetched_and_stored(services, engine, fake_line):
    fake_line.store.put_content("1001", JPEG, "image/jpeg")
    mid = add_media(engine, "1001")
    assert MediaFetcher(services).fetch_due() == 1
    m = get(engine, mid)
    assert m.status == MediaStatus.STORED and m.content_type == "image/jpeg"
    assert services.media.get(m.path) == JPEG and m.sha256 == hashlib.sha256(JPEG).hexdigest()
    assert m.path.startswith("cases/")
    assert any("/v2/bot/message/1001/content" in c["path"] for c in fake_line.store.calls)


def test_corruption_evidence_is_kept_apart(services, engine, fake_line):
    fake_line.store.put_content("2002", JPEG, "image/jpeg")
    mid = add_media(engine, "2002", purpose="corruption")
    MediaFetcher(services).fetch_due()
    assert get(engine, mid).path.startswith("confidential/")


def test_line_outage_is_retried(services, engine, fake_line):
    fake_line.store.put_content("3003", JPEG, "image/jpeg")
    fake_line.store.fail_next("/v2/bot/message/3003/content", status=500, times=1)
    mid = add_media(engine, "3003")
    fetcher = MediaFetcher(services)
    fetcher.fetch_due()
    assert get(engine, mid).status == MediaStatus.PENDING
    make_due(engine)
    fetcher.fetch_due()
    assert get(engine, mid).status == MediaStatus.STORED


def test_content_gone_from_line_is_marked_failed(services, engine, fake_line):
    mid = add_media(engine, "4004")  # never put into the fake: LINE answers 404
    MediaFetcher(services).fetch_due()
    m = get(engine, mid)
    assert m.status == MediaStatus.FAILED and "404" in (m.error or "")


def test_not_an_image_is_refused(services, engine, fake_line):
    fake_line.store.put_content("5005", b"MZ\x90\x00 not a photo", "application/octet-stream")
    mid = add_media(engine, "5005")
    MediaFetcher(services).fetch_due()
    assert get(engine, mid).status == MediaStatus.FAILED


def test_full_disk_keeps_the_photo_pending(services, engine, fake_line, tmp_path: Path):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the media folder should be")
    services.media = FileStore(blocker)  # the folder store: the one a local disk can fill under
    fake_line.store.put_content("6006", JPEG, "image/jpeg")
    mid = add_media(engine, "6006")
    MediaFetcher(services).fetch_due()
    m = get(engine, mid)
    assert m.status == MediaStatus.PENDING and "disk" in (m.error or "")
    services.media = FileStore(tmp_path / "media")  # space again
    make_due(engine)
    MediaFetcher(services).fetch_due()
    assert get(engine, mid).status == MediaStatus.STORED
