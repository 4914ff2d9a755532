"""Survey services (the things a citizen may rate) at /admin/surveys/services, for admins: add,
rename, reorder, switch off, and choose the one a resolved complaint's survey is about."""
from __future__ import annotations

from flask import abort, request

from bot.admin import bp
from bot.admin.auth import log_action, roles_required
from bot.admin.surveys import ROLES, back_to_setup, engine, tell
from models import survey_queries as q
from models.db import session_scope
from models.survey import SurveyService

MAX_NAME = 200


def _service_name(s, except_id: int | None = None) -> tuple[str, str]:
    name = " ".join(request.form.get("name", "").split())
    if not name or len(name) > MAX_NAME:
        return name, "error.service_name"
    return name, "error.service_taken" if q.service_name_taken(name, session=s, except_id=except_id) else ""


@bp.post("/surveys/services")
@roles_required(*ROLES)
def survey_service_add():
    with session_scope(engine()) as s:
        name, error = _service_name(s)
        if not error:
            service = SurveyService(name=name, sort_order=request.form.get("sort_order", type=int, default=0) or 0)
            s.add(service)
            s.flush()
            log_action("add_survey_service", session=s, target_kind="survey_service", target_id=str(service.id),
                       detail=name)
    tell(error, "surv.saved")
    return back_to_setup()


@bp.post("/surveys/services/<int:service_id>")
@roles_required(*ROLES)
def survey_service_update(service_id: int):
    """Rename and reorder."""
    with session_scope(engine()) as s:
        service = s.get(SurveyService, service_id) or abort(404)
        name, error = _service_name(s, service_id)
        if not error:
            change = f"{service.name} -> {name}" if name != service.name else name
            service.name = name
            service.sort_order = request.form.get("sort_order", type=int, default=service.sort_order) or 0
            s.add(service)
            log_action("update_survey_service", session=s, target_kind="survey_service", target_id=str(service_id),
                       detail=change)
    tell(error, "surv.saved")
    return back_to_setup()


@bp.post("/surveys/services/<int:service_id>/active")
@roles_required(*ROLES)
def survey_service_active(service_id: int):
    active = request.form.get("active") == "1"
    error = ""
    with session_scope(engine()) as s:
        service = s.get(SurveyService, service_id) or abort(404)
        if not active and service.for_cases:
            error = "error.service_for_cases"  # resolved complaints would have nothing to be rated as
        else:
            service.active = active
            s.add(service)
            log_action("reactivate_survey_service" if active else "deactivate_survey_service", session=s,
                       target_kind="survey_service", target_id=str(service_id))
    tell(error, "surv.saved")
    return back_to_setup()


@bp.post("/surveys/services/<int:service_id>/for-cases")
@roles_required(*ROLES)
def survey_service_for_cases(service_id: int):
    error = ""
    with session_scope(engine()) as s:
        service = s.get(SurveyService, service_id) or abort(404)
        try:
            q.set_for_cases(service, session=s)
            log_action("set_case_survey_service", session=s, target_kind="survey_service", target_id=str(service_id))
        except q.Refused as exc:
            s.rollback()
            error = exc.reason
    tell(error, "surv.saved")
    return back_to_setup()
