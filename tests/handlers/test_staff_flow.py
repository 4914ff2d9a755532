"""The staff flow as a pure handler (handlers/staff.py): what it offers and asks for, over a fake
StaffLookup; the rules and the writing are tested end to end in tests/staffline/."""
from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest

from handlers.staff_types import LinkStaff, StaffAct, StaffCase, StaffInfo, TemplateInfo
from handlers.types import DiscardDraft, SavePhoto, State
from tests.handlers.conftest import NOW, Chat, labels, words_of

TICKET = "NMK6912-0001"


class FakeStaff:
    def __init__(self, may_act: bool = True, kind: str = "complaint"):
        self.case = StaffCase(ticket=TICKET, kind=kind, status="received", category="ไฟฟ้าสาธารณะ",
                              division="กองช่าง", summary="ไฟดับ", place="หน้าวัด", created_at=NOW,
                              due_at=NOW + timedelta(days=15), assigned="", mine=False, may_act=may_act)

    def staff_me(self, user_id):
        return StaffInfo(1, "ช่าง", "กองช่าง") if user_id == "U-staff" else None

    def staff_cases(self, user_id, which, limit=10):
        return [self.case]

    def staff_case(self, ticket, user_id):
        return self.case if ticket == TICKET else None

    def staff_divisions(self, ticket):
        return [(2, "กองคลัง")] if ticket == TICKET else []

    def staff_templates(self, ticket):
        return [TemplateInfo(7, "สั่งของแล้ว", "สั่งอุปกรณ์แล้วค่ะ")]


@pytest.fixture
def staff_chat(ctx) -> Chat:
    return Chat(dataclasses.replace(ctx, staff=FakeStaff()), user_id="U-staff")


def test_a_code_becomes_a_link_effect_and_its_answer(ctx):
    chat = Chat(ctx)
    out = chat.text("๑๒๓ ๔๕๖")
    assert out.effects == (LinkStaff("123456"),)
    assert "เรียบร้อยแล้ว" in words_of(chat.after(out, {0: {"result": "linked", "name": "ช่าง"}}))
    for why, said in (("wrong", "ไม่ถูกต้อง"), ("expired", "หมดอายุ"), ("throttled", "หลายครั้ง")):
        assert said in words_of(chat.after(out, {0: {"result": why}}))


def test_without_staff_the_buttons_say_so(ctx):
    assert "สำหรับเจ้าหน้าที่" in words_of(Chat(ctx).tap(f"st:take:{TICKET}").replies)


def test_take_message_with_a_template_and_forward(staff_chat):
    out = staff_chat.tap(f"st:take:{TICKET}")
    assert out.effects == (StaffAct("take", TICKET),) and staff_chat.state.step == "case"
    out = staff_chat.tap(f"st:msg:{TICKET}")
    assert "สั่งของแล้ว" in words_of(out.replies)
    out = staff_chat.tap("st:tpl:7")
    assert out.effects == (StaffAct("message", TICKET, "สั่งอุปกรณ์แล้วค่ะ"),)
    assert "กองคลัง" in labels(staff_chat.tap(f"st:fwd:{TICKET}"))
    assert staff_chat.tap("st:to:2").effects == (StaffAct("forward", TICKET, "", 2),)
    assert "ไม่ใช่เรื่องของกอง" in words_of(staff_chat.after(out, {0: {"refused": "rule", "status": "received"}}))


def test_resolve_collects_photos_then_the_message(staff_chat):
    out = staff_chat.tap(f"st:done:{TICKET}")
    assert out.effects == (DiscardDraft("after"),)  # an abandoned resolution's photos never join this one
    assert staff_chat.image("m1").effects == (SavePhoto("m1", "after"),)
    assert staff_chat.image("m1").effects == ()  # LINE redelivered it
    staff_chat.tap("st:photos")
    assert staff_chat.text("ซ่อมแล้วค่ะ").effects == (StaffAct("resolve", TICKET, "ซ่อมแล้วค่ะ"),)


def test_a_read_only_case_offers_no_action(ctx):
    chat = Chat(dataclasses.replace(ctx, staff=FakeStaff(may_act=False)), user_id="U-staff")
    out = chat.tap(f"st:take:{TICKET}")
    assert out.effects == () and "ดำเนินการไม่ได้" in words_of(out.replies)
    assert "รับเรื่องนี้" not in words_of(out.replies)


def test_a_corruption_report_has_no_forward_and_no_content(ctx):
    chat = Chat(dataclasses.replace(ctx, staff=FakeStaff(kind="corruption")), user_id="U-staff")
    shown = words_of(chat.tap(f"st:open:{TICKET}").replies)
    assert "ส่งต่อกองอื่น" not in shown and "ไฟดับ" not in shown and "รับเรื่องนี้" in shown


def test_stray_buttons_and_broken_drafts(staff_chat):
    assert staff_chat.tap("st:to:2").effects == ()  # no case being forwarded
    staff_chat.state = State("staff", "photos", {"draft": {"ticket": 5, "photos": "x"}})
    out = staff_chat.tap("st:photos")
    assert out.effects == ()  # a broken draft names no case: nothing done
