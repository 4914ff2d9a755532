"""Tracking: the citizen's own cases, one case by its ticket number, and withdrawing an open complaint.

Tracking keeps whatever draft the chat has open: its answers only offer to resume it.
"""
from __future__ import annotations

from handlers import common, ui
from handlers import postback as pb
from handlers.common import reply
from handlers.types import CancelCase, CaseInfo, Context, Incoming, Outcome, State
from messages_th import strings
from messages_th.dates import status_label
from messages_th.flex import cases_carousel, question_bubble, status_bubble
from messages_th.strings import t
from messages_th.survey import t as survey_t
from models.enums import OPEN_STATUSES, CaseKind, CaseStatus
from models.tickets import TICKET_RE

MAX_LISTED = 10  # tickets as quick replies, next to "resume" and the main menu
OWN_CASES_CHECKED = 100  # how far back "is this the citizen's own case" looks


def _tail(resume: bool, *last: dict, first: tuple[dict, ...] = ()) -> list[dict]:
    """Quick replies after an answer: back to the draft if one is open, `first` (rating the case), my
    cases, the menu, then `last` (withdrawing a case: a side option, never the most prominent one)."""
    return common.resume_actions(resume) + list(first) + [
        ui.postback(t("qr.my_cases"), pb.menu("track")), ui.postback(t("qr.complaint"), pb.menu("complaint")),
        ui.postback(t("qr.main_menu"), pb.menu("main"))] + list(last)


def _own(ticket: str, incoming: Incoming, ctx: Context) -> bool:
    if not incoming.user_id:
        return False
    return any(c.ticket == ticket for c in ctx.lookup.my_cases(incoming.user_id, limit=OWN_CASES_CHECKED))


def _cancellable(case: CaseInfo, own: bool) -> bool:
    return own and case.kind == CaseKind.COMPLAINT and case.status in OPEN_STATUSES


def _cancel_button(case: CaseInfo, own: bool) -> list[tuple[str, str]]:
    """The button (label, data) that withdraws a case: for the reporter's own open complaint only."""
    return [(t("qr.cancel_case"), pb.tr("cancel", case.ticket))] if _cancellable(case, own) else []


def _rate_button(case: CaseInfo, own: bool, incoming: Incoming, ctx: Context) -> list[tuple[str, str]]:
    """The button (label, data) that rates a resolved complaint of the citizen's own, not yet rated.
    The one under the "resolved" news is a quick reply, gone as soon as the citizen writes anything
    else: without this the case could no longer be rated at all."""
    if not (own and incoming.user_id and case.kind == CaseKind.COMPLAINT and case.status == CaseStatus.RESOLVED):
        return []
    if ctx.lookup.case_survey(case.ticket, incoming.user_id) != "ok":
        return []
    return [(survey_t("qr.sv_rate_case"), pb.sv("case", case.ticket))]


def _bubble(case: CaseInfo, own: bool, rate: list[tuple[str, str]] | None = None) -> dict:
    return status_bubble(ticket=case.ticket, status=case.status, kind=case.kind, category=case.category,
                         division=case.division, created_at=case.created_at, updated_at=case.updated_at,
                         due_at=case.due_at, last_message=case.last_message,
                         summary=case.summary if case.kind != CaseKind.CORRUPTION else "",
                         buttons=(rate or []) + _cancel_button(case, own))


def my_cases(incoming: Incoming, state: State, ctx: Context, resume: bool = False) -> Outcome:
    """The citizen's latest cases as a carousel, their tickets as quick replies."""
    cases = ctx.lookup.my_cases(incoming.user_id, limit=MAX_LISTED) if incoming.user_id else []
    cases = list(cases)[:MAX_LISTED]
    if not cases:
        return reply(state, common.menu_message(t("tr.none"), resume))
    tickets = [ui.postback(c.ticket, pb.tr("case", c.ticket)) for c in cases]
    actions = common.resume_actions(resume) + tickets + [ui.postback(t("qr.main_menu"), pb.menu("main"))]
    bubbles = (_bubble(c, True, _rate_button(c, True, incoming, ctx)) for c in cases)
    carousel = ui.flex(t("tr.list_alt", n=len(cases)), cases_carousel(bubbles), actions)
    return reply(state, ui.text(t("tr.list", n=len(cases))), carousel)


def show_case(ticket: str, incoming: Incoming, state: State, ctx: Context, resume: bool = False) -> Outcome:
    """One case's status, or a polite "not found"."""
    case = ctx.lookup.find_case(ticket, incoming.user_id)
    if case is None:
        return reply(state, ui.text(t("tr.not_found", ticket=ticket), _tail(resume)))
    own = _own(case.ticket, incoming, ctx)
    alt = t("tr.status_alt", ticket=case.ticket, status=status_label(case.status))
    cancel = [ui.postback(label, data) for label, data in _cancel_button(case, own)]
    rate = _rate_button(case, own, incoming, ctx)
    first = tuple(ui.postback(label, data) for label, data in rate)
    return reply(state, ui.flex(alt, _bubble(case, own, rate), _tail(resume, *cancel, first=first)))


def news(body: str, ticket: str, rate: bool = False) -> dict:
    """News pushed when staff change a case: a button that shows the case (typing its number is no
    way to ask an elderly citizen for), and first, for a resolved complaint not yet rated, the
    invitation to rate it; then the citizen's cases and the menu."""
    first = [ui.postback(survey_t("qr.sv_rate_case"), pb.sv("case", ticket))] if rate else []
    text = body + ("\n\n" + survey_t("sv.invite") if rate else "")
    return ui.text(text, first + [ui.postback(t("qr.case_status"), pb.tr("case", ticket)),
                                  ui.postback(t("qr.my_cases"), pb.menu("track")),
                                  ui.postback(t("qr.main_menu"), pb.menu("main"))])


def on_postback(parts: pb.Postback, incoming: Incoming, state: State, ctx: Context,
                resume: bool = False) -> Outcome:
    """tr:case:T (show), tr:cancel:T (ask first), tr:yes:T (withdraw), tr:keep:T (changed their mind)."""
    ticket = parts.arg.upper()
    if not TICKET_RE.fullmatch(ticket):
        return reply(state, common.menu_message(t("button.expired"), resume))
    if parts.action == "case":
        return show_case(ticket, incoming, state, ctx, resume)
    if parts.action == "keep":
        return reply(state, ui.text(t("tr.kept", ticket=ticket), _tail(resume)))
    if parts.action not in ("cancel", "yes"):
        return reply(state, common.menu_message(t("button.expired"), resume))
    case = ctx.lookup.find_case(ticket, incoming.user_id)
    if case is None or not _cancellable(case, _own(case.ticket, incoming, ctx)):
        office = strings.office(ctx.municipality_name, ctx.office_phone)
        return reply(state, ui.text(t("tr.cannot_cancel", ticket=ticket, office=office), _tail(resume)))
    if parts.action == "cancel":
        question = t("tr.cancel_confirm", ticket=ticket)
        answers = [(t("qr.cancel_case_yes"), pb.tr("yes", ticket)), (t("qr.cancel_case_no"), pb.tr("keep", ticket))]
        # Buttons in a bubble as well as quick replies: LINE for PC shows no quick replies, and the
        # withdraw button that asked this is in a bubble too.
        return reply(state, ui.flex(question, question_bubble(question, answers),
                                    [ui.postback(label, data) for label, data in answers]))
    return reply(state, ui.text(t("tr.cancel_done", ticket=ticket), _tail(resume)),
                 effects=(CancelCase(ticket),))
