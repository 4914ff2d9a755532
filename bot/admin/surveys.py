"""The satisfaction-survey setup at /admin/surveys, for admins only: the services citizens may rate
and the 3-5 questions every survey asks. Question versioning lives in models/survey_queries.py:
editing an answered question's wording or scale makes a new version, so old answers keep their words.
"""
from __future__ import annotations

from typing import Any

from flask import abort, current_app, flash, redirect, render_template, request, url_for

from bot.admin import bp
from bot.admin.auth import log_action, roles_required
from messages_th.admin_feedback import ft
from models import survey_queries as q
from models.db import read_scope, session_scope
from models.survey import SurveyQuestion, SurveyService

ROLE = "admin"
MAX_NAME = 200


def _engine():  # noqa: ANN202
    return current_app.extensions["db_engine"]


def _back():  # noqa: ANN202
    return redirect(url_for("admin.surveys"))


def _said(error: str, done: str, **values: Any) -> None:
    flash(ft(error, n=q.MAX_TEXT) if error else ft(done, **values), "error" if error else "info")


@bp.get("/surveys")
@roles_required(ROLE)
def surveys():  # noqa: ANN201
    with read_scope(_engine()) as s:
        services = q.services(session=s)
        active, retired = q.active_questions(session=s), q.retired_questions(session=s)
        counts = q.answer_counts(session=s)
        revivable = {x.id for x in retired if q.can_reactivate(x, session=s)}
    return render_template("admin/surveys.html", title=ft("surv.title"), services=services, active=active,
                           retired=retired, counts=counts, revivable=revivable, scales=q.SCALES,
                           indicators=q.INDICATORS, max_text=q.MAX_TEXT, max_short=q.MAX_SHORT,
                           room=len(active) < q.MAX_ACTIVE)


# --- services ----------------------------------------------------------------------------------

def _service_name(s, except_id: int | None = None) -> tuple[str, str]:  # noqa: ANN001
    name = " ".join(request.form.get("name", "").split())
    if not name or len(name) > MAX_NAME:
        return name, "error.service_name"
    return name, "error.service_taken" if q.service_name_taken(name, session=s, except_id=except_id) else ""


@bp.post("/surveys/services")
@roles_required(ROLE)
def survey_service_add():  # noqa: ANN201
    with session_scope(_engine()) as s:
        name, error = _service_name(s)
        if not error:
            service = SurveyService(name=name, sort_order=request.form.get("sort_order", type=int, default=0) or 0)
            s.add(service)
            s.flush()
            log_action("add_survey_service", session=s, target_kind="survey_service", target_id=str(service.id),
                       detail=name)
    _said(error, "surv.saved")
    return _back()


@bp.post("/surveys/services/<int:service_id>")
@roles_required(ROLE)
def survey_service_update(service_id: int):  # noqa: ANN201
    """Rename and reorder."""
    with session_scope(_engine()) as s:
        service = s.get(SurveyService, service_id) or abort(404)
        name, error = _service_name(s, service_id)
        if not error:
            change = f"{service.name} -> {name}" if name != service.name else name
            service.name = name
            service.sort_order = request.form.get("sort_order", type=int, default=service.sort_order) or 0
            s.add(service)
            log_action("update_survey_service", session=s, target_kind="survey_service", target_id=str(service_id),
                       detail=change)
    _said(error, "surv.saved")
    return _back()


@bp.post("/surveys/services/<int:service_id>/active")
@roles_required(ROLE)
def survey_service_active(service_id: int):  # noqa: ANN201
    active = request.form.get("active") == "1"
    error = ""
    with session_scope(_engine()) as s:
        service = s.get(SurveyService, service_id) or abort(404)
        if not active and service.for_cases:
            error = "error.service_for_cases"  # resolved complaints would have nothing to be rated as
        else:
            service.active = active
            s.add(service)
            log_action("reactivate_survey_service" if active else "deactivate_survey_service", session=s,
                       target_kind="survey_service", target_id=str(service_id))
    _said(error, "surv.saved")
    return _back()


@bp.post("/surveys/services/<int:service_id>/for-cases")
@roles_required(ROLE)
def survey_service_for_cases(service_id: int):  # noqa: ANN201
    error = ""
    with session_scope(_engine()) as s:
        service = s.get(SurveyService, service_id) or abort(404)
        try:
            q.set_for_cases(service, session=s)
            log_action("set_case_survey_service", session=s, target_kind="survey_service", target_id=str(service_id))
        except q.Refused as exc:
            s.rollback()
            error = exc.reason
    _said(error, "surv.saved")
    return _back()


# --- questions ---------------------------------------------------------------------------------

def _question_fields() -> tuple[dict[str, Any], str]:
    form = request.form
    fields = {"text": form.get("text", "").strip(), "short": " ".join(form.get("short", "").split()),
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
@roles_required(ROLE)
def survey_question_add():  # noqa: ANN201
    fields, error = _question_fields()
    if not error:
        with session_scope(_engine()) as s:
            try:
                question = q.add_question(fields, session=s)
                log_action("add_survey_question", session=s, target_kind="survey_question", target_id=question.key)
            except q.Refused as exc:
                s.rollback()
                error = exc.reason
    flash(ft(error, n=q.MAX_SHORT if error == "error.q_short" else q.MAX_TEXT) if error else ft("surv.done.added"),
          "error" if error else "info")
    return _back()


@bp.get("/surveys/questions/<int:question_id>")
@roles_required(ROLE)
def survey_question(question_id: int, values: dict[str, Any] | None = None, error: str = "", code: int = 200):  # noqa: ANN201
    with read_scope(_engine()) as s:
        question = s.get(SurveyQuestion, question_id) or abort(404)
        versions = q.versions_of(question.key, session=s)
        counts = q.answer_counts(session=s)
    shown = values or {k: getattr(question, k) for k in ("text", "short", "scale", "indicator", "sort_order")}
    return render_template("admin/survey_question.html", title=ft("surv.q.edit_title"), question=question,
                           values=shown, error=error, versions=versions, counts=counts, scales=q.SCALES,
                           indicators=q.INDICATORS, max_text=q.MAX_TEXT, max_short=q.MAX_SHORT), code


@bp.post("/surveys/questions/<int:question_id>")
@roles_required(ROLE)
def survey_question_save(question_id: int):  # noqa: ANN201
    fields, error = _question_fields()
    saved: SurveyQuestion | None = None
    if not error:
        with session_scope(_engine()) as s:
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
        message = ft(error, n=q.MAX_SHORT if error == "error.q_short" else q.MAX_TEXT)
        return survey_question(question_id, fields, message, 400)
    if saved.id != question_id:
        flash(ft("surv.done.versioned", v=saved.version), "info")
    else:
        flash(ft("surv.done.updated"), "info")
    return redirect(url_for("admin.survey_question", question_id=saved.id))


@bp.post("/surveys/questions/<int:question_id>/retire")
@roles_required(ROLE)
def survey_question_retire(question_id: int):  # noqa: ANN201
    return _switch(question_id, retire=True)


@bp.post("/surveys/questions/<int:question_id>/reactivate")
@roles_required(ROLE)
def survey_question_reactivate(question_id: int):  # noqa: ANN201
    return _switch(question_id, retire=False)


def _switch(question_id: int, *, retire: bool):  # noqa: ANN202
    error = ""
    with session_scope(_engine()) as s:
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
    _said(error, "surv.done.retired" if retire else "surv.done.reactivated")
    return _back()
