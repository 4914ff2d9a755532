"""The dashboard at /admin/: counts, timeliness, charts and the oldest open cases, for every role.

An officer sees only the cases of their own division; the other roles see every public complaint.
Corruption-report counts (numbers only) are shown to the `integrity` role alone. All numbers come
from models/stats.py, the same aggregations as the ITA export.
"""
from __future__ import annotations

from datetime import timedelta

from flask import abort, current_app, render_template, request
from flask_login import current_user

from bot.admin import auth, bp
from bot.admin import ita as _ita  # noqa: F401  (the ITA evidence page, /admin/ita, is loaded with its dashboard)
from bot.admin.cases import push_quota
from bot.admin.charts import Bar, bar_chart, column_chart
from bot.admin.permissions import may, roles
from handlers import nlu_model
from messages_th import admin_dashboard as text
from messages_th import staff_alerts as push_text
from messages_th.case_result import t as result_t
from messages_th.dates import MONTHS_SHORT, status_label
from models import periods, stats, stats_reopen, stats_survey
from models.complaint import Division
from models.db import read_scope, utcnow
from models.enums import OPEN_STATUSES
from models.push_counts import KINDS, month_pushes

FISCAL_YEARS_SHOWN = 5  # the choice of past fiscal years in the period form


def division_scope(user) -> int | None:
    """None: every division. An officer with no other role sees only their own division."""
    if may(user, "dashboard.every_division"):
        return None
    if user.division_id is None:
        abort(403)  # an officer without a division would otherwise see everything
    return user.division_id


def _fiscal_year(current: int) -> int:
    """?fy=2568 picks a past fiscal year; anything else (or nothing) is the current one."""
    wanted = request.args.get("fy", type=int)
    return wanted if wanted is not None and current - FISCAL_YEARS_SHOWN < wanted <= current else current


def _month_figures(label: str, start, end, s, scope: int | None) -> dict:
    return {"label": label,
            "received": sum(stats.count_by_status(start, end, session=s, division_id=scope).values()),
            "on_time": stats.answered_on_time(start, end, session=s, division_id=scope),
            "median": stats.median_handling_days(start, end, session=s, division_id=scope)}


def _month_so_far(now, s, scope: int | None) -> tuple[dict, dict]:
    """This month up to now against the same days of last month (1-7 December against 1-7 November,
    not against all of November), each labelled with its days."""
    this = stats.bangkok_month_of(now)
    last = stats.shift_month(*this, -1)
    this_start, _ = stats.month_bounds(*this)
    last_start, last_end = stats.month_bounds(*last)
    last_until = min(last_start + (now - this_start), last_end)
    this_day = (now.astimezone(periods.BANGKOK)).day
    last_day = (last_until - timedelta(microseconds=1)).astimezone(periods.BANGKOK).day
    return (_month_figures(text.month_days(*this, this_day), this_start, now, s, scope),
            _month_figures(text.month_days(*last, last_day), last_start, last_until, s, scope))


def _figures(s, scope: int | None, fy: int, now) -> dict:
    start, end = stats.fiscal_year_bounds(fy)
    by_status = stats.count_by_status(start, end, session=s, division_id=scope)
    by_category = stats.count_by_category(start, end, session=s, division_id=scope)
    this_month = stats.bangkok_month_of(now)
    so_far, last_so_far = _month_so_far(now, s, scope)
    months = stats.received_per_month(*stats.months_bounds(*stats.shift_month(*this_month, -11), 12),
                                      session=s, division_id=scope)
    return {
        "period": text.period_text(fy, start, end),
        "by_status": [(status_label(code), n) for code, n in by_status.items()],
        "total": sum(by_status.values()),
        "open": sum(by_status.get(code.value, 0) for code in OPEN_STATUSES),
        "by_category": by_category,
        "by_division": stats.count_by_division(start, end, session=s, division_id=scope),
        "on_time": stats.answered_on_time(start, end, session=s, division_id=scope),
        "median": stats.median_handling_days(start, end, session=s, division_id=scope),
        "reopened": stats_reopen.reopened(start, end, session=s, division_id=scope),
        "this_month": so_far,
        "last_month": last_so_far,
        "months": [(text.month_short(y, m), n) for y, m, n in months],
        "oldest": stats.oldest_open(session=s, division_id=scope),
    } | _charts(months, by_category)


def _charts(months: list[tuple[int, int, int]], by_category: list[stats.Count]) -> dict:
    """The two SVG charts; each bar's <title> says its label and number in words."""
    month_bars = [Bar(MONTHS_SHORT[m - 1], n, sublabel=str(y),
                      tooltip=text.tx("chart.bar", label=text.month_short(y, m), value=n)) for y, m, n in months]
    names = [c.name or text.tx("no_category") for c in by_category]
    category_bars = [Bar(name, c.count, tooltip=text.tx("chart.bar", label=name, value=c.count))
                     for name, c in zip(names, by_category)]
    return {"month_chart": column_chart("chart-months", text.tx("chart.months.title"), month_bars),
            "category_chart": bar_chart("chart-categories", text.tx("chart.categories.title"), category_bars)
            if category_bars else None}


def _scores(s, fy: int) -> list[dict]:
    """The ITA score estimate of indicators 6-8 for the fiscal year, against the year before."""
    from bot.ita.export import score_map

    points = score_map(current_app.extensions["settings"])
    now = stats_survey.score_estimate(periods.fiscal_year(fy), points, session=s)
    before = stats_survey.score_estimate(periods.fiscal_year(fy - 1), points, session=s)
    return [{"indicator": n, "answers": now[n].answers, "score": now[n].score, "before": before[n].score}
            for n in stats_survey.INDICATORS]


@bp.get("/")
@auth.roles_required(*roles("dashboard"))
def dashboard():
    scope = division_scope(current_user)
    now = utcnow()
    current_fy = stats.fiscal_year_of(now)
    fy = _fiscal_year(current_fy)
    with read_scope(current_app.extensions["db_engine"]) as s:
        figures = _figures(s, scope, fy, now)
        division = s.get(Division, scope) if scope is not None else None
        if may(current_user, "dashboard.corruption"):
            figures["corruption"] = stats.corruption_counts(*stats.fiscal_year_bounds(fy), session=s)
        if scope is None:  # the survey is the municipality's, not a division's
            figures["scores"] = _scores(s, fy)
        pushes = month_pushes(now, session=s) if may(current_user, "dashboard.pushes") else None
    return render_template(
        "admin/dashboard.html", title=text.tx("title"), user=current_user, f=figures, tx=text.tx, fmt=text, rt=result_t,
        scope_text=text.tx("scope.division", division=division.name) if division else text.tx("scope.all"),
        fy=fy, fiscal_years=range(current_fy, current_fy - FISCAL_YEARS_SHOWN, -1), now=now,
        status_label=status_label, nlu_version=nlu_model.current().version,
        pushes=pushes, quota=push_quota() if pushes is not None else None, pt=push_text.tx, push_kinds=KINDS,
        push_threshold=current_app.extensions["settings"].alerts_digest_only_below)
