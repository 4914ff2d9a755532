"""Answers outside the flows (follow, groups, stickers, files, help, the menu) and helpers the flows share."""
from __future__ import annotations

import copy
import re
import unicodedata
from typing import Any

from handlers import postback as pb
from handlers import ui
from handlers.types import Context, Effect, Incoming, LogSkip, Outcome, RecordFollow, SavePhoto, State
from messages_th import strings
from messages_th.strings import t

MENU_ORDER = ("complaint", "corruption", "track", "inquiry", "survey", "suggest", "help")
_PHONE = re.compile(r"(?:\+66[\s\-]?|(?<![\d+]))\d[\d\s\-.]{7,15}\d(?!\d)")


# --- outcomes ------------------------------------------------------------------------------------

def reply(state: State, *messages: dict, effects: tuple[Effect, ...] = ()) -> Outcome:
    """An outcome with these messages (at most 5 kept)."""
    return Outcome(state=state, replies=ui.limit_replies(messages), effects=tuple(effects))


def skip(state: State, reason: str) -> Outcome:
    """No reply, only a logged reason."""
    return Outcome(state=state, effects=(LogSkip(reason),))


def data_of(state: State) -> dict[str, Any]:
    """A private deep copy of the state's data, safe to change."""
    return copy.deepcopy(dict(state.data or {}))


# --- the main menu -------------------------------------------------------------------------------

def menu_actions(resume: bool = False) -> list[dict]:
    """The main menu as quick-reply actions; `resume` first offers to go back to an unfinished draft."""
    actions = [ui.postback(t("qr.resume"), pb.fl("resume"))] if resume else []
    return actions + [ui.postback(t("qr." + entry), pb.menu(entry)) for entry in MENU_ORDER]


def menu_message(body: str | None = None, resume: bool = False) -> dict:
    return ui.text(body or t("menu.prompt"), menu_actions(resume))


def in_flow(state: State) -> bool:
    return state.flow in ("complaint", "corruption")


# --- events outside the flows --------------------------------------------------------------------

def on_follow(incoming: Incoming, state: State, ctx: Context) -> Outcome:
    greeting = ui.text(t("follow.greeting", name=ctx.municipality_name))
    privacy = ui.text(t("follow.privacy", retention=t("privacy.retention")))
    return reply(state, greeting, privacy, menu_message(), effects=(RecordFollow(True),))


def on_unfollow(incoming: Incoming, state: State, ctx: Context) -> Outcome:
    return Outcome(state=state, effects=(RecordFollow(False),))


def on_group(incoming: Incoming, state: State, ctx: Context) -> Outcome:
    """In a group or room: say once, on joining, that the service works in a 1:1 chat; else stay quiet."""
    if incoming.kind == "join":
        return reply(state, ui.text(t("join.group", name=ctx.municipality_name)),
                     effects=(LogSkip("joined a %s" % incoming.chat_type),))
    return skip(state, "%s event in a %s chat" % (incoming.kind, incoming.chat_type))


def greet(state: State, ctx: Context, resume: bool = False) -> Outcome:
    return reply(state, menu_message(t("greeting", name=ctx.municipality_name), resume))


def thanks(state: State, resume: bool = False) -> Outcome:
    return reply(state, menu_message(t("thanks"), resume))


def help_(state: State, resume: bool = False) -> Outcome:
    return reply(state, menu_message(t("help"), resume))


def coming_soon(entry: str, state: State, ctx: Context, resume: bool = False) -> Outcome:
    """Inquiry, survey and suggestion: the office's contact now, the service later."""
    key = {"inquiry": "inquiry.soon", "survey": "survey.soon"}.get(entry, "suggest.soon")
    return reply(state, menu_message(t(key, office=strings.office(ctx.municipality_name)), resume))


def offer(text: str, ctx: Context, intro: str, ask: bool = True) -> Outcome:
    """Unclear text: offer to report it as a complaint (the text is kept in the state), or the menu."""
    actions = [ui.postback(t("qr.report_this"), pb.fl("as", "complaint"))]
    actions += [ui.postback(t("qr.ask_this"), pb.fl("as", "inquiry"))] if ask else []
    actions += menu_actions()[1:]
    state = State(flow="offer", step="offer", data={"text": text[: ctx.max_text_length]})
    return reply(state, ui.text(intro, actions))


def unknown(state: State) -> Outcome:
    return reply(state, menu_message(t("unknown")))


# --- typed words ---------------------------------------------------------------------------------

def plain(text: str) -> str:
    """A short typed answer reduced for comparison: lower case, letters and marks only, no polite ending."""
    value = "".join(ch for ch in (text or "").lower() if unicodedata.category(ch)[0] in "LMN")
    value = value.replace("\u0e46", "")  # the repeat sign
    for _ in range(2):  # e.g. "na" + "kha" stacked
        for ending in strings.ENDINGS:
            if value.endswith(ending) and len(value) > len(ending):
                value = value[: -len(ending)]
    return value


def word(text: str) -> str | None:
    """Which button-like word a short message is ("cancel", "back", "skip"...), if any."""
    value = plain(text)
    if not value or len(value) > 30:
        return None
    for name, words in strings.WORDS.items():
        if value in (plain(w) for w in words):
            return name
    return None


def command(text: str) -> str | None:
    """The menu entry a whole message names ("main", "complaint", "track"...), if any."""
    value = plain(text)
    if not value or len(value) > 30:
        return None
    for phrase, entry in strings.COMMANDS.items():
        if value == plain(phrase):
            return entry
    return None


# --- contact details -----------------------------------------------------------------------------

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


# --- drafts --------------------------------------------------------------------------------------

def fill(draft: object, blank: dict) -> dict:
    """A stored draft with every key of `blank`; a value of the wrong type (an older or broken row) is reset."""
    draft = draft if isinstance(draft, dict) else {}
    out = {}
    for key, empty in blank.items():
        value = draft.get(key, empty)
        if key == "photos":
            value = [str(p) for p in value] if isinstance(value, list) else []
        elif key == "category_id":
            value = value if isinstance(value, int) and not isinstance(value, bool) else None
        elif key == "location":
            value = value if isinstance(value, dict) and {"latitude", "longitude"} <= set(value) else None
        elif not isinstance(value, type(empty)):
            value = empty
        out[key] = value
    return out


# --- photos --------------------------------------------------------------------------------------

def add_photo(draft: dict, incoming: Incoming, purpose: str, max_photos: int) -> tuple[bool, tuple]:
    """Count an image into the draft: (accepted, effects). Not accepted when the draft is full."""
    photos = draft.setdefault("photos", [])
    if incoming.message_id in photos:  # the same image again (a redelivery): already counted
        return True, ()
    if len(photos) >= max_photos or not incoming.message_id:
        return False, ()
    photos.append(incoming.message_id)
    return True, (SavePhoto(incoming.message_id, purpose),)


def set_contact(draft: dict, text: str, fallback_name: str) -> str:
    """Read a name and phone typed by the citizen into the draft: "ok", "bad" (a wrong number) or "none"."""
    phone = phone_in(text)
    if phone:
        draft.update(contact_mode="given", phone=phone, name=name_in(text) or fallback_name)
        return "ok"
    return "bad" if looks_like_phone_attempt(text) else "none"
