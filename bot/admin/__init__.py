"""The staff admin view at /admin: login, roles, and the pages built on them."""
from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, Flask, current_app, render_template, request, url_for
from flask_wtf.csrf import CSRFError
from werkzeug.datastructures import ImmutableMultiDict

from bot.admin import auth
from bot.admin.permissions import may
from messages_th.admin import date_picker_text, role_label, t, who_label
from messages_th.dates import thai_date, thai_datetime
from models.xml_text import xml_safe

bp = Blueprint("admin", __name__, url_prefix="/admin", template_folder="templates",
               static_folder="static", static_url_path="/static")
AS_TYPED = frozenset({"password"})  # compared, never shown or exported: kept exactly as typed


@bp.before_request
def _clean_form_text() -> None:
    """Every admin form's text without what XML cannot hold (models/xml_text.py), before any view reads
    it: staff paste from Word, whose line break is a vertical tab, and one such character in stored
    text made the ITA workbook unreadable. One place for all forms, present and future."""
    if request.method == "POST" and request.form:
        request.form = ImmutableMultiDict([(k, v if k in AS_TYPED else xml_safe(v))
                                           for k, v in request.form.items(multi=True)])


# The menu: (endpoint, text key, the permission that opens it: bot/admin/permissions.py). Pages appear
# once their endpoint exists.
NAV = (
    ("admin.cases", "nav.cases", "cases.read"),
    ("admin.inquiries", "nav.inquiries", "inquiries.read"),
    ("admin.faq_list", "nav.faq", "faq.read"),
    ("admin.suggestions", "nav.suggestions", "suggestions.read"),
    ("admin.surveys", "nav.surveys", "surveys"),
    ("admin.corruption_list", "nav.corruption", "corruption"),
    ("admin.ita", "nav.ita", "ita"),
    ("admin.audit", "nav.audit", "audit"),
    ("admin.staff_list", "nav.staff", "staff"),
    ("admin.privacy", "nav.privacy", "privacy"),
    ("admin.catalog", "nav.catalog", "catalog"),
    ("admin.templates", "nav.templates", "templates"),
)


# endpoint -> a function giving the number shown beside its menu item (e.g. inquiries waiting).
NAV_COUNTS: dict[str, Callable[[], int]] = {}


def admin_nav(user) -> list[dict[str, object]]:
    return [{"url": url_for(endpoint), "label": t(key), "count": NAV_COUNTS[endpoint]() if endpoint in NAV_COUNTS else 0}
            for endpoint, key, action in NAV if endpoint in current_app.view_functions and may(user, action)]


def register_admin(app: Flask) -> None:
    from bot.admin import views  # noqa: F401  (attaches the routes to bp)

    auth.init_login(app)
    app.register_blueprint(bp)
    app.jinja_env.globals.update(t=t, role_label=role_label, who_label=who_label, admin_nav=admin_nav,
                              date_picker_text=date_picker_text)
    app.jinja_env.filters.update(thai_date=thai_date, thai_datetime=thai_datetime)

    @app.errorhandler(CSRFError)
    def _csrf_error(_exc):
        return render_template("admin/error.html", title=t("error.csrf.title"), body=t("error.csrf.body")), 400
