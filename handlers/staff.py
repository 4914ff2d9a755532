"""The staff flow: a linked staff member acts on cases from LINE (issue 13), in the same engine as the
citizens' flows. Postbacks "st:*" work in any state (the staff rich menu, the alert cards'
"st:take:<ticket>" and "st:open:<ticket>"); the steps that take typed text are the message to the
citizen, the internal note, the resolution's message and a ticket to open.

Who may do what is decided twice: here only to offer the right buttons (StaffCase.may_act, read through
Context.staff), and again when the effect is applied (bot/runtime/staff_actions.py), with the admin
view's rules: the button is a convenience, the check is there. A typed link code is also read here.
"""
from __future__ import annotations

from handlers import common, ui
from handlers import postback as pb
from handlers import staff_prompts as sp
from handlers.common import reply
from handlers.contract import Flow
from handlers.staff_types import LinkStaff, StaffAct, StaffCase, StaffInfo
from handlers.types import Context, DiscardDraft, Incoming, Outcome, SavePhoto, State
from messages_th.dates import status_label
from messages_th.staff_line import t
from models.link_code import as_code
from models.media import AFTER_PHOTOS_PER_NEWS
from models.tickets import find_ticket

FLOW, PHOTOS = "staff", "after"  # the flow; the purpose its after-photos are saved under (Media)
STEPS = ("case", "message", "note", "forward", "photos", "resolve", "ticket")
FREE_TEXT = frozenset({"message", "note", "resolve", "ticket"})
TYPED = {t("qr.mine"): "mine", t("qr.new"): "new"}  # what a linked staff member may type for the lists


def _draft(state: State) -> dict:
    """The stored draft (JSON, perhaps broken): the case's ticket and the after-photos' message ids."""
    raw = state.data.get("draft")
    stored: dict = raw if isinstance(raw, dict) else {}
    listed = stored.get("photos")
    photos: list = listed if isinstance(listed, list) else []
    return {"ticket": str(stored.get("ticket") or "")[:40], "photos": [p for p in photos if isinstance(p, str)]}


def _at(step: str, ticket: str, photos: list[str] | None = None) -> State:
    return State(FLOW, step, {"draft": {"ticket": ticket, "photos": list(photos or [])}})


def me(incoming: Incoming, ctx: Context) -> StaffInfo | None:
    return ctx.staff.staff_me(incoming.user_id) if ctx.staff is not None and incoming.user_id else None


# --- entry points from dispatch -------------------------------------------------------------------

def on_text(text: str, incoming: Incoming, state: State, ctx: Context, free_step: bool = False) -> Outcome | None:
    """A link code, a typed staff word, or text inside the staff flow; None: not the staff's.
    `free_step`: a citizen's flow is at a step where any text is the answer (six digits there are its)."""
    code = as_code(text)
    if code and state.flow != FLOW and not free_step:
        return Outcome(state=state, effects=(LinkStaff(code),), replies_after=_linked)
    if state.flow == FLOW:
        return _in_flow(text, incoming, state, ctx)
    which = TYPED.get(text.strip())
    if which and me(incoming, ctx) is not None:
        return _list(which, incoming, state, ctx)
    return None


