"""Flex message contents as data: the confirmation summary, a case's status, and the "my cases" carousel."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from messages_th.dates import citizen_date, citizen_datetime, status_label
from messages_th.strings import t

MAX_BUBBLES = 12
MAX_VALUE = 400  # characters of one row's value; keeps a bubble far below LINE's 30 KB
MAX_BUTTON_LABEL = 40

STATUS_COLOURS = {
    "received": "#1E88E5",
    "in_progress": "#FB8C00",
    "resolved": "#43A047",
    "forwarded": "#8E24AA",
    "rejected": "#757575",
    "cancelled": "#9E9E9E",
}
HEADER_COLOUR = "#0B6E4F"


def _short(value: object, limit: int = MAX_VALUE) -> str:
    text = str(value if value not in (None, "") else t("sum.none"))
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def _row(name: str, value: object) -> dict:
    return {
        "type": "box", "layout": "baseline", "spacing": "sm",
        "contents": [
            {"type": "text", "text": _short(name, 40), "size": "sm", "color": "#6B6B6B", "flex": 3,
             "wrap": True},
            {"type": "text", "text": _short(value), "size": "sm", "color": "#111111", "flex": 6,
             "wrap": True},
        ],
    }


def _buttons(buttons: Iterable[tuple[str, str]], primary_first: bool = True) -> list[dict]:
    """Flex buttons; the first one is the green primary action unless `primary_first` is False."""
    out = []
    for i, (text, data) in enumerate(buttons):
        label = _short(text, MAX_BUTTON_LABEL)
        primary = primary_first and i == 0
        out.append({
            "type": "button", "height": "sm", "style": "primary" if primary else "secondary",
            "color": HEADER_COLOUR if primary else None,
            "action": {"type": "postback", "label": label, "data": data[:300], "displayText": label},
        })
    for button in out:  # Flex refuses a null colour: drop it instead
        if button["color"] is None:
            del button["color"]
    return out


def _bubble(title: str, header_colour: str, rows: list[dict], buttons: Iterable[tuple[str, str]],
            subtitle: str = "", primary_first: bool = True) -> dict:
    header = [{"type": "text", "text": _short(title, 80), "weight": "bold", "color": "#FFFFFF",
               "size": "md", "wrap": True}]
    if subtitle:
        header.append({"type": "text", "text": _short(subtitle, 80), "color": "#FFFFFF", "size": "sm",
                       "wrap": True})
    bubble = {
        "type": "bubble", "size": "kilo",
        "header": {"type": "box", "layout": "vertical", "backgroundColor": header_colour,
                   "contents": header},
        "body": {"type": "box", "layout": "vertical", "spacing": "sm", "contents": rows or [
            {"type": "text", "text": t("sum.none")}]},
    }
    footer = _buttons(buttons, primary_first)
    if footer:
        bubble["footer"] = {"type": "box", "layout": "vertical", "spacing": "sm", "contents": footer}
    return bubble


def choice_bubble(title: str, buttons: Iterable[tuple[str, str]]) -> dict:
    """A list to choose from: one full-width button per (label, postback data), none highlighted."""
    bubble = _bubble(title, HEADER_COLOUR, [], ())
    bubble["body"]["contents"] = _buttons(buttons, primary_first=False)
    return bubble


def question_bubble(question: str, buttons: Iterable[tuple[str, str]]) -> dict:
    """A question with its answers as buttons, none highlighted: for a question that must be answerable
    where quick replies are not shown (LINE for PC)."""
    return {"type": "bubble", "size": "kilo",
            "body": {"type": "box", "layout": "vertical", "contents": [
                {"type": "text", "text": _short(question, 300), "wrap": True}]},
            "footer": {"type": "box", "layout": "vertical", "spacing": "sm",
                       "contents": _buttons(buttons, primary_first=False)}}


def summary_bubble(title: str, rows: Iterable[tuple[str, object]],
                   buttons: Iterable[tuple[str, str]] = ()) -> dict:
    """A draft to confirm: one (name, value) row each, buttons as (label, postback data)."""
    return _bubble(title, HEADER_COLOUR, [_row(n, v) for n, v in rows], buttons)


def status_bubble(*, ticket: str, status: str, kind: str = "complaint", category: str = "",
                  division: str = "", created_at: datetime | None = None,
                  updated_at: datetime | None = None, due_at: datetime | None = None,
                  last_message: str = "", summary: str = "",
                  buttons: Iterable[tuple[str, str]] = ()) -> dict:
    """One case as its reporter sees it; a corruption report shows no details, only where it stands.

    The status is said once, under the ticket in the coloured header; dates are in one style with the
    whole Buddhist-era year. `buttons` are side actions (withdrawing): never the green primary one.
    """
    code = str(getattr(status, "value", status))
    rows = []
    if kind == "corruption":
        rows.append(_row(t("tr.category"), t("tr.kind_corruption")))
    else:
        if summary:
            rows.append(_row(t("sum.description"), _short(summary, 120)))
        rows.append(_row(t("tr.category"), category))
        rows.append(_row(t("tr.division"), division))
    if created_at:
        rows.append(_row(t("tr.created"), citizen_date(created_at)))
    if updated_at:
        rows.append(_row(t("tr.updated"), citizen_datetime(updated_at)))
    if due_at and code in ("received", "in_progress", "forwarded"):
        rows.append(_row(t("tr.due"), citizen_date(due_at)))
    if last_message and kind != "corruption":
        rows.append(_row(t("tr.staff_message"), last_message))
    return _bubble(ticket, STATUS_COLOURS.get(code, HEADER_COLOUR), rows, buttons,
                   subtitle=t("tr.status_line", status=status_label(code)), primary_first=False)


def cases_carousel(bubbles: Iterable[dict]) -> dict:
    """Up to 12 status bubbles side by side."""
    return {"type": "carousel", "contents": list(bubbles)[:MAX_BUBBLES]}
