"""What the staff flow shows: a case as a card (text, LINE's quick replies for the actions), lists of
cases, and the step prompts. Apart from handlers/staff.py, which decides, as report_prompts is."""
from __future__ import annotations

from handlers import postback as pb
from handlers import ui
from handlers.staff_types import StaffCase, TemplateInfo
from messages_th.dates import citizen_date, status_label
from messages_th.staff_line import t
from models.enums import OPEN_STATUSES

MAX_LISTED = 10


def st(action: str, arg: object = "") -> str:
    return pb.encode(pb.STAFF, action, arg)


def menu_actions() -> list[dict]:
    return [ui.postback(t("qr.mine"), st("mine")), ui.postback(t("qr.new"), st("new")),
            ui.postback(t("qr.pick"), st("pick"))]


def case_actions(case: StaffCase) -> list[dict]:
    """The actions on an open case this staff member may act on; else none."""
    if not case.may_act or case.status not in OPEN_STATUSES:
        return []
    T = case.ticket
    take = [] if case.mine and case.status != "received" else [ui.postback(t("qr.take"), st("take", T))]
    forward = [ui.postback(t("qr.forward"), st("fwd", T))] if case.kind != "corruption" else []  # no divisions
    return take + [ui.postback(t("qr.message"), st("msg", T)), ui.postback(t("qr.note"), st("note", T)),
                   *forward, ui.postback(t("qr.resolve"), st("done", T))]


def after_actions(ticket: str) -> list[dict]:
    """What is offered once an action is done: the next actions on the same case, then the lists."""
    return [ui.postback(t("qr.message"), st("msg", ticket)), ui.postback(t("qr.note"), st("note", ticket)),
            ui.postback(t("qr.resolve"), st("done", ticket)), ui.postback(t("qr.open"), st("open", ticket)),
            *menu_actions()]


def card(case: StaffCase) -> dict:
    rows = [f"{t('card.ticket')}: {case.ticket}", f"{t('card.status')}: {status_label(case.status)}"]
    if case.kind == "corruption":
        rows.append(t("card.confidential"))
    else:
        rows += [f"{t('card.category')}: {case.category}", f"{t('card.division')}: {case.division}"]
        if case.place:
            rows.append(f"{t('card.place')}: {case.place}")
        if case.summary:
            rows.append(f"\n{case.summary}\n")
    rows.append(f"{t('card.assigned')}: {case.assigned or t('card.nobody')}")
    rows.append(f"{t('card.received')}: {citizen_date(case.created_at)}")
    if case.due_at and case.status in OPEN_STATUSES:
        rows.append(f"{t('card.due')}: {citizen_date(case.due_at)}")
    actions = case_actions(case)
    if not case.may_act:
        rows.append("\n" + t("st.read_only"))
    elif not actions:
        rows.append("\n" + t("st.closed", status=status_label(case.status)))
    return ui.text("\n".join(rows), actions + menu_actions())


def case_list(cases: list[StaffCase], key: str, none_key: str) -> dict:
    cases = cases[:MAX_LISTED]
    if not cases:
        return ui.text(t(none_key), menu_actions())
    lines = [t(key, n=len(cases))] + [f"• {c.ticket} {c.category or t('card.confidential')} "
                                      f"({status_label(c.status)})" for c in cases]
    return ui.text("\n".join(lines), [ui.postback(c.ticket, st("open", c.ticket)) for c in cases]
                   + [ui.postback(t("qr.cancel"), st("cancel"))])


def with_templates(body: str, templates: list[TemplateInfo]) -> dict:
    picks = [ui.postback(x.title, st("tpl", x.id), display=x.body) for x in templates[:ui.MAX_QUICK - 1]]
    return ui.text(body, picks + [ui.postback(t("qr.cancel"), st("cancel"))])


def photos_prompt(ticket: str, count: int, max_photos: int) -> dict:
    if count >= max_photos:
        body = t("ask.photos_full", n=count)
    elif count:
        body = t("ask.photos_more", n=count)
    else:
        body = t("ask.photos", ticket=ticket, max=max_photos)
    more = [ui.camera(t("qr.camera")), ui.camera_roll(t("qr.camera_roll"))] if count < max_photos else []
    done = ui.postback(t("qr.photos_done") if count else t("qr.no_photo"), st("photos"))
    return ui.text(body, more + [done, ui.postback(t("qr.cancel"), st("cancel"))])
