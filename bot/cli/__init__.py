"""Flask commands: `flask db upgrade`, `flask worker`, and the groups of the modules beside this one.

Every command imports what it needs when it runs (the database layer, the Thai tokenizer, PDF and
spreadsheet writers, line-bot-sdk): `flask --help` and `flask GROUP --help` import none of them
(tests/test_startup.py, bench/startup.py)."""
from __future__ import annotations

import logging
import signal
import threading
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup

log = logging.getLogger(__name__)
ROOT = Path(__file__).resolve().parents[2]


def upgrade_database(url: str) -> None:
    """Alembic to the newest revision, then the default categories and divisions if there are none."""
    from alembic import command
    from alembic.config import Config

    cfg = Config(str(ROOT / "alembic.ini"))
    cfg.set_main_option("script_location", str(ROOT / "migrations"))
    cfg.attributes["url"] = url
    cfg.attributes["configure_logger"] = False
    command.upgrade(cfg, "head")


def register_cli(app: Flask) -> None:
    db = AppGroup("db", help="Database schema and default data.")

    @db.command("upgrade")
    def db_upgrade() -> None:
        """Migrate the database to the newest schema and add the default categories."""
        from models.db import session_scope
        from models.seed import seed_defaults

        settings = current_app.extensions["settings"]
        upgrade_database(settings.db_url)
        with session_scope(current_app.extensions["db_engine"]) as s:
            added = seed_defaults(session=s)
        click.echo(f"database is up to date ({'default categories added' if added else 'data kept'})")

    app.cli.add_command(db)
    from bot.cli.staff import register_staff_cli

    register_staff_cli(app)
    from bot.cli.nlu import register_nlu_cli
    from bot.cli.richmenu import register_richmenu_cli

    register_richmenu_cli(app)
    register_nlu_cli(app)
    from bot.cli.ita import register_ita_cli

    register_ita_cli(app)
    from bot.demo.cli import register_demo_cli

    register_demo_cli(app)
    from bot.cli.privacy import register_privacy_cli

    register_privacy_cli(app)
    from bot.cli.media import register_media_cli

    register_media_cli(app)

    @app.cli.command("worker")
    @click.option("--threads", default=0, help="Worker threads in this process [default: WORKER_PROCESS_THREADS].")
    def worker(threads: int) -> None:
        """Handle stored webhook events as an event-worker process of its own (a Procfile `worker:`
        line, more workers, other machines): the same process gunicorn runs beside its web processes."""
        from bot.runtime.event_workers import serve

        stop = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
        signal.signal(signal.SIGINT, lambda *_: stop.set())
        click.echo("event worker running; Ctrl+C to stop")
        serve(threads, alive=lambda: not stop.is_set())
