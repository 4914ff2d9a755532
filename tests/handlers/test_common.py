"""Everything outside the flows: follow, groups, standby, stickers, files, long text, the menu; and
dispatch never raising, whatever it is sent in whatever state."""
from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from handlers import ui
from handlers.dispatch import dispatch
from handlers.types import Incoming, Location, LogSkip, RecordFollow, State
from messages_th.strings import t
from tests.handlers.conftest import (
    MUNICIPALITY,
    Chat,
    all_text,
    check_outcome,
    data_of,
    effects_of,
    labels,
    quick,
    words_of,
)

MENU = ["menu:complaint", "menu:corruption", "menu:track", "menu:inquiry", "menu:survey", "menu:suggest",
        "menu:help"]


def test_follow_greets_with_privacy_notice_and_menu(chat: Chat) -> None:
    out = chat.send("follow")
    assert effects_of(out, RecordFollow) == [RecordFollow(True)]
    text = all_text(out)
    assert MUNICIPALITY in text
    for topic in ("ข้อมูลที่เก็บ", "เพื่อ", "ระยะเวลา", "ผู้เห็น"):  # what, why, how long, who sees it
        assert topic in text
    assert data_of(out) == MENU
    assert len(out.replies) <= 5


def test_unfollow_records_and_stays_silent(chat: Chat) -> None:
    chat.text("ไฟทางดับ")
    before = chat.state
    out = chat.send("unfollow")
    assert out.replies == () and effects_of(out, RecordFollow) == [RecordFollow(False)]
    assert chat.state == before


def test_join_a_group_asks_for_a_private_chat(chat: Chat) -> None:
    out = chat.send("join", chat_type="group")
    assert len(out.replies) == 1 and "ส่วนตัว" in all_text(out)


@pytest.mark.parametrize("kind", ["text", "image", "sticker", "postback", "leave", "member_joined"])
def test_group_events_are_skipped(chat: Chat, kind: str) -> None:
    out = chat.send(kind, chat_type="room", text="ไฟทางดับ", postback="menu:complaint")
    assert out.replies == () and effects_of(out, LogSkip)


def test_standby_mode_is_skipped(chat: Chat) -> None:
    out = chat.send("text", text="สวัสดี", mode="standby")
    assert out.replies == () and effects_of(out, LogSkip)


@pytest.mark.parametrize("kind", ["other", "unsend", "something-new"])
def test_unknown_events_are_skipped(chat: Chat, kind: str) -> None:
    out = chat.send(kind)
    assert out.replies == () and effects_of(out, LogSkip) and chat.state == State.idle()


def test_sticker_gets_a_friendly_reply_and_menu(chat: Chat) -> None:
    out = chat.send("sticker")
    assert "สติกเกอร์" in all_text(out) and data_of(out) == MENU


def test_files_are_explained(chat: Chat) -> None:
    out = chat.send("file", message_id="m1")
    assert "รูปภาพ" in all_text(out) and not out.effects and data_of(out) == MENU


@pytest.mark.parametrize("kind", ["audio", "video"])
def test_a_voice_message_or_video_is_offered_the_office_phone_and_the_menu(ctx, kind: str) -> None:
    """The trial: a voice message got the answer about documents, with no phone: a dead end for
    someone who cannot type. Now: the office phone (OFFICE_PHONE), a button that calls it, the menu."""
    chat = Chat(dataclasses.replace(ctx, office_phone="0 4300 0000"))
    out = chat.send(kind, message_id="m1")
    [message] = out.replies
    assert "0 4300 0000" in message["text"] and "เอกสาร" not in message["text"] and not out.effects
    actions = quick(out)
    assert actions[0] == {"type": "uri", "label": "โทรหาเจ้าหน้าที่", "uri": "tel:043000000"}
    assert data_of(out) == MENU and len(actions) <= 13


def test_a_voice_message_without_an_office_phone_still_offers_the_menu(chat: Chat) -> None:
    out = chat.send("audio", message_id="m1")
    assert data_of(out) == MENU and [a for a in quick(out) if a["type"] == "uri"] == []
    assert "สำนักงานเทศบาลตำบลนามะเขือ" in all_text(out)


