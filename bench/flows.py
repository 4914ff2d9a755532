"""What the benchmark's citizens send: several conversations, each a list of steps in order.

The script is blind (it does not read the bot's answers), so every step is one a person could
send at that point of the conversation: rich-menu taps, quick-reply postbacks, typed text,
a photo, a pinned place. Every step gets an answer from the bot, so "answered / sent" must be 1.
"""
from __future__ import annotations

import csv
import itertools
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from bot.devchat import events as ev

# One step: (user_id, reply_token, timestamp_ms, message_id) -> a LINE event.
Step = Callable[[str, str, int, str], dict[str, Any]]


def _text(text: str) -> Step:
    return lambda u, tok, ts, mid: ev.text_event(u, text, message_id=mid, reply_token=tok, timestamp_ms=ts)


def _tap(data: str) -> Step:
    return lambda u, tok, ts, mid: ev.postback_event(u, data, reply_token=tok, timestamp_ms=ts)


def _follow() -> Step:
    return lambda u, tok, ts, mid: ev.follow_event(u, reply_token=tok, timestamp_ms=ts)


def _photo() -> Step:
    return lambda u, tok, ts, mid: ev.image_event(u, mid, reply_token=tok, timestamp_ms=ts)


def _place() -> Step:
    return lambda u, tok, ts, mid: ev.location_event(u, 16.5757, 103.4955, "หน้าวัด", "หมู่ 3 ต.นามะเขือ",
                                                     reply_token=tok, timestamp_ms=ts)


COMPLAINT = [_follow(), _tap("menu:complaint"), _text("ไฟถนนหน้าบ้านดับมา 3 วันแล้วค่ะ มืดมาก"),
             _tap("cx:catok"), _photo(), _tap("cx:next"), _place(), _tap("cx:anon"), _tap("cx:ok"),
             _tap("menu:track")]
TYPED_COMPLAINT = [_follow(), _text("ถนนหน้าโรงเรียนเป็นหลุมลึกมาก รถจักรยานยนต์ล้มบ่อย"), _tap("cx:catok"),
                   _tap("cx:next"), _place(), _tap("cx:anon"), _tap("cx:ok"), _text("ขอบคุณค่ะ")]
CORRUPTION = [_follow(), _tap("menu:corruption"), _text("เจ้าหน้าที่กองช่าง ชื่อนายสมมติ"),
              _text("เรียกเงิน 5,000 บาทเพื่อให้ใบอนุญาตก่อสร้างผ่านเร็ว"), _tap("cr:next"), _tap("cr:anon"),
              _tap("cr:ok")]
BROWSER = [_follow(), _tap("menu:main"), _tap("menu:track"), _text("สวัสดีครับ"), _tap("menu:help"),
           _text("ติดตามเรื่อง"), _tap("menu:main")]
FLOWS: dict[str, list[Step]] = {"complaint": COMPLAINT, "typed complaint": TYPED_COMPLAINT,
                                "corruption": CORRUPTION, "menu and tracking": BROWSER}
INTENTS = Path(__file__).resolve().parent.parent / "data" / "nlu" / "intents.csv"
OPENERS = ("", "สวัสดีค่ะ ", "ขอสอบถามหน่อยครับ ", "รบกวนถามค่ะ ")
CLOSERS = ("", " ครับ", " ค่ะ", " นะคะ", " จ้า")


@cache
def questions() -> list[str]:
    """Distinct questions as citizens type them: the labelled inquiries of data/nlu/intents.csv, each
    with an opener, a closing particle and a village number (27,840 texts): the same text sent by
    4,000 people would be read once and then found in the readers' per-text caches."""
    with INTENTS.open(encoding="utf-8") as f:
        asked = [row["text"] for row in csv.DictReader(f) if row["intent"] == "inquiry"]
    return [f"{opener}{text} บ้านอยู่หมู่ {village}{closer}" for village in range(1, 13) for closer in CLOSERS
            for opener in OPENERS for text in asked]


def _question() -> Step:
    """The user's own question: the n-th citizen (user id U + n in hex) asks the n-th text."""
    def step(u: str, tok: str, ts: int, mid: str) -> dict[str, Any]:
        texts = questions()
        return ev.text_event(u, texts[int(u[1:], 16) % len(texts)], message_id=mid, reply_token=tok, timestamp_ms=ts)
    return step


# One-message conversations for the burst of issue 14 (4,000 chats that each say one thing): the
# cheapest text to answer, and a question for the FAQ (word segmentation and ranking), a different
# one from each citizen.
SINGLE: dict[str, list[Step]] = {"greeting": [_text("สวัสดีครับ")], "question": [_question()]}
SCENARIOS = ("mixed", *SINGLE)


def schedule(n_events: int, n_users: int, scenario: str = "mixed") -> list[tuple[str, Step, str]]:
    """(user_id, step, flow name) in sending order: round-robin over the users, so that a user's
    next step comes long after the previous one, as when people type; each user follows one flow,
    restarting it when done. "mixed": the four conversations of FLOWS; otherwise one of SINGLE."""
    flows = FLOWS if scenario == "mixed" else {scenario: SINGLE[scenario]}
    names = list(flows)
    users = [(f"U{i:032x}", names[i % len(names)]) for i in range(n_users)]
    progress = {u: 0 for u, _ in users}
    out: list[tuple[str, Step, str]] = []
    for user, flow in itertools.cycle(users):
        if len(out) >= n_events:
            break
        steps = flows[flow]
        out.append((user, steps[progress[user] % len(steps)], flow))
        progress[user] += 1
    return out
