"""The citizen's answer to a resolution: "เรียบร้อยแล้ว" (recorded) or "ยังไม่เรียบร้อย" (the reopen flow).

Both are "ro:" buttons under the resolution news and the follow-up question, and work in any state
(dispatch routes "ro:ok|no:<ticket>" here like "sv:case"). "ro:no" opens the flow `reopen`: one step,
"what" (any text is the answer; photos before it are kept under the purpose "reopen"), then the effect
ReopenCase, whose result says whether the case was reopened (models/lifecycle.reopen re-checks the
status and the REOPEN_DAYS window under the row lock; this module checks them first only to answer at
once). After the window: a polite no, and a button to file a new complaint.

State data: {"draft": drafts.ReopenDraft}.
"""
from __future__ import annotations

from datetime import timedelta

from handlers import common, contract, tracking, ui
from handlers import postback as pb
from handlers.common import data_of, reply
from handlers.drafts import ReopenDraft, fill
from handlers.report import add_photo
from handlers.types import (
    CaseInfo,
    ConfirmResult,
    Context,
    DiscardDraft,
    Incoming,
    Outcome,
    ReopenCase,
    State,
)
from handlers.understanding import Understanding
from messages_th.case_result import t
from messages_th.strings import t as st
from messages_th.survey import t as survey_t
from models.enums import REOPEN_DAYS, CaseKind, CaseStatus
from models.tickets import TICKET_RE

FLOW = "reopen"  # also the purpose its photos are kept under (bot/runtime/case_result.py links them)
NS = pb.RESULT
STEPS = ("what",)
FREE_TEXT = frozenset({"what"})
MIN_TEXT = 4  # letters (Thai vowels and tones count): "ยัง" alone says nothing staff can act on
STALE = timedelta(hours=24)  # a text typed a day after the question is a new message


def fixed_actions(ticket: str, rate: bool) -> list[dict]:
    """The quick replies under the resolution news and the follow-up: fixed, not fixed, then the survey
    offer (when the case is not rated yet), the case's status, the citizen's cases and the menu."""
    first = [ui.postback(t("qr.fixed"), pb.ro("ok", ticket)), ui.postback(t("qr.not_fixed"), pb.ro("no", ticket))]
    if rate:
        first.append(ui.postback(survey_t("qr.sv_rate_case"), pb.sv("case", ticket)))
    return first + [ui.postback(st("qr.case_status"), pb.tr("case", ticket)),
                    ui.postback(st("qr.my_cases"), pb.menu("track")), ui.postback(st("qr.main_menu"), pb.menu("main"))]


def _own_resolved(ticket: str, incoming: Incoming, ctx: Context) -> tuple[CaseInfo | None, str]:
    """(the case, "") when the citizen may answer for it; else (case or None, the refusal's key)."""
    case = ctx.lookup.find_case(ticket, incoming.user_id)
    if case is None or case.kind != CaseKind.COMPLAINT or not incoming.user_id or \
            not any(c.ticket == ticket for c in ctx.lookup.my_cases(incoming.user_id, limit=tracking.OWN_CASES_CHECKED)):
        return None, "rs.not_found"
    if case.status != CaseStatus.RESOLVED:
        return case, "rs.not_resolved"
    return case, ""


def _status_actions(ticket: str, resume: bool) -> list[dict]:
    return common.resume_actions(resume) + [ui.postback(st("qr.case_status"), pb.tr("case", ticket)),
                                            ui.postback(st("qr.main_menu"), pb.menu("main"))]


def confirm(ticket: str, incoming: Incoming, state: State, ctx: Context, resume: bool = False) -> Outcome:
    """ro:ok:T — recorded; thanks, and the survey offer if the case is not rated yet."""
    if not TICKET_RE.fullmatch(ticket):
        return reply(state, common.menu_message(st("button.expired"), resume))
    _, refused = _own_resolved(ticket, incoming, ctx)
    if refused:
        return reply(state, ui.text(t(refused, ticket=ticket), _status_actions(ticket, resume)))
    rate = ctx.lookup.case_survey(ticket, incoming.user_id) == "ok"
    actions = ([ui.postback(survey_t("qr.sv_rate_case"), pb.sv("case", ticket))] if rate else []) + \
        common.menu_actions(resume)

    def answer(results: dict) -> list[dict]:
        done = (results.get(0) or {}).get("confirmed", False)
        body = t("rs.confirmed" if done else "rs.confirmed_already", ticket=ticket)
        return [ui.text(body + ("\n\n" + survey_t("sv.invite") if rate else ""), actions)]

    return Outcome(state=state, effects=(ConfirmResult(ticket),), replies_after=answer)