def test_a_voice_message_in_a_flow_keeps_the_draft_and_offers_it_back(chat: Chat) -> None:
    chat.text("ไฟทางดับ")
    before = chat.state
    out = chat.send("audio", message_id="a1")
    assert chat.state == before and data_of(out)[0] == "fl:resume"


def test_too_long_text_keeps_the_state(chat: Chat, ctx) -> None:
    chat.text("ไฟทางดับ")
    before = chat.state
    out = chat.text("ก" * (ctx.max_text_length + 1))
    assert chat.state == before and str(ctx.max_text_length) in all_text(out)
    assert "cx:catok" in data_of(out)
    idle = Chat(ctx)
    out = idle.text("ข" * 100_000)
    assert idle.state == State.idle() and data_of(out) == MENU


def test_greeting_and_thanks(chat: Chat) -> None:
    out = chat.text("สวัสดีครับ")
    assert MUNICIPALITY in all_text(out) and data_of(out) == MENU
    out = chat.text("ขอบคุณค่ะ")
    assert "ยินดี" in all_text(out) and chat.state == State.idle()


@pytest.mark.parametrize("entry, flow, step", [("menu:inquiry", "inquiry", "ask"),
                                               ("menu:survey", "survey", "service"),
                                               ("menu:suggest", "suggestion", "text")])
def test_feedback_entries_open_their_flows(chat: Chat, entry: str, flow: str, step: str) -> None:
    out = chat.tap(entry)
    assert (chat.state.flow, chat.state.step) == (flow, step) and out.replies
    assert "เร็วๆ นี้" not in all_text(out)


def test_help_and_main_menu(chat: Chat) -> None:
    assert "ยกเลิก" in all_text(chat.tap("menu:help"))
    out = chat.tap("menu:main")
    assert data_of(out) == MENU
    assert data_of(chat.text("เมนู")) == MENU


def test_menu_mid_flow_offers_to_resume(chat: Chat) -> None:
    chat.text("ไฟทางดับ")
    out = chat.tap("menu:help")
    assert data_of(out)[0] == "fl:resume" and chat.state.flow == "complaint"


def test_cancel_when_nothing_is_open(chat: Chat) -> None:
    out = chat.text("ยกเลิก")
    assert "ไม่มีเรื่อง" in all_text(out) and not out.effects


def test_unclear_text_is_offered_as_a_complaint(chat: Chat) -> None:
    out = chat.text("ทำไมเรื่องนี้ไม่มีใครสนใจเลย เบื่อมาก")
    assert "fl:as:complaint" in data_of(out) and chat.state.flow == "offer"
    chat.tap("fl:as:complaint")
    assert (chat.state.flow, chat.state.step) in {("complaint", "category_list"), ("complaint", "category")}
    assert chat.state.data["draft"]["description"].startswith("ทำไมเรื่องนี้")


def test_inquiry_with_a_topic_can_become_a_complaint(chat: Chat) -> None:
    out = chat.text("อยากสอบถามว่าไฟทางหน้าบ้านดับ ต้องแจ้งที่ไหน")
    assert "fl:as:complaint" in data_of(out)
    out = chat.text("สอบถามเรื่องภาษีที่ดินค่ะ")  # answered from the FAQ at once
    assert "ภาษีที่ดิน" in words_of(chat.after(out, {0: {"inquiry_id": 7}})) and chat.state == State.idle()


def test_unknown_postback_and_short_gibberish(chat: Chat, ctx) -> None:
    for data in ("", "zzz", "menu:nothing", "fl:as:complaint", "fl:resume", "fl:drop", "::::"):
        out = chat.tap(data)
        assert out.replies and chat.state == State.idle()
    out = chat.text("อืม")
    assert data_of(out) == MENU


def test_location_out_of_the_blue_starts_a_complaint(chat: Chat) -> None:
    chat.location(16.7, 103.5, "หน้าตลาด")
    assert chat.state.step == "describe"
    assert chat.state.data["draft"]["location"]["title"] == "หน้าตลาด"