def on_postback(parts: pb.Postback, incoming: Incoming, state: State, ctx: Context) -> Outcome:
    staff = me(incoming, ctx)
    keep = state if state.flow not in (None, FLOW) else State.idle()  # a citizen's draft is kept
    if staff is None:
        return reply(keep, common.menu_message(t("st.not_staff")))
    action, ticket, draft = parts.action, parts.arg.upper(), _draft(state)
    if action in ("mine", "new"):
        return _list(action, incoming, keep, ctx)
    if action == "pick":
        return reply(_at("ticket", ""), ui.text(t("st.ask_ticket"), [ui.postback(t("qr.cancel"), sp.st("cancel"))]))
    if action == "cancel":
        return _cancel(state, draft)
    if action in ("open", "take", "msg", "note", "fwd", "done"):
        case = ctx.staff.staff_case(ticket, incoming.user_id)
        if case is None:
            return reply(keep, ui.text(t("st.not_found", ticket=ticket[:40]), sp.menu_actions()))
        return _start(action, case, keep, ctx)
    if state.flow != FLOW or not draft["ticket"]:
        return reply(keep, ui.text(t("button.expired"), sp.menu_actions()))
    if action == "to" and state.step == "forward" and parts.arg_int():
        return _act("forward", draft["ticket"], division_id=parts.arg_int())
    if action == "tpl" and state.step in ("message", "resolve"):
        chosen = next((x for x in ctx.staff.staff_templates(draft["ticket"]) if x.id == parts.arg_int()), None)
        if chosen is not None:
            return _act("message" if state.step == "message" else "resolve", draft["ticket"], chosen.body)
    if action == "photos" and state.step == "photos":
        return _ask(_at("resolve", draft["ticket"], draft["photos"]), ctx)
    return _ask(state, ctx, t("button.expired"))


def _start(action: str, case: StaffCase, keep: State, ctx: Context) -> Outcome:
    if action == "open" or not case.may_act or not sp.case_actions(case):
        return reply(_at("case", case.ticket) if case.may_act else keep, sp.card(case))
    if action == "take":
        return _act("take", case.ticket)
    step = {"msg": "message", "note": "note", "fwd": "forward", "done": "photos"}[action]
    outcome = _ask(_at(step, case.ticket), ctx)
    # Resolving starts afresh: after-photos left by an abandoned resolution must not join this one.
    effects = (DiscardDraft(PHOTOS),) if step == "photos" else ()
    return Outcome(state=outcome.state, replies=outcome.replies, effects=effects)


def _in_flow(text: str, incoming: Incoming, state: State, ctx: Context) -> Outcome | None:
    draft = _draft(state)
    if common.word(text) == "cancel":
        return _cancel(state, draft)
    if text.strip() in TYPED:  # the lists' words are never a message to a citizen
        return _list(TYPED[text.strip()], incoming, State.idle(), ctx)
    if state.step not in FREE_TEXT and find_ticket(text, ctx.ticket_prefix):
        state = _at("ticket", "")  # another case's number, typed at a button step: open that one
    if state.step == "ticket":
        ticket = find_ticket(text, ctx.ticket_prefix)
        if ticket is None:
            return _ask(state, ctx)
        case = ctx.staff.staff_case(ticket, incoming.user_id) if ctx.staff is not None else None
        if case is None:
            return reply(State.idle(), ui.text(t("st.not_found", ticket=ticket), sp.menu_actions()))
        return _start("open", case, State.idle(), ctx)
    if state.step in ("message", "note", "resolve") and text.strip():
        return _act(state.step, draft["ticket"], text.strip())
    if state.step == "photos" and common.word(text) in ("done", "skip"):
        return _ask(_at("resolve", draft["ticket"], draft["photos"]), ctx)
    return None  # not an answer here: the usual reading (menu words, a ticket, a new report)


def _cancel(state: State, draft: dict) -> Outcome:
    effects = (DiscardDraft(PHOTOS),) if draft["photos"] else ()
    body = t("cancelled", ticket=draft["ticket"]) if draft["ticket"] else t("cancelled", ticket="-")
    return reply(State.idle(), ui.text(body, sp.menu_actions()), effects=effects)


def _list(which: str, incoming: Incoming, state: State, ctx: Context) -> Outcome:
    cases = ctx.staff.staff_cases(incoming.user_id or "", which, limit=sp.MAX_LISTED)
    return reply(state, sp.case_list(cases, "st." + which, f"st.{which}_none"))


def _ask(state: State, ctx: Context, note: str | None = None) -> Outcome:
    return reply(state, *([ui.text(note)] if note else []), *prompt(state, ctx))


def _act(action: str, ticket: str, text: str = "", division_id: int | None = None) -> Outcome:
    def after(results: dict) -> list[dict]:
        return [_result(action, ticket, results.get(0) or {})]
    return Outcome(state=_at("case", ticket), effects=(StaffAct(action, ticket, text, division_id),),
                   replies_after=after)


