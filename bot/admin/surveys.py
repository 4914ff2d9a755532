"""The satisfaction-survey setup at /admin/surveys, for admins only: the services citizens may rate
and the 3-5 questions every survey asks. Question versioning lives in models/survey_queries.py:
editing an answered question's wording or scale makes a new version, so old answers keep their words.
"""
from __future__ import annotations

from typing import Any

from flask import abort, current_app, flash, redirect, render_template, request, url_for

from bot.admin import bp
from bot.admin.auth import log_action, roles_required
from bot.admin.permissions import roles
from messages_th.admin_feedback import ft
from models import survey_queries as q
from models.db import read_scope, session_scope
from models.survey import SurveyQuestion

ROLES = roles("surveys")


def engine():
    return current_app.extensions["db_engine"]


def back_to_setup():
    return redirect(url_for("admin.surveys"))


def error_text(error: str) -> str:
    return ft(error, n=q.MAX_SHORT if error == "error.q_short" else q.MAX_TEXT)


def tell(error: str, done: str, **values: Any) -> None:
    """Flash the refusal (a key of messages_th.admin_feedback) or, if none, what was done."""
    flash(error_text(error) if error else ft(done, **values), "error" if error else "info")


@bp.get("/surveys")
@roles_required(*ROLES)
def surveys():
    with read_scope(engine()) as s:
        services = q.services(session=s)
        active, retired = q.active_questions(session=s), q.retired_questions(session=s)
        counts = q.answer_counts(session=s)
        revivable = {x.id for x in retired if q.can_reactivate(x, session=s)}
    return render_template("admin/surveys.html", title=ft("surv.title"), services=services, active=active,
                           retired=retired, counts=counts, revivable=revivable, scales=q.SCALES,
                           indicators=q.INDICATORS, max_text=q.MAX_TEXT, max_short=q.MAX_SHORT,
                           room=len(active) < q.MAX_ACTIVE)


# --- questions ---------------------------------------------------------------------------------

def _question_fields() -> tuple[dict[str, Any], str]:
    form = request.form
    fields: dict[str, Any] = {"text": form.get("text", "").strip(), "short": " ".join(form.get("short", "").split()),
              "scale": form.get("scale", ""), "indicator": form.get("indicator", type=int, default=0),
              "sort_order": form.get("sort_order", type=int, default=0) or 0}
    if not fields["text"] or len(fields["text"]) > q.MAX_TEXT:
        return fields, "error.q_text"
    if len(fields["short"]) > q.MAX_SHORT:
        return fields, "error.q_short"
    if fields["scale"] not in q.SCALES:
        return fields, "error.q_scale"
    if fields["indicator"] not in q.INDICATORS:
        return fields, "error.q_indicator"
    return fields, ""


@bp.post("/surveys/questions")
@roles_required(*ROLES)
def survey_question_add():
    fields, error = _question_fields()
    if not error:
        with session_scope(engine()) as s:
            try:
                question = q.add_question(fields, session=s)
                log_action("add_survey_question", session=s, target_kind="survey_question", target_id=question.key)
            except q.Refused as exc:
                s.rollback()
                error = exc.reason
    tell(error, "surv.done.added")
    return back_to_setup()


@bp.get("/surveys/questions/<int:question_id>")
@roles_required(*ROLES)
def survey_question(question_id: int, values: dict[str, Any] | None = None, error: str = "", code: int = 200):
    with read_scope(engine()) as s:
        question = s.get(SurveyQuestion, question_id) or abort(404)
        versions = q.versions_of(question.key, session=s)
        counts = q.answer_counts(session=s)
    shown = values or {k: getattr(question, k) for k in ("text", "short", "scale", "indicator", "sort_order")}
    return render_template("admin/survey_question.html", title=ft("surv.q.edit_title"), question=question,
                           values=shown, error=error, versions=versions, counts=counts, scales=q.SCALES,
                           indicators=q.INDICATORS, max_text=q.MAX_TEXT, max_short=q.MAX_SHORT), code


@bp.post("/surveys/questions/<int:question_id>")
@roles_required(*ROLES)
def survey_question_save(question_id: int):
    fields, error = _question_fields()
    saved: SurveyQuestion | None = None
    if not error:
        with session_scope(engine()) as s:
            question = s.get(SurveyQuestion, question_id) or abort(404)
            try:
                saved = q.save_question(question, fields, session=s)
            except q.Refused as exc:
                s.rollback()
                error = exc.reason
            else:
                versioned = saved.id != question.id
                log_action("version_survey_question" if versioned else "update_survey_question", session=s,
                           target_kind="survey_question", target_id=saved.key,
                           detail=f"v{question.version} -> v{saved.version}" if versioned else f"v{saved.version}")
    if error or saved is None:
        return survey_question(question_id, fields, error_text(error), 400)
    if saved.id != question_id:
        flash(ft("surv.done.versioned", v=saved.version), "info")
    else:
        flash(ft("surv.done.updated"), "info")
    return redirect(url_for("admin.survey_question", question_id=saved.id))


@bp.post("/surveys/questions/<int:question_id>/retire")
@roles_required(*ROLES)
def survey_question_retire(question_id: int):
    return _switch(question_id, retire=True)


@bp.post("/surveys/questions/<int:question_id>/reactivate")
@roles_required(*ROLES)
def survey_question_reactivate(question_id: int):
    return _switch(question_id, retire=False)


def _switch(question_id: int, *, retire: bool):
    error = ""
    with session_scope(engine()) as s:
        question = s.get(SurveyQuestion, question_id) or abort(404)
        try:
            if retire:
                q.retire_question(question, session=s)
            else:
                q.reactivate_question(question, session=s)
            log_action("retire_survey_question" if retire else "reactivate_survey_question", session=s,
                       target_kind="survey_question", target_id=question.key, detail=f"v{question.version}")
        except q.Refused as exc:
            s.rollback()
            error = exc.reason
    tell(error, "surv.done.retired" if retire else "surv.done.reactivated")
    return back_to_setup()
