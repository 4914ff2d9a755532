"""The media store (models/media_store.py): both kinds keep, return and forget a photo alike; the
database kind keeps corruption evidence in its own table and changes content inside the caller's
transaction; no key reaches outside the media area; `flask media import-files` moves old files in."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from models.db import session_scope
from models.enums import MediaStatus
from models.media import Media
from models.media_store import DatabaseStore, EvidenceBlob, FileStore, MediaBlob, resolve_kind, safe_key
from tests.media_files import JPEG


@pytest.fixture(params=["files", "database"])
def store(request, engine, tmp_path):
    return FileStore(tmp_path / "media") if request.param == "files" else DatabaseStore(engine)


def test_put_get_delete(store) -> None:
    assert store.get("cases/2026/12/a.jpg") is None
    store.put("cases/2026/12/a.jpg", JPEG, "image/jpeg")
    store.put("confidential/2026/12/a.jpg", b"evidence", "image/jpeg")  # same name, another area
    assert store.get("cases/2026/12/a.jpg") == JPEG
    assert store.get("confidential/2026/12/a.jpg") == b"evidence"
    store.delete("cases/2026/12/a.jpg")
    store.delete("cases/2026/12/a.jpg")  # gone already: nothing to do
    assert store.get("cases/2026/12/a.jpg") is None and store.get("confidential/2026/12/a.jpg") == b"evidence"


@pytest.mark.parametrize("key", ["../secret.jpg", "/etc/passwd", "cases/../../x", "", "cases//a.jpg",
                                 "cases\\a.jpg", "cases/./a.jpg", "a\x00b"])
def test_no_key_leaves_the_media_area(store, key) -> None:
    assert safe_key(key) is None and store.get(key) is None
    with pytest.raises(ValueError):
        store.put(key, JPEG, "image/jpeg")
    store.delete(key)  # refused quietly


def test_evidence_is_kept_in_its_own_table(engine) -> None:
    db = DatabaseStore(engine)
    db.put("confidential/2026/12/e.jpg", b"e", "image/jpeg")
    db.put("cases/2026/12/c.jpg", JPEG, "image/jpeg")
    db.put("suggestions/2026/12/s.png", b"s", "image/png")
    with session_scope(engine) as s:
        assert s.execute(select(EvidenceBlob.path)).scalars().all() == ["confidential/2026/12/e.jpg"]
        rows = s.execute(select(MediaBlob.path, MediaBlob.size, MediaBlob.content_type)
                         .order_by(MediaBlob.path)).all()
    assert [tuple(r) for r in rows] == [("cases/2026/12/c.jpg", len(JPEG), "image/jpeg"),
                                        ("suggestions/2026/12/s.png", 1, "image/png")]


def test_database_changes_follow_the_callers_transaction(engine) -> None:
    db = DatabaseStore(engine)
    db.put("cases/kept.jpg", JPEG, "image/jpeg")
    with pytest.raises(RuntimeError), session_scope(engine) as s:
        db.delete("cases/kept.jpg", session=s)
        db.put("cases/never.jpg", JPEG, "image/jpeg", session=s)
        raise RuntimeError("the erasure failed half way")
    assert db.get("cases/kept.jpg") == JPEG and db.get("cases/never.jpg") is None
    with session_scope(engine) as s:
        db.delete("cases/kept.jpg", session=s)
    assert db.get("cases/kept.jpg") is None


def test_the_store_is_chosen_from_the_database_url() -> None:
    assert resolve_kind("auto", "postgresql+psycopg://u@h/db") == "database"
    assert resolve_kind("auto", "sqlite:///x.db") == "files"
    assert resolve_kind("files", "postgresql+psycopg://u@h/db") == "files"
    assert resolve_kind("database", "sqlite:///x.db") == "database"
    with pytest.raises(ValueError):
        resolve_kind("s3", "sqlite:///x.db")


def test_import_files_moves_photos_from_the_folder_into_the_database(app, engine, settings, services) -> None:
    settings.media_store = "database"  # read once, on first use of services.media
    folder = FileStore(settings.media_path)
    folder.put("cases/2025/01/old.jpg", JPEG, "image/jpeg")
    folder.put("confidential/2025/01/ev.jpg", b"evidence", "image/jpeg")
    with session_scope(engine) as s:
        for n, (path, purpose) in enumerate([("cases/2025/01/old.jpg", "complaint"),
                                             ("confidential/2025/01/ev.jpg", "corruption"),
                                             ("cases/2025/01/lost.jpg", "complaint")]):
            s.add(Media(purpose=purpose, chat_key="user:U1", line_message_id=f"imp-{n}", path=path,
                        status=MediaStatus.STORED, content_type="image/jpeg"))
        s.add(Media(purpose="complaint", chat_key="user:U1", line_message_id="imp-pending"))  # nothing yet
    runner = app.test_cli_runner()
    first = runner.invoke(args=["media", "import-files"])
    assert first.exit_code == 0 and "imported=2 already=0 missing=1" in first.output, first.output
    assert "cases/2025/01/lost.jpg" in first.output
    assert services.media.get("cases/2025/01/old.jpg") == JPEG
    assert services.media.get("confidential/2025/01/ev.jpg") == b"evidence"
    with session_scope(engine) as s:
        assert s.execute(select(func.count()).select_from(EvidenceBlob)).scalar_one() == 1
    again = runner.invoke(args=["media", "import-files"])
    assert "imported=0 already=2 missing=1" in again.output, again.output


def test_import_files_refuses_when_the_store_is_the_folder(app, settings) -> None:
    settings.media_store = "files"
    result = app.test_cli_runner().invoke(args=["media", "import-files"])
    assert result.exit_code != 0 and "nothing to import" in result.output
