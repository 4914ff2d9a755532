"""The ITA evidence page (/admin/ita): choose a period, see its key figures and score estimate,
download the workbook or the PDF, made on the spot by the same code as `flask ita export`.

Roles: admin, executive and integrity. The files are municipality-wide evidence meant to be
published (an officer sees one division only, so not them); they hold counts of corruption
reports but never a report itself, which the ITA asks every municipality to publish anyway.
Every download is logged.
"""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from flask import abort, current_app, render_template, request, send_file

from bot.admin import bp
from bot.admin.auth import log_action, roles_required
from bot.admin.permissions import roles
from bot.ita.export import build, export_period, file_name
from bot.ita.sheets import cell_text, key_rows, previous_label, score_note
from messages_th import ita as text
from models import periods
from models.db import session_scope, utcnow
from models.stats_survey import INDICATORS

ROLES = roles("ita")
YEARS_SHOWN = 3  # fiscal years offered in the period list
MIMETYPES = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "pdf": "application/pdf"}


def choices(now) -> list[tuple[str, list[tuple[str, str]]]]:
    """(group label, [(value, label)]) for the period list: recent fiscal years, halves, quarters
    and months, newest first, nothing that has not begun."""
    current = periods.fiscal_year_of(now)
    groups: dict[str, list[tuple[str, str]]] = {k: [] for k in periods.KINDS}
    for fy in range(current, current - YEARS_SHOWN, -1):
        found = [periods.fiscal_year(fy), *[periods.half(fy, n) for n in (2, 1)],
                 *[periods.quarter(fy, n) for n in (4, 3, 2, 1)],
                 *[periods.month(*periods.shift_month(fy - 1, 10, i)) for i in range(11, -1, -1)]]
        for p in found:
            if p.start <= now:
                groups[p.kind].append((f"{p.kind}:{p.code}", text.period_label(p)))
    order = (periods.FISCAL_YEAR, periods.HALF, periods.QUARTER, periods.MONTH)
    return [(text.tx(f"kind.{k}"), groups[k]) for k in order]


def _period(value: str | None, now) -> periods.Period:
    """'fy:2569', 'quarter:2569-Q2'... from the page; the current fiscal year when none is given."""
    if not value:
        return periods.containing(periods.FISCAL_YEAR, now)
    kind, _, code = value.partition(":")
    return periods.parse(kind, code)  # a PeriodError is the admin's Thai 400 page (bot/admin/views.py)


@bp.get("/ita")
@roles_required(*ROLES)
def ita():
    now = utcnow()
    period = _period(request.args.get("period"), now)
    engine, settings = current_app.extensions["db_engine"], current_app.extensions["settings"]
    report = build(engine, settings, period)
    return render_template(
        "admin/ita.html", title=text.tx("admin.title"), tx=text.tx, fmt=text, choices=choices(now),
        selected=f"{period.kind}:{period.code}", period=text.period_label(period),
        period_range=text.period_range(period.start, period.end), previous=previous_label(report),
        r=report, key_rows=list(zip(key_rows(report.key), key_rows(report.key_before))), indicators=INDICATORS,
        score_note=score_note(report), cell=cell_text)


@bp.post("/ita/download")
@roles_required(*ROLES)
def ita_download():
    """A form post (CSRF-checked): making the file is an action that is logged, not a page view."""
    fmt = request.form.get("format", "")
    if fmt not in MIMETYPES:
        abort(400)
    period = _period(request.form.get("period"), utcnow())
    engine, settings = current_app.extensions["db_engine"], current_app.extensions["settings"]
    folder = Path(tempfile.mkdtemp(prefix="ita-"))
    try:
        path, = export_period(engine, settings, period, folder, formats=(fmt,))
        with session_scope(engine) as s:
            log_action("export_ita", session=s, target_kind="ita", target_id=period.code, detail=fmt)
        response = send_file(path, mimetype=MIMETYPES[fmt], as_attachment=True,
                             download_name=file_name(period, fmt), max_age=0)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    response.headers["Cache-Control"] = "no-store"
    response.call_on_close(lambda: shutil.rmtree(folder, ignore_errors=True))  # after the file is sent
    return response
