"""One call that writes a period's ITA evidence: export_period(engine, settings, period, out_dir).

Used by `flask ita export`, the admin download page and the export benchmark. The figures are
read in one read-only session; the raw rows stream from the database into the workbook.
"""
from __future__ import annotations

import multiprocessing
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlmodel import Session

from bot.ita.report import Report, build_report
from bot.ita.workbook import RawPart, write_raw, write_workbook
from bot.ita.xlsx_writer import MAX_ROWS
from models.db import read_scope, utcnow
from models.periods import Period
from models.stats_survey import ScoreMap

FORMATS = ("xlsx", "pdf")


def score_map(settings) -> ScoreMap:
    return ScoreMap(four=settings.ita_four_points, stars=settings.ita_star_points)


def file_name(period: Period, fmt: str) -> str:
    """ita-2569-fy.xlsx, ita-2569-q2.pdf, ita-2569-01.xlsx."""
    return f"ita-{period.slug}.{fmt}"


def export_period(engine: Engine, settings, period: Period, out_dir: Path, *,
                  formats: tuple[str, ...] = FORMATS, progress: Callable[[str, float], None] | None = None,
                  rows_per_sheet: int = MAX_ROWS - 1, pdf_beside: bool = False) -> list[Path]:
    """Write ita-<period>.xlsx and/or .pdf into out_dir; returns the paths written.
    `progress(step, seconds)` is called after each step (figures, xlsx, pdf).

    `pdf_beside`: draw the PDF in a forked process while this one writes the workbook (both need only
    the figures; the PDF takes 3-10 s whatever the size), so a second core shortens the export; that
    process starts with the export and loads its libraries while the figures are computed. Only for a single-threaded caller (`flask ita export`): forking a
    web process with other threads running could copy a lock some thread holds."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    started = time.perf_counter()

    def done(step: str) -> None:
        if progress is not None:
            progress(step, time.perf_counter() - started)

    xlsx = out_dir / file_name(period, "xlsx")
    raw_job = _start_raw(engine, period, _part(xlsx), rows_per_sheet) if pdf_beside and "xlsx" in formats else None
    pdf_job = _start_pdf(out_dir / file_name(period, "pdf")) if pdf_beside and "pdf" in formats else None
    with read_scope(engine) as session:
        _tune(session)
        report = build_report(period, session=session, municipality=settings.municipality_name,
                              scores=score_map(settings), now=utcnow())
        done("figures")
        if pdf_job is not None:
            try:
                pdf_job[1].send(report)
            except BrokenPipeError:  # the PDF process failed already (its error went to stderr): drawn here below
                pass
            pdf_job[1].close()
        if "xlsx" in formats:
            raw = _finish_raw(raw_job, xlsx)
            _atomic(xlsx, lambda tmp: write_workbook(report, tmp, session=session, rows_per_sheet=rows_per_sheet,
                                                     raw=raw))
            written.append(xlsx)
            done("xlsx")
    if "pdf" in formats:
        path = out_dir / file_name(period, "pdf")
        if pdf_job is not None:
            pdf_job[0].join()
        if pdf_job is None or pdf_job[0].exitcode != 0:  # drawn here (again): its error, if any, is raised here
            _atomic(path, lambda tmp: write_pdf(report, tmp))
        written.append(path)
        done("pdf")
    return written


def write_pdf(report: Report, path: Path) -> None:
    # Imported when a PDF is drawn: WeasyPrint's wrapper, the templates and the charts (a quarter of a
    # second) load in the PDF's own process while this one computes the figures.
    from bot.ita import pdf

    pdf.write_pdf(report, path)


def warm_up() -> None:
    from bot.ita import pdf

    pdf.warm_up()


def _start_pdf(path: Path) -> tuple[Any, Any]:
    """The PDF's process, forked as the export starts: it loads WeasyPrint and the fonts (pdf.warm_up)
    while the figures are computed, then draws the report it is sent. It leaves by os._exit, never
    touching the database connection it inherited. Returns the process and the pipe end to send on."""
    receive, send = multiprocessing.get_context("fork").Pipe(duplex=False)

    def run() -> None:
        send.close()  # this copy of the parent's end: a parent that gives up closes the pipe (EOFError here)
        warm_up()
        report = receive.recv()
        _atomic(path, lambda tmp: write_pdf(report, tmp))

    job = multiprocessing.get_context("fork").Process(target=run, name="ita-pdf", daemon=True)
    job.start()
    receive.close()
    return job, send


def _start_raw(engine: Engine, period: Period, tmp: Path, rows_per_sheet: int) -> tuple[Any, Any]:
    """The raw rows' sheets (a million rows: most of the workbook's time) written by a forked process
    into the workbook's temporary file while this one computes the figures. The child reads in a
    transaction of its own, begun as the export starts (the figures' statements see the data of
    their own moment on PostgreSQL's read committed anyway). Returns the process and a pipe end."""
    receive, send = multiprocessing.get_context("fork").Pipe(duplex=False)

    def run() -> None:
        engine.dispose(close=False)  # the parent's pooled connections stay the parent's
        with read_scope(engine) as session:
            _tune(session)
            send.send(write_raw(period, tmp, session=session, rows_per_sheet=rows_per_sheet))

    job = multiprocessing.get_context("fork").Process(target=run, name="ita-raw", daemon=True)
    job.start()
    send.close()
    return job, receive


def _finish_raw(started: tuple[Any, Any] | None, path: Path) -> RawPart | None:
    """The raw part the child wrote, or None (then write_workbook writes it here: also after a failure)."""
    if started is None:
        return None
    job, receive = started
    try:
        part = receive.recv()
    except EOFError:  # the child failed; its error went to stderr
        part = None
    job.join()
    if part is None or job.exitcode != 0:
        _part(path).unlink(missing_ok=True)
        return None
    return part


def build(engine: Engine, settings, period: Period) -> Report:
    """The figures alone (the admin page shows them before a download)."""
    with read_scope(engine) as session:
        _tune(session)
        return build_report(period, session=session, municipality=settings.municipality_name,
                            scores=score_map(settings), now=utcnow())


def _tune(session: Session) -> None:
    """PostgreSQL: room for the report's few big GROUP BYs and medians to hash and sort in memory
    (the default 4 MB spills a fiscal year's sort to disk), for this transaction only."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SET LOCAL work_mem = '64MB'"))


def _part(path: Path) -> Path:
    return path.with_name(f".{path.name}.part")


def _atomic(path: Path, write: Callable[[Path], object]) -> None:
    """Write beside the target and rename: a reader never sees half a file, a failure leaves none."""
    tmp = _part(path)
    try:
        write(tmp)
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
