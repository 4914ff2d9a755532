"""Citizens' personal-data deletion requests, for admins: the pending list, confirm (anonymise everything
of that LINE user) or reject with a reason; the citizen is told in LINE either way.

The page names what each person has in the system but never their corruption reports: those are for
integrity staff only, and an admin must not learn who reported corruption. The erasure covers them
all the same (models/privacy_erase.py)."""
from __future__ import annotations

from datetime import timedelta

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select
from sqlmodel import col

from bot.admin import bp
from bot.admin.auth import db_engine, log_action, roles_required
from bot.admin.news import tell_citizen
from bot.admin.permissions import roles
from handlers import postback as pb
from handlers import ui
from messages_th import admin_privacy as text
from messages_th import privacy as citizen
from messages_th import strings
from models import audit
from models.audit import AuditLog
from models.db import session_scope, utcnow
from models.privacy import ANSWER_DAYS, DeletionStatus, answer_by, decided_requests, lock_request, pending_requests
from models.privacy_erase import erase_person, has_open_records, holdings
from models.staff import Staff

ROLES = roles("privacy")
KIND = "privacy"  # the audit rows' target_kind
MIN_REASON, MAX_REASON = 5, 1000
VIEW_LOGGED_FOR = timedelta(minutes=30)  # one audit row per person and half hour, not per reload
SHOWN = ("complaints", "inquiries", "suggestions", "survey_responses", "conversations")  # no corruption count

bp.add_app_template_global(text.t, "t_privacy")



@bp.get("/privacy")
@roles_required(*ROLES)
def privacy():
    settings = current_app.extensions["settings"]
    with session_scope(db_engine()) as s:
        pending = [(r, holdings(r.line_user_id, session=s)) for r in pending_requests(session=s) if r.line_user_id]
        decided = decided_requests(session=s)
        names = {st.id: st.display_name or st.username for st in s.execute(
            select(Staff).where(col(Staff.id).in_({r.decided_by for r in decided if r.decided_by}))).scalars()}
        last_purge = s.execute(select(AuditLog).where(col(AuditLog.action) == "privacy_purge")
                               .order_by(col(AuditLog.id).desc()).limit(1)).scalars().first()
        # The list shows LINE names: a view of personal data, logged (once per half hour).
        if pending and not audit.seen_lately("view_privacy", session=s, staff_id=current_user.staff_id,
                                             target_kind=KIND, target_id="", within=VIEW_LOGGED_FOR):
            log_action("view_privacy", session=s, target_kind=KIND)
    return render_template(
        "admin/privacy.html", title=text.t("title"), pending=pending, decided=decided, names=names,
        last_purge=last_purge, now=utcnow(), answer_by=answer_by, answer_days=ANSWER_DAYS,
        retention_days=settings.retention_days, period=citizen.period(settings.retention_days),
        counts_text=text.counts_text, min_reason=MIN_REASON, max_reason=MAX_REASON, statuses=DeletionStatus)


@bp.post("/privacy")
@roles_required(*ROLES)
def privacy_decide():
    decision, wanted = request.form.get("decision", ""), request.form.get("request_id", "")
    if decision not in ("confirm", "reject") or not wanted.isdigit() or len(wanted) > 9:
        abort(400)
    reason = " ".join(request.form.get("reason", "").split())[:MAX_REASON]
    if decision == "reject" and len(reason) < MIN_REASON:
        flash(text.t("error.reason", min=MIN_REASON), "error")
        return redirect(url_for("admin.privacy"))
    settings = current_app.extensions["settings"]
    with session_scope(db_engine()) as s:
        req = lock_request(int(wanted), session=s)
        if req is None or req.status != DeletionStatus.PENDING or not req.line_user_id:
            flash(text.t("error.not_pending"), "error")
            return redirect(url_for("admin.privacy"))
        line_id, now = req.line_user_id, utcnow()
        req.decided_at, req.decided_by = now, current_user.staff_id
        if decision == "reject":
            tell_citizen(s, line_id, purpose="privacy", messages=[_push(citizen.t(
                "rejected", reason=reason, office=strings.office(settings.municipality_name, settings.office_phone)))])
            req.status, req.reason = DeletionStatus.REJECTED, reason
            log_action("privacy_reject", session=s, target_kind=KIND, target_id=str(req.id), detail=reason)
        else:
            # The confirmation is queued while the LINE id is still known; the erasure leaves unsent
            # messages alone, so it still goes out.
            body = citizen.t("done") + ("\n" + citizen.t("done.open") if has_open_records(line_id, session=s) else "")
            tell_citizen(s, line_id, purpose="privacy", messages=[_push(body)])
            counts = erase_person(line_id, session=s, media=current_app.extensions["services"].media,
                                  key=settings.secret_key.encode(), actor=current_user.username,
                                  staff_id=current_user.staff_id, open_note=text.t("open_note"))
            summary = " ".join(f"{k}={counts.get(k, 0)}" for k in SHOWN)
            req.status, req.summary, req.line_user_id = DeletionStatus.DONE, summary, None
            log_action("privacy_erase", session=s, target_kind=KIND, target_id=str(req.id), detail=summary)
        s.add(req)
        done_id = req.id
    flash(text.t("flash.rejected" if decision == "reject" else "flash.done", id=done_id), "info")
    return redirect(url_for("admin.privacy"))


def _push(body: str) -> dict:
    return ui.text(body, [ui.postback(strings.t("qr.main_menu"), pb.menu("main"))])
