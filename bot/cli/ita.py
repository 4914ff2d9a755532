"""`flask ita export`: a period's ITA evidence as ita-<period>.xlsx and ita-<period>.pdf.

    flask ita export --fiscal-year 2569 --out evidence/
    flask ita export --month 2569-01          # มกราคม 2569
    flask ita export --quarter 2569-Q2        # ม.ค.–มี.ค. 2569 (ไตรมาส 2 ของปีงบประมาณ 2569)
    flask ita export --half 2569-H1           # ต.ค. 2568 – มี.ค. 2569

Years are Buddhist-era; quarters and halves count from October, the start of the fiscal year.
Prints each step with its time and the paths written.
"""
from __future__ import annotations

from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from messages_th.ita import error_text, period_label, tx
from models.periods import FISCAL_YEAR, HALF, MONTH, QUARTER, Period, PeriodError, parse

OPTIONS = (("month", MONTH), ("quarter", QUARTER), ("half", HALF), ("fiscal_year", FISCAL_YEAR))


def chosen_period(values: dict[str, str | None]) -> Period:
    """The one period given on the command line; click.BadParameter (in Thai) otherwise."""
    given = [(kind, values[name]) for name, kind in OPTIONS if values.get(name)]
    if not given:
        raise click.UsageError(tx("error.none"))
    if len(given) > 1:
        raise click.UsageError(tx("error.many"))
    kind, value = given[0]
    try:
        return parse(kind, value or "")
    except PeriodError as exc:
        option = "--" + next(name for name, k in OPTIONS if k == kind).replace("_", "-")
        raise click.BadParameter(error_text(exc), param_hint=option) from exc


def register_ita_cli(app: Flask) -> None:
    ita = AppGroup("ita", help="ITA evidence (indicators 5-8): XLSX and PDF for a period.")

    @ita.command("export")
    @click.option("--month", help="A month, Buddhist-era year: 2569-01 = January 2026.")
    @click.option("--quarter", help="A fiscal-year quarter: 2569-Q1 = Oct-Dec 2568 ... 2569-Q4 = Jul-Sep 2569.")
    @click.option("--half", help="A fiscal-year half: 2569-H1 = Oct 2568 - Mar 2569, 2569-H2 = Apr-Sep 2569.")
    @click.option("--fiscal-year", help="A fiscal year: 2569 = 1 Oct 2025 - 30 Sep 2026.")
    @click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path), default=Path("."),
                  show_default="the current folder", help="Folder to write the files into.")
    @click.option("--format", "formats", multiple=True, type=click.Choice(["xlsx", "pdf"]),
                  help="Only this file type (repeatable); both when not given.")
    def export(month: str | None, quarter: str | None, half: str | None, fiscal_year: str | None, out: Path,
               formats: tuple[str, ...]) -> None:
        """Write ita-<period>.xlsx and ita-<period>.pdf (e.g. ita-2569-fy.xlsx)."""
        from bot.ita.export import FORMATS, export_period

        period = chosen_period({"month": month, "quarter": quarter, "half": half, "fiscal_year": fiscal_year})
        click.echo(tx("cli.start", period=period_label(period)))
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise click.ClickException(tx("error.out", path=out, reason=exc.strerror or exc)) from exc

        def progress(step: str, seconds: float) -> None:
            click.echo(tx("cli.step", step=tx(f"step.{step}"), seconds=seconds))

        import time

        started = time.perf_counter()
        paths = export_period(current_app.extensions["db_engine"], current_app.extensions["settings"], period, out,
                              formats=formats or FORMATS, progress=progress, pdf_beside=True)
        for path in paths:
            click.echo(tx("cli.wrote", path=path.resolve()))
        click.echo(tx("cli.done", seconds=time.perf_counter() - started))

    app.cli.add_command(ita)
