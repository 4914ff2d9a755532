"""Routes of the admin view; each page's logic lives in its own module, the queries in models/."""
from __future__ import annotations

from flask import render_template
from flask_login import current_user

from bot.admin import auth, bp
from messages_th.admin import t

bp.add_url_rule("/login", "login", auth.login_view, methods=["GET", "POST"])
bp.add_url_rule("/logout", "logout", auth.logout_view, methods=["POST"])


@bp.get("/")
@auth.roles_required("admin", "officer", "executive", "integrity")
def dashboard():  # noqa: ANN201
    return render_template("admin/dashboard.html", title=t("dashboard.title"), user=current_user)


@bp.app_errorhandler(403)
def _forbidden(_exc):  # noqa: ANN001, ANN202
    return render_template("admin/error.html", title=t("error.403.title"), body=t("error.403.body")), 403


@bp.app_errorhandler(404)
def _not_found(_exc):  # noqa: ANN001, ANN202
    return render_template("admin/error.html", title=t("error.404.title"), body=t("error.404.body")), 404
