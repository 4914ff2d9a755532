"""`flask privacy purge`: anonymise personal data kept longer than RETENTION_DAYS (run it daily, e.g. cron).

What a command needs is imported when it runs, so that `flask --help` starts at once (README, Performance)."""
from __future__ import annotations

from datetime import timedelta

import click
from flask import Flask, current_app
from flask.cli import AppGroup


def register_privacy_cli(app: Flask) -> None:
    privacy = AppGroup("privacy", help="Personal data (PDPA): retention.")

    @privacy.command("purge")
    @click.option("--days", type=int, default=None,
                  help="Keep personal data this many days after a case closed (default: RETENTION_DAYS).")
    @click.option("--dry-run", is_flag=True, help="Only count what would be anonymised; change nothing.")
    @click.option("--batch", type=click.IntRange(1, 100_000), default=1000, show_default=True,
                  help="Rows per transaction.")
    def purge_command(days: int | None, dry_run: bool, batch: int) -> None:
        """Anonymise cases, reports, inquiries, suggestions and surveys finished longer ago than the
        retention period; delete their photos; forget idle conversations and old chat messages.
        Counts, dates, categories, statuses and handling times are kept."""
        from models import audit
        from models.db import session_scope, utcnow
        from models.privacy_purge import COUNTS, purge

        settings = current_app.extensions["settings"]
        days = settings.retention_days if days is None else days
        if days < 1:
            raise click.BadParameter("must be at least 1", param_hint="--days")
        cutoff = utcnow() - timedelta(days=days)
        engine = current_app.extensions["db_engine"]
        counts = purge(engine, cutoff, media=current_app.extensions["services"].media, key=settings.secret_key.encode(),
                       batch=batch, dry_run=dry_run)
        summary = " ".join(f"{name}={counts.get(name, 0)}" for name in COUNTS)
        if not dry_run:
            # One row per run: what was anonymised and with which period, for the record staff read.
            with session_scope(engine) as s:
                audit.record("privacy_purge", session=s, username="system", target_kind="privacy",
                             detail=f"days={days} {summary}")
        head = "would anonymise (dry run, nothing changed)" if dry_run else "anonymised"
        click.echo(f"{head}: data closed before {cutoff:%Y-%m-%d} ({days} days)")
        for name in COUNTS:
            click.echo(f"  {name}: {counts.get(name, 0)}")
        if not dry_run:
            click.echo(f"  in {counts.get('batches', 0)} transactions")

    app.cli.add_command(privacy)
