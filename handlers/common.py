"""Answers outside the flows (follow, groups, help, the menu), outcomes, and reading short typed words."""
from __future__ import annotations

import copy
import re
import unicodedata
from functools import lru_cache
from typing import Any

from handlers import postback as pb
from handlers import ui
from handlers.types import Context, Effect, Incoming, LogSkip, Outcome, RecordFollow, State
from messages_th import privacy as privacy_text
from messages_th import strings
from messages_th.strings import t

MENU_ORDER = ("complaint", "corruption", "track", "inquiry", "survey", "suggest", "help")
OFFER = "offer"  # not a flow: idle, remembering an unclear message the citizen may report


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

def resume_actions(resume: bool) -> list[dict]:
    """The quick reply back to an unfinished draft when there is one (`resume`), else none."""
    return [ui.postback(t("qr.resume"), pb.fl("resume"))] if resume else []


def menu_actions(resume: bool = False) -> list[dict]:
    """The main menu as quick-reply actions; `resume` first offers to go back to an unfinished draft."""
    return resume_actions(resume) + [ui.postback(t("qr." + entry), pb.menu(entry)) for entry in MENU_ORDER]


def call_office(phone: str) -> list[dict]:
    """The button that dials the office phone (a tel: link, digits only), or none when no phone is set."""
    digits = "".join(ch for ch in phone if ch.isdigit() or ch == "+")
    return [ui.uri(t("qr.call_office"), "tel:" + digits)] if digits else []


def menu_message(body: str | None = None, resume: bool = False) -> dict:
    return ui.text(body or t("menu.prompt"), menu_actions(resume))


# --- events outside the flows --------------------------------------------------------------------

def on_follow(incoming: Incoming, state: State, ctx: Context) -> Outcome:
    """A new friend: the greeting, the privacy notice and the menu. A friend back after blocking the
    account (LINE's follow.isUnblocked is not passed on in Incoming, so: a chat with a conversation
    state, or with cases) gets one short welcome back and the menu, with the way back to a draft."""
    if returning(incoming, state, ctx):
        draft = state.flow not in (None, OFFER)
        kept = state if draft else State.idle()
        return reply(kept, menu_message(t("follow.welcome_back"), resume=draft),
                     effects=(RecordFollow(True),))
    greeting = ui.text(t("follow.greeting", name=ctx.municipality_name))
    period = privacy_text.period(ctx.retention_days)  # the real RETENTION_DAYS, not a promise in prose
    privacy = ui.text(t("follow.privacy", retention=t("privacy.retention", period=period)))
    return reply(state, greeting, privacy, menu_message(), effects=(RecordFollow(True),))


def returning(incoming: Incoming, state: State, ctx: Context) -> bool:
    """Whether this chat has been with us before: LINE says so (an unblock), or a conversation state,
    or cases of its own (a follow after the account existed before this service)."""
    if incoming.unblocked or state.flow is not None:
        return True
    return bool(incoming.user_id and ctx.lookup.my_cases(incoming.user_id, limit=1))


def on_unfollow(incoming: Incoming, state: State, ctx: Context) -> Outcome:
    return Outcome(state=state, effects=(RecordFollow(False),))


def on_group(incoming: Incoming, state: State, ctx: Context) -> Outcome:
    """In a group or room: say once, on joining, that the service works in a 1:1 chat; else stay quiet."""
    if incoming.kind == "join":
        return reply(state, ui.text(t("join.group", name=ctx.municipality_name)),
                     effects=(LogSkip(f"joined a {incoming.chat_type}"),))
    return skip(state, f"{incoming.kind} event in a {incoming.chat_type} chat")


def greet(state: State, ctx: Context, resume: bool = False) -> Outcome:
    return reply(state, menu_message(t("greeting", name=ctx.municipality_name), resume))


def thanks(state: State, resume: bool = False) -> Outcome:
    return reply(state, menu_message(t("thanks"), resume))


def help_(state: State, resume: bool = False) -> Outcome:
    return reply(state, menu_message(t("help"), resume))


def offer(text: str, ctx: Context, intro: str, ask: bool = True) -> Outcome:
    """Unclear text: offer to report it as a complaint (the text is kept in the state), or the menu."""
    actions = [ui.postback(t("qr.report_this"), pb.fl("as", "complaint"))]
    actions += [ui.postback(t("qr.ask_this"), pb.fl("as", "inquiry"))] if ask else []
    actions += menu_actions()[1:]
    state = State(flow=OFFER, step=OFFER, data={"text": text[: ctx.max_text_length]})
    return reply(state, ui.text(intro, actions))


def unknown(state: State) -> Outcome:
    return reply(state, menu_message(t("unknown")))


# --- typed words ---------------------------------------------------------------------------------

@lru_cache(maxsize=256)  # as keywords.clean: a few hundred recent texts, each up to LINE's 5,000 letters
def plain(text: str) -> str:
    """A short typed answer reduced for comparison: lower case, letters and marks only, no polite ending.
    Kept per text: one message is reduced so by most readers on its way (word, command, survey...)."""
    value = "".join(ch for ch in (text or "").lower() if unicodedata.category(ch)[0] in "LMN")
    value = value.replace("\u0e46", "")  # the repeat sign
    for _ in range(2):  # e.g. "na" + "kha" stacked
        for ending in strings.ENDINGS:
            if value.endswith(ending) and len(value) > len(ending):
                value = value[: -len(ending)]
    return value


@lru_cache(maxsize=1)
def _plain_words() -> tuple[tuple[str, frozenset[str]], ...]:
    """strings.WORDS reduced once: every typed message is compared with all of them (reducing
    them per message was a third of a greeting's CPU in the worker)."""
    return tuple((name, frozenset(plain(w) for w in words)) for name, words in strings.WORDS.items())


@lru_cache(maxsize=1)
def _plain_commands() -> dict[str, str]:
    found: dict[str, str] = {}
    for phrase, entry in strings.COMMANDS.items():
        found.setdefault(plain(phrase), entry)  # the first phrase listed wins, as it did
    return found


def word(text: str) -> str | None:
    """Which button-like word a short message is ("cancel", "back", "skip"...), if any."""
    value = plain(text)
    if not value or len(value) > 30:
        return None
    for name, words in _plain_words():
        if value in words:
            return name
    for name, pattern in strings.WORD_PATTERNS.items():
        if re.fullmatch(pattern, value):
            return name
    return None


def command(text: str) -> str | None:
    """The menu entry a whole message names ("main", "complaint", "track"...), if any."""
    value = plain(text)
    if not value or len(value) > 30:
        return None
    return _plain_commands().get(value)
