"""Where the content of photos lives: one interface, chosen once from the settings.

- `DatabaseStore` (the default when DATABASE_URL is PostgreSQL): every web and worker process on every
  machine reaches the same rows, so a photo fetched by a worker on one machine is served by the admin
  view on another. One row per file, the bytes in a bytea column (PostgreSQL TOASTs them out of line;
  the migration sets STORAGE EXTERNAL because JPEG/PNG do not compress). Corruption evidence lives in
  its own table (`evidence_blob`) as it lived in its own folder: it can be granted and dumped apart.
- `FileStore` (the default for SQLite, the one-machine embedded setup): files under MEDIA_DIR, as before.

Keys are the relative paths `Media.path` already holds ("cases/2026/12/<uuid>.jpg",
"confidential/…", "suggestions/…"); the first part says which area a file belongs to.
Photos are at most MAX_IMAGE_BYTES (10 MB), so `get` returns the bytes rather than a stream.
"""
from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path
from typing import Protocol

from sqlalchemy import LargeBinary, delete, insert, select
from sqlalchemy.engine import Engine
from sqlmodel import Field, Session, SQLModel

from models.db import table_of, utcnow

log = logging.getLogger(__name__)

CONFIDENTIAL = "confidential"  # first part of the key of corruption evidence (bot/runtime/media_fetch.py)
KINDS = ("auto", "files", "database")


class BlobColumns(SQLModel):
    """The columns both blob tables have (a mixin, not a table; `sa_type`, not a shared Column, since
    one Column object cannot belong to two tables)."""

    path: str = Field(primary_key=True, max_length=300)
    content_type: str = Field(max_length=64)
    size: int
    data: bytes = Field(sa_type=LargeBinary, nullable=False)
    created_at: datetime = Field(default_factory=utcnow)


class MediaBlob(BlobColumns, table=True):
    """A photo of a complaint, a suggestion or a result, in the database."""

    __tablename__ = "media_blob"


class EvidenceBlob(BlobColumns, table=True):
    """Corruption evidence, apart from every other photo."""

    __tablename__ = "evidence_blob"


class MediaStore(Protocol):
    """`session`: do the change inside the caller's transaction (the database store) so that a row and
    its content are written or erased together; the file store ignores it."""

    kind: str

    def put(self, rel: str, data: bytes, content_type: str, *, session: Session | None = None) -> None: ...

    def get(self, rel: str) -> bytes | None: ...

    def delete(self, rel: str, *, session: Session | None = None) -> None: ...


def safe_key(rel: str | None) -> str | None:
    """A key is a relative path of plain parts; anything else (absolute, "..", empty) is no key at all,
    so a stored path can never reach outside the media area."""
    if not rel or "\\" in rel or "\x00" in rel:
        return None
    parts = rel.split("/")
    if any(p in ("", ".", "..") for p in parts) or len(rel) > 300:
        return None
    return rel


class FileStore:
    kind = "files"

    def __init__(self, root: Path):
        self.root = Path(root)

    def _path(self, rel: str | None) -> Path | None:
        key = safe_key(rel)
        if key is None:
            return None
        root = self.root.resolve()
        path = (root / key).resolve()
        return path if path.is_relative_to(root) and path != root else None

    def put(self, rel: str, data: bytes, content_type: str, *, session: Session | None = None) -> None:
        target = self._path(rel)
        if target is None:
            raise ValueError(f"not a media key: {rel!r}")
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(".part")
        try:
            tmp.write_bytes(data)
            tmp.replace(target)  # readers never see half a photo
        finally:
            tmp.unlink(missing_ok=True)

    def get(self, rel: str) -> bytes | None:
        path = self._path(rel)
        if path is None or not path.is_file():
            return None
        return path.read_bytes()

    def delete(self, rel: str, *, session: Session | None = None) -> None:
        path = self._path(rel)
        if path is None:
            log.warning("media key outside the media folder left alone: %s", rel)
            return
        path.unlink(missing_ok=True)


class DatabaseStore:
    kind = "database"

    def __init__(self, engine: Engine):
        self.engine = engine

    @staticmethod
    def _table(key: str):
        model = EvidenceBlob if key.split("/", 1)[0] == CONFIDENTIAL else MediaBlob
        return table_of(model)

    def put(self, rel: str, data: bytes, content_type: str, *, session: Session | None = None) -> None:
        key = safe_key(rel)
        if key is None:
            raise ValueError(f"not a media key: {rel!r}")
        table = self._table(key)
        # delete + insert rather than an upsert: the same on SQLite and PostgreSQL, and keys are unique
        # names, so a second put of one key only happens when `flask media import-files` is run again.
        stmts = (delete(table).where(table.c.path == key),
                 insert(table).values(path=key, content_type=content_type, size=len(data), data=data,
                                      created_at=utcnow()))
        if session is not None:
            for stmt in stmts:
                session.execute(stmt)
            return
        with self.engine.begin() as conn:
            for stmt in stmts:
                conn.execute(stmt)

    def get(self, rel: str) -> bytes | None:
        key = safe_key(rel)
        if key is None:
            return None
        table = self._table(key)
        with self.engine.connect() as conn:
            data = conn.execute(select(table.c.data).where(table.c.path == key)).scalar()
        return bytes(data) if data is not None else None

    def has(self, rel: str) -> bool:
        key = safe_key(rel)
        if key is None:
            return False
        table = self._table(key)
        with self.engine.connect() as conn:
            return conn.execute(select(table.c.path).where(table.c.path == key)).first() is not None

    def delete(self, rel: str, *, session: Session | None = None) -> None:
        key = safe_key(rel)
        if key is None:
            return
        table = self._table(key)
        stmt = delete(table).where(table.c.path == key)
        if session is not None:
            session.execute(stmt)
            return
        with self.engine.begin() as conn:
            conn.execute(stmt)


def resolve_kind(kind: str, db_url: str) -> str:
    """"auto": the database when it is PostgreSQL (several machines may run the service), the folder
    when it is SQLite (one machine by nature)."""
    kind = (kind or "auto").strip().lower()
    if kind not in KINDS:
        raise ValueError(f"MEDIA_STORE must be one of {', '.join(KINDS)}, not {kind!r}")
    if kind == "auto":
        return "database" if db_url.startswith("postgresql") else "files"
    return kind


def open_store(kind: str, *, db_url: str, engine: Engine, root: Path) -> MediaStore:
    if resolve_kind(kind, db_url) == "database":
        return DatabaseStore(engine)
    return FileStore(root)