def _result(action: str, ticket: str, r: dict) -> dict:
    if "refused" in r:
        reason = str(r["refused"])
        body = t("refused." + reason, ticket=ticket, status=status_label(r.get("status", "")),
                 name=r.get("name", ""))
        return ui.text(body, [ui.postback(t("qr.open"), sp.st("open", ticket)), *sp.menu_actions()])
    status = status_label(r.get("status", ""))
    if action == "take":
        body = t("done.take", ticket=ticket, status=status) + ("\n" + t("done.take_pushed") if r.get("pushed") else "")
    elif action == "message":
        body = t("done.message" if r.get("pushed") else "done.message_nobody", ticket=ticket)
    elif action == "forward":
        return ui.text(t("done.forward", ticket=ticket, division=r.get("division", "")), sp.menu_actions())
    elif action == "resolve":
        return ui.text(t("done.resolve", ticket=ticket, n=r.get("photos", 0)), sp.menu_actions())
    else:
        body = t("done.note", ticket=ticket)
    return ui.text(body, sp.after_actions(ticket))


def _linked(results: dict) -> list[dict]:
    r = results.get(0) or {}
    outcome = str(r.get("result") or "wrong")
    if outcome == "linked":
        return [ui.text(t("link.linked", name=r.get("name", "")), sp.menu_actions())]
    return [common.menu_message(t("link." + outcome))]


# --- the Flow contract ----------------------------------------------------------------------------

def start(incoming: Incoming, ctx: Context, text: str = "", understanding: object = None) -> Outcome:
    if me(incoming, ctx) is None:
        return reply(State.idle(), common.menu_message(t("st.not_staff")))
    return _list("mine", incoming, State.idle(), ctx)


def handle(incoming: Incoming, state: State, ctx: Context) -> Outcome | None:
    if incoming.kind == "postback":
        return on_postback(pb.decode(incoming.postback), incoming, state, ctx)
    if incoming.kind == "text":
        return _in_flow(incoming.text or "", incoming, state, ctx)
    draft = _draft(state)
    if incoming.kind == "image" and state.step == "photos":
        if len(draft["photos"]) >= AFTER_PHOTOS_PER_NEWS or incoming.message_id in draft["photos"]:
            return _ask(state, ctx)
        photos = draft["photos"] + [incoming.message_id]
        outcome = _ask(_at("photos", draft["ticket"], photos), ctx)
        return Outcome(state=outcome.state, replies=outcome.replies, effects=(SavePhoto(incoming.message_id, PHOTOS),))
    return _ask(state, ctx, t("ask.photo_step") if state.step == "photos" else None)


def prompt(state: State, ctx: Context) -> list[dict]:
    draft = _draft(state)
    ticket, step = draft["ticket"], state.step
    cancel = [ui.postback(t("qr.cancel"), sp.st("cancel"))]
    templates = ctx.staff.staff_templates(ticket) if ctx.staff is not None and ticket else []
    if step == "message":
        return [sp.with_templates(t("ask.message", ticket=ticket), templates)]
    if step == "resolve":
        return [sp.with_templates(t("ask.resolve", ticket=ticket), templates)]
    if step == "note":
        return [ui.text(t("ask.note", ticket=ticket), cancel)]
    if step == "photos":
        return [sp.photos_prompt(ticket, len(draft["photos"]), AFTER_PHOTOS_PER_NEWS)]
    if step == "forward":
        divisions = ctx.staff.staff_divisions(ticket) if ctx.staff is not None else []
        return [ui.text(t("ask.forward", ticket=ticket),
                        [ui.postback(name, sp.st("to", ident)) for ident, name in divisions] + cancel)]
    if step == "ticket":
        return [ui.text(t("st.ask_ticket"), cancel)]
    return [ui.text(t("st.case_prompt", ticket=ticket), sp.after_actions(ticket) if ticket else sp.menu_actions())]


SPEC = Flow(name=FLOW, ns=pb.STAFF, steps=STEPS, free_text=FREE_TEXT, start=start, handle=handle,
            prompt=prompt, has_content=lambda state: False)
