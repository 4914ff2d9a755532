"""The contact step both report flows end with: a name and phone typed by the citizen, or none.

The buttons "anonymous" and "give contact" are read with the other shared buttons in `report.act`;
the complaint flow adds "use my LINE name".
"""
from __future__ import annotations

import re

from handlers import postback as pb
from handlers import report, report_prompts, ui
from handlers.types import Context, Outcome
from messages_th import strings
from messages_th.strings import t

STEPS = ("contact", "contact_given")
_PHONE = re.compile(r"(?:\+66[\s\-]?|(?<![\d+]))\d[\d\s\-.]{7,15}\d(?!\d)")


def typed(flow: report.Flow, text: str, data: dict, step: str, ctx: Context, fallback_name: str
          ) -> Outcome | None:
    """A name and phone typed at a contact step; a wrong number asks again; None when it has no number
    at the first contact step (it may be about something else)."""
    result = set_contact(data["draft"], text, fallback_name)
    if result == "ok":
        return report.forward(flow, data, "contact", ctx)
    if result == "bad" or step == "contact_given":
        return report.go(flow, data, "contact_given", ctx, before=(ui.text(t("cx.bad_phone")),))
    return None


def given_prompt(ns: str, editing: bool = False) -> list[dict]:
    """Ask for a name and phone, with the way out to anonymous."""
    return [ui.text(t("cx.ask_name_phone"), [ui.postback(t("qr.anonymous"), pb.encode(ns, "anon"))]
                    + report_prompts.nav(ns, editing=editing))]


def summary(draft: dict) -> str:
    """The contact as the summary shows it: the name, the phone, or both, never an empty part."""
    mode = draft.get("contact_mode")
    name, phone = " ".join(str(draft.get("name") or "").split()), str(draft.get("phone") or "").strip()
    if mode == "line" and name:
        return t("contact.line", name=name)
    if mode == "given" and (name or phone):
        if name and phone:
            return t("contact.given", name=name, phone=phone)
        return t("contact.phone_only", phone=phone) if phone else name
    return t("contact.anonymous")


# --- reading what was typed ----------------------------------------------------------------------

def set_contact(draft: dict, text: str, fallback_name: str) -> str:
    """Read a name and phone typed by the citizen into the draft: "ok", "bad" (a wrong number) or "none"."""
    phone = phone_in(text)
    if phone:
        draft.update(contact_mode="given", phone=phone, name=name_in(text) or fallback_name)
        return "ok"
    return "bad" if looks_like_phone_attempt(text) else "none"


def phone_in(text: str) -> str | None:
    """A Thai phone number in the text (9-10 digits from 0, or +66...), as written digits only."""
    for match in _PHONE.finditer(text or ""):
        digits = re.sub(r"\D", "", match.group(0))
        if match.group(0).startswith("+66"):
            digits = "0" + digits[2:]
        if digits.startswith("0") and 9 <= len(digits) <= 10:
            return digits
    return None


def looks_like_phone_attempt(text: str) -> bool:
    """More than a few digits: the citizen tried to give a number."""
    return len(re.sub(r"\D", "", text or "")) >= 5


def name_in(text: str) -> str:
    """The text without the phone number and filler words: what is left is the name."""
    name = _PHONE.sub(" ", text or "")
    for noise in strings.CONTACT_NOISE:
        name = name.replace(noise, " ")
    name = re.sub(r"[\d:;,/|\-]+", " ", name)
    return " ".join(w for w in name.split() if w not in strings.ENDINGS)[:100]
