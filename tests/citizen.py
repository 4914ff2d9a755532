"""A simulated citizen for end-to-end tests: sends signed events, lets the worker run, reads what
the fake LINE API received, and taps quick replies by their label like a person would."""
from __future__ import annotations

import itertools
import re
from typing import Any

from bot.devchat import events as ev
from tests.conftest import post_body
from tests.media_files import JPEG

_ids = itertools.count(1)


class Citizen:
    def __init__(self, client: Any, worker: Any, fake_line: Any, user_id: str | None = None):
        self.client, self.worker, self.store = client, worker, fake_line.store
        self.user_id = user_id or f"U{next(_ids):032x}"
        self.seen = 0

    # --- sending ---------------------------------------------------------------------------------
    def send(self, event: dict[str, Any]) -> list[dict[str, Any]]:
        resp = post_body(self.client, ev.webhook_body([event]))
        assert resp.status_code == 200, resp.data
        self.worker.drain()
        return self.new_messages()

    def token(self) -> str:
        return self.store.issue_reply_token(self.user_id)

    def follow(self) -> list[dict[str, Any]]:
        return self.send(ev.follow_event(self.user_id, reply_token=self.token()))

    def say(self, text: str) -> list[dict[str, Any]]:
        return self.send(ev.text_event(self.user_id, text, reply_token=self.token()))

    def postback(self, data: str, display: str = "") -> list[dict[str, Any]]:
        return self.send(ev.postback_event(self.user_id, data, reply_token=self.token()))

    def photo(self, content: bytes, content_type: str = "image/jpeg") -> list[dict[str, Any]]:
        message_id = f"{next(_ids):014d}"
        self.store.put_content(message_id, content, content_type)
        return self.send(ev.image_event(self.user_id, message_id, reply_token=self.token()))

    def location(self, lat: float, lng: float, title: str = "", address: str = "") -> list[dict[str, Any]]:
        return self.send(ev.location_event(self.user_id, lat, lng, title, address, reply_token=self.token()))

    def tap(self, label_part: str) -> list[dict[str, Any]]:
        """Tap the quick reply (or Flex button) of the latest bot message whose label contains the text."""
        action = self.find_action(label_part)
        if action["type"] == "postback":
            return self.postback(action["data"], action.get("displayText", ""))
        if action["type"] == "message":
            return self.say(action["text"])
        raise AssertionError(f"cannot tap a {action['type']} action in a test: {action}")

    # --- reading ---------------------------------------------------------------------------------
    def all_messages(self) -> list[dict[str, Any]]:
        return self.store.messages_for(self.user_id)

    def new_messages(self) -> list[dict[str, Any]]:
        msgs = self.all_messages()
        new, self.seen = msgs[self.seen:], len(msgs)
        return new

    def last_actions(self) -> list[dict[str, Any]]:
        msgs = self.all_messages()
        if not msgs:
            return []
        actions = [i["action"] for i in (msgs[-1].get("quickReply") or {}).get("items", [])]
        for m in msgs[-3:]:
            actions += list(_flex_actions(m.get("contents") or {}))
        return actions

    def find_action(self, label_part: str) -> dict[str, Any]:
        actions = self.last_actions()
        for a in actions:
            if label_part in (a.get("label") or ""):
                return a
        raise AssertionError(f"no action labelled {label_part!r}; have {[a.get('label') for a in actions]}")

    def labels(self) -> list[str]:
        return [a.get("label", "") for a in self.last_actions()]


def text_of(messages: list[dict[str, Any]]) -> str:
    """All readable text in some messages (text messages, Flex texts, alt texts)."""
    parts: list[str] = []
    for m in messages:
        if m.get("type") == "text":
            parts.append(m["text"])
        if m.get("type") == "flex":
            parts.append(m.get("altText", ""))
            parts.extend(_flex_texts(m.get("contents") or {}))
    return "\n".join(parts)


def _flex_texts(node: Any) -> list[str]:
    out: list[str] = []
    if isinstance(node, dict):
        if node.get("type") in ("text", "span") and isinstance(node.get("text"), str):
            out.append(node["text"])
        for v in node.values():
            out += _flex_texts(v)
    elif isinstance(node, list):
        for v in node:
            out += _flex_texts(v)
    return out


def _flex_actions(node: Any) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    if isinstance(node, dict):
        if node.get("type") == "button" and isinstance(node.get("action"), dict):
            out.append(node["action"])
        for v in node.values():
            out += _flex_actions(v)
    elif isinstance(node, list):
        for v in node:
            out += _flex_actions(v)
    return out


TICKET = re.compile(r"\bNMK\d{4}-\d{4,}\b")


CORRUPTION_TICKET = re.compile(r"\bNMKC\d{4}-\d{4,}\b")


def file_street_light_complaint(c: Citizen) -> str:
    c.follow()
    reply = text_of(c.say("ไฟถนนหน้าบ้านดับมา 3 วันแล้วค่ะ มืดมาก"))
    assert "ไฟฟ้าสาธารณะ" in reply  # the category suggested from the text
    c.tap("ใช่ หมวดนี้")
    c.photo(JPEG)
    c.tap("เสร็จแล้ว")
    c.location(16.5757, 103.4955, "หน้าบ้านเลขที่ 12", "หมู่ 3 ต.นามะเขือ อ.สหัสขันธ์ จ.กาฬสินธุ์")
    c.tap("ไม่ระบุตัวตน")
    summary = text_of(c.new_messages() or c.all_messages()[-2:])
    assert "ไฟถนนหน้าบ้านดับ" in summary
    done = text_of(c.tap("ยืนยัน"))
    found = TICKET.search(done)
    assert found, done
    return found.group(0)
