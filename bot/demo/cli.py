"""`flask demo seed`: fill a database with synthetic data for demos, screenshots and benchmarks."""
from __future__ import annotations

import sys
import time
from datetime import date, datetime, timedelta

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from bot.demo.clock import BANGKOK


def register_demo_cli(app: Flask) -> None:
    demo = AppGroup("demo", help="Synthetic demo data (never in production).")

    @demo.command("seed")
    @click.option("--cases", default=1500, show_default=True, type=click.IntRange(1, 20_000_000),
                  help="Complaints; followers, inquiries, surveys, suggestions and corruption reports in proportion.")
    @click.option("--months", default=14, show_default=True, type=click.IntRange(1, 120),
                  help="Calendar months of data, ending with the month of --until.")
    @click.option("--until", "until_day", type=click.DateTime(["%Y-%m-%d"]), default=None,
                  help="Last day of the data (Gregorian, YYYY-MM-DD; default today, the data ends now).")
    @click.option("--seed", default=2569, show_default=True, help="Random seed: the same seed and window give the same data.")
    @click.option("--reset", is_flag=True, help="Delete the existing complaints, reports, surveys, inquiries, "
                  "suggestions, followers and the demo's chat events first (categories, survey questions, FAQ "
                  "and staff are kept). Without it, the few rows of someone who tried the chat are kept and "
                  "the demo is added beside them.")
    @click.option("--no-index", is_flag=True, help="Skip the search index of the complaints (a benchmark that "
                  "does not search saves time; staff search finds nothing until it is built).")
    @click.option("--password", default=None, help="Password of new demo staff accounts (default: a random one each).")
    def seed(cases: int, months: int, until_day: datetime | None, seed: int, reset: bool, no_index: bool,
             password: str | None) -> None:
        """Realistic synthetic data for a municipality: complaints with their histories, surveys,
        inquiries, suggestions, corruption reports, followers and demo staff accounts."""
        from bot.demo.seed import NotEmpty, Options, seed_demo
        from models import import_all_tables

        import_all_tables()  # the command app loads no blueprints: the bulk writer reads every table's columns

        settings = current_app.extensions["settings"]
        if settings.is_production:
            raise click.ClickException("refusing to write demo data in production (APP_ENV=production)")
        if password is not None and len(password) < 10:
            raise click.BadParameter("at least 10 characters", param_hint="--password")
        opts = Options(cases=cases, months=months, until=_until(until_day), seed=seed, reset=reset,
                       index=not no_index, password=password, ticket_prefix=settings.ticket_prefix,
                       corruption_prefix=settings.corruption_prefix, suggestion_prefix=f"{settings.ticket_prefix}S")
        started = time.perf_counter()
        try:
            result = seed_demo(current_app.extensions["db_engine"], opts, _Progress())
        except NotEmpty as exc:
            what = ("demo data from an earlier `flask demo seed`" if exc.demo
                    else "more data than a try of the chat, so it looks in real use")
            raise click.ClickException(f"the database already has {what} ({exc}); nothing was changed. "
                                       "Add --reset to delete it first (staff, categories and FAQ are kept), "
                                       "or point DATABASE_URL at another database.") from None
        except RuntimeError as exc:
            raise click.ClickException(str(exc)) from None
        if result.kept:
            click.echo("kept what was already there, unchanged, beside the demo: "
                       + ", ".join(f"{n:,} {t}" for t, n in result.kept.items()))
        click.echo(f"demo data for months {result.periods[0]}-{result.periods[1]} (Buddhist era YYMM), "
                   f"seed {seed}, {time.perf_counter() - started:.1f} s:")
        click.echo(f"  {'table':20} {'rows':>12} {'writing':>9}")
        for table, n in result.counts.items():
            click.echo(f"  {table:20} {n:>12,} {result.writing.get(table, 0.0):>8.1f}s")
        click.echo("  " + ", ".join(f"{stage} {s:.1f} s" for stage, s in result.seconds.items()))
        click.echo("demo staff accounts (log in at /admin/):")
        for username, roles, secret in result.staff:
            click.echo(f"  {username:16} {roles:10} {secret or '(account existed: password unchanged)'}")

    app.cli.add_command(demo)


def _until(day: datetime | None) -> float | None:
    """The end of that day in Bangkok as epoch seconds, or None for now; never in the future."""
    if day is None:
        return None
    if day.date() > date.today() + timedelta(days=1):
        raise click.BadParameter("must not be in the future", param_hint="--until")
    end = datetime(day.year, day.month, day.day, tzinfo=BANGKOK) + timedelta(days=1)
    return min(end.timestamp(), time.time())


class _Progress:
    """One line per stage, redrawn in place on a terminal; a line per tenth elsewhere (logs, CI)."""

    def __init__(self) -> None:
        self.tty = sys.stderr.isatty()
        self.started = time.perf_counter()
        self.shown: dict[str, int] = {}

    def __call__(self, stage: str, done: int, total: int) -> None:
        tenth = done * 10 // max(1, total)
        if not self.tty and self.shown.get(stage) == tenth:
            return
        self.shown[stage] = tenth
        line = f"{stage:12} {done:>12,} / {total:,}  ({time.perf_counter() - self.started:.0f} s)"
        end = "\n" if (done >= total or not self.tty) else ""
        click.echo(("\r" if self.tty else "") + line, err=True, nl=False)
        click.echo(end, err=True, nl=False)
