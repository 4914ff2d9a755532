"""A citizen asks that their personal data be deleted: what it means, a confirm step, then the request.

Staff decide in the admin view (bot/admin/privacy.py) and the citizen hears back in LINE. Nothing is
kept in the conversation state: the question's two buttons (postback namespace "pv") carry the
answer, so an open draft stays open and is offered back.
"""
from __future__ import annotations

from typing import Any

from handlers import common, ui
from handlers import postback as pb
from handlers.common import reply
from handlers.postback import Postback
from handlers.types import Context, Incoming, Outcome, RequestDeletion, State
from messages_th import privacy as p
from messages_th.dates import citizen_date
from messages_th.strings import t
from models.enums import OPEN_STATUSES, CaseKind

OPEN_CHECKED = 50  # how many of the citizen's latest cases are looked at for open complaints


def ask(incoming: Incoming, state: State, ctx: Context, resume: bool = False) -> Outcome:
    """What deleting means (with the citizen's open complaints named), and the confirm buttons."""
    if not incoming.user_id:
        return reply(state, common.menu_message(p.t("no_user"), resume))
    cases = ctx.lookup.my_cases(incoming.user_id, limit=OPEN_CHECKED)
    open_tickets = [c.ticket for c in cases if c.kind == CaseKind.COMPLAINT and c.status in OPEN_STATUSES]
    body = p.t("ask")
    if open_tickets:
        body += "\n\n" + p.t("ask.open", tickets=", ".join(open_tickets[:5]) + (" …" if len(open_tickets) > 5 else ""))
    body += "\n\n" + p.t("ask.next")
    actions = [ui.postback(p.t("qr.confirm"), pb.pv("yes")), ui.postback(p.t("qr.keep"), pb.pv("no"))]
    actions += common.resume_actions(resume) + [ui.postback(t("qr.main_menu"), pb.menu("main"))]
    return reply(state, ui.text(body, actions))


def on_postback(parts: Postback, incoming: Incoming, state: State, ctx: Context, resume: bool = False) -> Outcome:
    """pv:ask (the question again), pv:yes (record the request), pv:no (keep everything)."""
    if parts.action == "ask":
        return ask(incoming, state, ctx, resume)
    if parts.action == "no":
        return reply(state, common.menu_message(p.t("kept"), resume))
    if parts.action == "yes":
        if not incoming.user_id:
            return reply(state, common.menu_message(p.t("no_user"), resume))

        def after(results: dict[int, Any]) -> list[dict]:
            result = results.get(0) or {}
            key = "received" if result.get("new") else "already"
            due = result.get("answer_by")
            body = p.t(key, date=citizen_date(due)) if due else p.t("ask.next")
            return [common.menu_message(body, resume)]

        return Outcome(state=state, effects=(RequestDeletion(),), replies_after=after)
    return reply(state, common.menu_message(t("button.expired"), resume))
