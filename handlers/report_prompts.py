"""The messages both report flows (complaint, corruption) show alike: the way back and out of a step,
the photo step, the summary and its edit chooser, the question before a draft is dropped, and the
answer once a report is stored."""
from __future__ import annotations

from collections.abc import Iterable

from handlers import common, ui
from handlers import postback as pb
from handlers.types import Context
from messages_th.flex import summary_bubble
from messages_th.strings import t
from models.tickets import TICKET_RE

# The parts of a draft the summary's "edit" offers to change, and their labels.
PART_LABELS = {"accused": "qr.edit_accused", "desc": "qr.edit_description", "cat": "qr.edit_category",
               "photo": "qr.edit_photos", "loc": "qr.edit_location", "contact": "qr.edit_contact"}


def nav(ns: str, back: bool = True, editing: bool = False) -> list[dict]:
    """Back (unless at the first step) and cancel, closing every step's quick replies. While one part
    is changed from the summary (`editing`), "back" is always there and says it returns to the summary."""
    if editing:
        actions = [ui.postback(t("qr.back_to_summary"), pb.encode(ns, "back"))]
    else:
        actions = [ui.postback(t("qr.back"), pb.encode(ns, "back"))] if back else []
    return actions + [ui.postback(t("qr.cancel"), pb.encode(ns, "cancel"))]


def photos_prompt(ns: str, draft: dict, ctx: Context, received: str, ask: str, editing: bool = False
                  ) -> list[dict]:
    """Ask for photos (`ask`), or for more after some (`received`), with the camera and done/skip."""
    count = len(draft.get("photos") or [])
    actions = [ui.camera(t("qr.camera")), ui.camera_roll(t("qr.camera_roll")),
               ui.postback(t("qr.done") if count else t("qr.skip"), pb.encode(ns, "next"))]
    body = (t(received, count=count, left=max(ctx.max_photos - count, 0)) if count
            else t(ask, max=ctx.max_photos))
    return [ui.text(body, actions + nav(ns, editing=editing))]


def edit_prompt(ns: str, parts: Iterable[str]) -> list[dict]:
    """Which part of the draft to change: a button "ed:<part>" for each, and the way back to the summary
    (no cancel here: a citizen who changes their mind about editing must not lose the whole report)."""
    actions = [ui.postback(t(PART_LABELS[part]), pb.encode(ns, "ed", part)) for part in parts]
    actions.append(ui.postback(t("qr.back_to_summary"), pb.encode(ns, "back")))
    return [ui.text(t("cx.what_to_edit"), actions)]


def summary(ns: str, title: str, alt: str, rows: list[tuple[str, str]]) -> dict:
    """The draft as a Flex bubble to confirm, edit or cancel; `alt` is the notification text."""
    buttons = [(t("qr.confirm"), pb.encode(ns, "ok")), (t("qr.edit"), pb.encode(ns, "edit")),
               (t("qr.cancel"), pb.encode(ns, "cancel"))]
    return ui.flex(t(alt), summary_bubble(t(title), rows, buttons),
                   [ui.postback(label, data) for label, data in buttons])


def cancel_question(ns: str) -> dict:
    """Asked before a draft with something in it is dropped: drop it ("ns:drop"), or go on ("ns:stay")."""
    return ui.text(t("flow.cancel_confirm"), [ui.postback(t("qr.cancel_yes"), pb.encode(ns, "drop")),
                                              ui.postback(t("qr.keep_going"), pb.encode(ns, "stay"))])


def with_action(message: dict, action: dict, after_data: str) -> dict:
    """The message with one more quick reply, placed after the one whose data is `after_data` (else first)."""
    actions = [item["action"] for item in (message.get("quickReply") or {}).get("items", [])]
    at = next((i + 1 for i, a in enumerate(actions) if a.get("data") == after_data), 0)
    return ui.with_quick(message, actions[:at] + [action] + actions[at:])


def received(text: str, ticket: str | None) -> dict:
    """The answer once a report is stored: its status in one tap, the citizen's cases, then the menu."""
    known = isinstance(ticket, str) and TICKET_RE.fullmatch(ticket)
    status = [ui.postback(t("qr.case_status"), pb.tr("case", ticket))] if known else []
    menu = [a for a in common.menu_actions() if a.get("data") != pb.menu("track")]  # "my cases" says it
    return ui.text(text, status + [ui.postback(t("qr.my_cases"), pb.menu("track"))] + menu)
