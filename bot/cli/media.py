"""`flask media import-files`: copies photos kept under MEDIA_DIR into the database store, once, when a
PostgreSQL deployment that used to keep them on one machine's disk moves to MEDIA_STORE=auto/database.

Safe to run again (a photo already in the database is skipped) and while the service runs (new photos
go to the database already). The files are left where they are: delete them once the admin views show
the photos from another machine.
"""
from __future__ import annotations

from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup


def register_media_cli(app: Flask) -> None:
    media = AppGroup("media", help="Photo content: where it is kept.")

    @media.command("import-files")
    @click.option("--from", "source", type=click.Path(file_okay=False, path_type=Path), default=None,
                  help="The folder the photos are in [default: MEDIA_DIR].")
    def import_files(source: Path | None) -> None:
        """Copy every stored photo found in the folder into the database store."""
        from sqlmodel import col, select

        from models.db import read_scope
        from models.enums import MediaStatus
        from models.media import Media
        from models.media_store import DatabaseStore, FileStore

        services = current_app.extensions["services"]
        store = services.media
        if not isinstance(store, DatabaseStore):
            raise click.UsageError("the media store is the folder itself (MEDIA_STORE=files, or SQLite): nothing to import")
        files = FileStore(source or services.settings.media_path)
        with read_scope(services.engine) as s:
            rows = s.exec(select(col(Media.path), col(Media.content_type))
                          .where(col(Media.status) == MediaStatus.STORED, col(Media.path).is_not(None))
                          .order_by(col(Media.id))).all()
        counts = {"imported": 0, "already": 0, "missing": 0}
        for path, ctype in rows:
            if path is None:  # left out by the query already; the column itself may be empty
                continue
            if store.has(path):
                counts["already"] += 1
                continue
            data = files.get(path)
            if data is None:
                counts["missing"] += 1
                click.echo(f"not found in {files.root}: {path}", err=True)
                continue
            store.put(path, data, ctype or "application/octet-stream")  # one transaction per photo
            counts["imported"] += 1
        click.echo(" ".join(f"{k}={v}" for k, v in counts.items()))

    app.cli.add_command(media)
