"""Routes of the admin view; each page's logic lives in its own module, the queries in models/."""
from __future__ import annotations

from flask import render_template

from bot.admin import (  # noqa: F401  (the queue, case page and photos)  # noqa: F401  (integrity, audit, accounts, catalog)  # noqa: F401  (inquiries, FAQ, suggestions, surveys)
    accounts,
    audit_views,
    auth,
    bp,
    case_actions,
    cases,
    catalog,
    corruption,
    faq,
    inquiries,
    line_link,
    media_views,
    reply_templates,
    suggestions,
    survey_services,
    surveys,
)
from bot.admin import dashboard as _dashboard  # noqa: F401  (the page at /admin/, endpoint admin.dashboard)
from bot.admin import privacy as _privacy  # noqa: F401  (citizens' personal-data deletion requests)
from messages_th.admin import t
from messages_th.dates import thai_date
from messages_th.ita import tx
from models.date_bounds import FIRST_DAY, LAST_DAY, DateOutOfRange
from models.periods import PeriodError

bp.add_url_rule("/login", "login", auth.login_view, methods=["GET", "POST"])
bp.add_url_rule("/logout", "logout", auth.logout_view, methods=["POST"])


@bp.app_errorhandler(403)
def _forbidden(_exc):
    return render_template("admin/error.html", title=t("error.403.title"), body=t("error.403.body")), 403


@bp.app_errorhandler(404)
def _not_found(_exc):
    return render_template("admin/error.html", title=t("error.404.title"), body=t("error.404.body")), 404


@bp.errorhandler(DateOutOfRange)
def _date_out_of_range(_exc):
    # A date filter naming year 1 or 9999 (models/date_bounds.py): a clear 400, never an overflow's 500.
    body = t("error.date_range.body", first=thai_date(FIRST_DAY), last=thai_date(LAST_DAY))
    return render_template("admin/error.html", title=t("error.date_range.title"), body=body), 400


@bp.errorhandler(PeriodError)
def _bad_period(exc: PeriodError):
    # An ITA period from the address or a form: the same Thai message as on the command line.
    return render_template("admin/error.html", title=t("error.period.title"), body=tx(exc.key, **exc.values)), 400