def test_broken_stored_state_is_reset(ctx) -> None:
    for raw in ({"flow": "complaint", "step": "nowhere", "data": {"draft": {}}},
                {"flow": "complaint", "step": "photos", "data": {"draft": "not a dict"}},
                {"flow": "survey", "step": "q1", "data": {}},
                {"flow": "corruption", "step": "confirm", "data": {"draft": {"photos": None}}}):
        chat = Chat(ctx)
        chat.state = State.from_json(raw)
        for event in (lambda: chat.text("ยืนยัน"), lambda: chat.image("x"), lambda: chat.tap("cx:ok"),
                      lambda: chat.tap("cr:ok")):
            out = event()
            assert out.replies  # never an empty draft submitted, always an answer


# --- dispatch never raises ------------------------------------------------------------------------

def _states(ctx) -> list[State]:
    """A state at every step of both flows, reached by really walking them."""
    seen: list[State] = [State.idle(), State("offer", "offer", {"text": "x"})]
    walks = [
        ["menu:complaint", "t:ไฟทางดับหน้าบ้าน", "cx:catok", "i:a", "cx:next", "cx:next", "cx:give",
         "t:สมชาย 0812345678", "cx:edit", "cx:ed:cat"],
        ["t:ขยะล้น", "cx:cats"],
        ["menu:corruption", "t:นาย ก", "t:เรียกรับเงิน", "i:b", "cr:next", "cr:give", "cr:anon", "cr:edit"],
        ["t:เจ้าหน้าที่เรียกเงิน", "t:นาย ข"],
        ["t:ไฟทางดับ", "menu:corruption"],
    ]
    for walk in walks:
        chat = Chat(ctx)
        for step in walk:
            if step.startswith("t:"):
                chat.text(step[2:])
            elif step.startswith("i:"):
                chat.image(step[2:])
            else:
                chat.tap(step)
            seen.append(chat.state)
    return seen