def start(incoming: Incoming, ctx: Context, text: str = "", understanding: Understanding | None = None) -> Outcome:
    """ro:no:T (through commands.enter, so an open draft is asked about first): what is still wrong?"""
    ticket = text.strip().upper()
    if not TICKET_RE.fullmatch(ticket):
        return reply(State.idle(), common.menu_message(st("button.expired")))
    case, refused = _own_resolved(ticket, incoming, ctx)
    if refused:
        return reply(State.idle(), ui.text(t(refused, ticket=ticket), _status_actions(ticket, False)))
    assert case is not None
    if case.closed_at is None or ctx.now - case.closed_at > timedelta(days=REOPEN_DAYS):
        actions = [ui.postback(t("qr.new_complaint"), pb.menu("complaint")),
                   ui.postback(st("qr.case_status"), pb.tr("case", ticket)),
                   ui.postback(st("qr.main_menu"), pb.menu("main"))]
        return reply(State.idle(), ui.text(t("rs.too_late", ticket=ticket, days=REOPEN_DAYS), actions))
    draft: ReopenDraft = {"ticket": ticket, "photos": [], "asked_at": ctx.now.isoformat()}
    state = State(FLOW, "what", {"draft": draft})
    return reply(state, *prompt(state, ctx))


def _draft(state: State) -> ReopenDraft:
    blank: ReopenDraft = {"ticket": "", "photos": [], "asked_at": ""}
    return fill((state.data or {}).get("draft"), ReopenDraft, blank)


def prompt(state: State, ctx: Context) -> list[dict]:
    draft = _draft(state)
    cancel = [ui.postback(st("qr.cancel"), pb.ro("cancel"))]
    if draft["photos"]:
        return [ui.text(t("rs.photo_got", n=len(draft["photos"])), cancel)]
    return [ui.text(t("rs.ask_what", ticket=draft["ticket"]), cancel)]


def has_content(state: State) -> bool:
    return bool(_draft(state)["photos"])


def handle(incoming: Incoming, state: State, ctx: Context) -> Outcome | None:
    draft = _draft(state)
    ticket = draft["ticket"]
    if not TICKET_RE.fullmatch(ticket):  # a broken stored draft: nothing to reopen
        return reply(State.idle(), common.menu_message(st("button.expired")))
    if incoming.kind == "postback":
        if pb.decode(incoming.postback).action == "cancel":
            return _cancel(ticket)
        return reply(state, *prompt(state, ctx))
    if incoming.kind == "image":
        data = data_of(state)
        accepted, effects = add_photo(data["draft"], incoming, FLOW, ctx.max_photos)
        if not accepted:
            return reply(state, ui.text(t("rs.photo_full", max=ctx.max_photos)))
        new = State(FLOW, "what", data)
        return reply(new, *prompt(new, ctx), effects=effects)
    if incoming.kind != "text":
        return reply(state, ui.text(t("rs.text_please")), *prompt(state, ctx))
    text = (incoming.text or "").strip()
    if common.word(text) in ("cancel", "cancel_yes"):
        return _cancel(ticket)
    if len(common.plain(text)) < MIN_TEXT:
        return reply(state, ui.text(t("rs.text_please")))
    return _reopen(ticket, text[: ctx.max_text_length])


def _cancel(ticket: str) -> Outcome:
    return reply(State.idle(), ui.text(t("rs.cancelled", ticket=ticket), _status_actions(ticket, False)),
                 effects=(DiscardDraft(FLOW),))


def _reopen(ticket: str, note: str) -> Outcome:
    def answer(results: dict) -> list[dict]:
        result = results.get(0) or {}
        if result.get("reopened"):
            division = result.get("division") or t("rs.division_default")
            return [ui.text(t("rs.reopened", ticket=ticket, division=division), _status_actions(ticket, False))]
        if result.get("refused") == "window":
            return [ui.text(t("rs.too_late", ticket=ticket, days=REOPEN_DAYS),
                            [ui.postback(t("qr.new_complaint"), pb.menu("complaint"))] + common.menu_actions())]
        return [ui.text(t("rs.not_resolved", ticket=ticket), _status_actions(ticket, False))]

    return Outcome(state=State.idle(), effects=(ReopenCase(ticket, note),), replies_after=answer)


SPEC = contract.Flow(name=FLOW, ns=NS, steps=STEPS, free_text=FREE_TEXT, start=start, handle=handle,
                     prompt=prompt, has_content=has_content, idle_after=STALE)