thai_text = st.text(alphabet=st.sampled_from(list("กขคงจฉชซญดตถทนบปผพฟมยรลวสหอฮะาิีึืุูเแโใไ่้๊๋ั็์ๆฯ ")), max_size=60)
postback_data = st.one_of(
    st.text(max_size=80),
    st.builds(lambda ns, a, arg: f"{ns}:{a}:{arg}", st.sampled_from(["menu", "cx", "cr", "tr", "fl", "zz"]),
              st.sampled_from(["complaint", "cat", "catok", "cats", "next", "ok", "edit", "ed", "cancel", "back",
                               "give", "anon", "line", "case", "yes", "keep", "resume", "new", "drop", "as", "x"]),
              st.one_of(st.text(max_size=20), st.sampled_from(["", "1", "99", "-1", "desc", "NMK6810-0001",
                                                                "complaint", "corruption"]))),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(index=st.integers(min_value=0, max_value=40), kind=st.sampled_from(
    ["text", "postback", "image", "location", "sticker", "file", "follow", "unfollow", "other"]),
    text=st.one_of(thai_text, st.text(max_size=200)), data=postback_data)
def test_dispatch_never_raises(ctx, lookup, index: int, kind: str, text: str, data: str) -> None:
    lookup.add("U-citizen", "NMK6810-0001")
    states = _states(ctx)
    state = states[index % len(states)]
    incoming = Incoming(kind=kind, chat_type="user", chat_key="U-citizen", user_id="U-citizen",
                        timestamp=datetime(2025, 10, 1, tzinfo=UTC), text=text, postback=data,
                        message_id="m-" + text[:10], location=Location(16.7, 103.5) if kind == "location" else None)
    out = dispatch(incoming, state, ctx)
    check_outcome(out)
    if kind not in ("unfollow", "other"):
        assert out.replies or out.replies_after, "never silence in a 1:1 chat"
    for message in out.replies:
        for item in message.get("quickReply", {}).get("items", []):
            assert len(item["action"]["label"]) <= ui.MAX_LABEL


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(flow=st.sampled_from(["complaint", "corruption", "offer", None, "x"]),
       step=st.one_of(st.none(), st.text(max_size=12), st.sampled_from(["photos", "confirm", "edit", "contact"])),
       data=st.dictionaries(st.sampled_from(["draft", "suggest", "pending", "edit", "text", "line_name"]),
                            st.one_of(st.none(), st.integers(), st.text(max_size=5), st.lists(st.integers()),
                                      st.dictionaries(st.text(max_size=8), st.text(max_size=8)))),
       text=thai_text)
@example(flow="complaint", step="photos", data={"pending": 5}, text="ไฟดับ")  # a "pending" that is no mapping
def test_dispatch_survives_any_stored_state(ctx, flow, step, data, text) -> None:
    state = State(flow=flow, step=step, data=data)
    for kind, extra in (("text", {"text": text or "x"}), ("postback", {"postback": "cx:ok"}),
                        ("image", {"message_id": "m"}), ("postback", {"postback": "fl:new:complaint"})):
        incoming = Incoming(kind=kind, chat_type="user", chat_key="U", user_id="U",
                            timestamp=datetime(2025, 10, 1, tzinfo=UTC), **extra)
        out = dispatch(incoming, state, ctx)
        check_outcome(out)  # LINE's limits, and no handler error turned into the apology
        assert t("error") not in all_text(out), (flow, step, data, kind)
        assert out.replies or out.replies_after


def test_a_handler_bug_becomes_an_apology(ctx, monkeypatch) -> None:
    import dataclasses

    from handlers import flows

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setitem(flows.FLOWS, "complaint", dataclasses.replace(flows.FLOWS["complaint"], start=broken))
    state = State.idle()
    out = dispatch(Incoming(kind="text", chat_type="user", chat_key="U", user_id="U", text="ไฟทางดับ",
                            timestamp=datetime(2025, 10, 1, tzinfo=UTC)), state, ctx)
    assert out.state == state and "ขออภัย" in all_text(out)
    assert [e.reason.split(":")[0] for e in effects_of(out, LogSkip)] == ["error"]
    assert labels(out)


# --- the message builders keep LINE's limits ---------------------------------------------------------

def test_text_is_cut_by_utf16_units_without_splitting_characters() -> None:
    message = ui.text("😀" * 3000)
    assert ui.utf16_len(message["text"]) <= 5000 and message["text"].endswith("\u2026")
    assert "\ud83d" not in message["text"]
    original = "ที่นี่" * 10
    thai = ui.clip(original, 20)
    kept = thai[:-1]
    assert len(thai) <= 20 and original.startswith(kept)
    assert original[len(kept)] not in "\u0e35\u0e48"  # the cut is not between a letter and its marks


def test_labels_and_quick_replies_are_bounded() -> None:
    assert ui.label("เหตุเดือดร้อนรำคาญ (เสียง กลิ่น ควัน การเผา)") == "เหตุเดือดร้อนรำคาญ"
    assert len(ui.label("ก" * 50)) == 20
    actions = [ui.postback(str(i), f"x:{i}") for i in range(20)]
    items = ui.quick_reply(actions)["items"]
    assert len(items) == 13 and items[-1]["action"]["data"] == "x:19"  # the last (cancel) survives
    assert len(ui.postback("a", "d" * 400, "shown " * 100)["data"]) == 300
    assert len(ui.postback("a", "d", "shown " * 100)["displayText"]) <= 300
    kept = ui.limit_replies([ui.text(str(i)) for i in range(8)])
    assert len(kept) == 5 and kept[-1]["text"] == "7"
    carousel = ui.flex("a" * 2000, {"type": "carousel", "contents": [{"type": "bubble"}] * 15})
    assert ui.problems(carousel) == [] and len(carousel["contents"]["contents"]) == 12


def test_problems_finds_broken_messages() -> None:
    bad = {"type": "text", "text": "x" * 5001,
           "quickReply": {"items": [{"type": "action", "action": {"type": "postback", "label": "y" * 21,
                                                                  "data": "z"}}] * 14}}
    assert len(ui.problems(bad)) >= 3
