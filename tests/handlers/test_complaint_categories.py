"""The category step as the model's confidence shapes it: one category to confirm when it is sure, the
two or three likeliest in one short row when it is not, and "other category" opening the whole list
(never a row of 13 chips, of which a phone shows 3)."""
from __future__ import annotations

from datetime import UTC, datetime

from handlers import complaint
from handlers.types import Incoming
from handlers.understanding import Understanding, classify
from tests.handlers.conftest import Chat, all_text, data_of, labels, list_buttons

NAV = ["ย้อนกลับ", "ยกเลิก"]


def _incoming() -> Incoming:
    return Incoming(kind="text", chat_type="user", chat_key="U1", timestamp=datetime(2026, 12, 6, tzinfo=UTC),
                    user_id="U1", text="x")


def test_a_sure_reading_offers_one_category_to_confirm(chat: Chat, ctx) -> None:
    got = classify("ไฟทางหน้าวัดดับมาสามคืนแล้ว มืดมาก", ctx.lookup.categories())
    assert got.sure and got.category_name == "ไฟฟ้าสาธารณะ"
    out = chat.text("ไฟทางหน้าวัดดับมาสามคืนแล้ว มืดมาก")
    assert chat.state.step == "category" and "ไฟฟ้าสาธารณะ" in all_text(out)
    assert labels(out) == ["ใช่ หมวดนี้", "หมวดอื่น"] + NAV


def test_an_unsure_reading_offers_the_likeliest_few_and_other(ctx) -> None:
    cats = {c.name: c for c in ctx.lookup.categories()}
    road, light, drain = cats["ถนน/ทางเท้า"], cats["ไฟฟ้าสาธารณะ"], cats["ท่อระบายน้ำ/น้ำท่วม"]
    unsure = Understanding("complaint", road.id, road.name, 0.9,
                           choices=((road.id, road.name, 0.45), (light.id, light.name, 0.3), (drain.id, drain.name, 0.2)),
                           sure=False)
    out = complaint.start(_incoming(), ctx, "ตรงหัวโค้งหน้าบ้านมีปัญหา", unsure)
    assert out.state.step == "category" and out.state.data["suggest"] is None
    assert labels(out) == ["ถนน/ทางเท้า", "ไฟฟ้าสาธารณะ", "ท่อระบายน้ำ/น้ำท่วม", "หมวดอื่น"] + NAV
    assert data_of(out)[:3] == [f"cx:cat:{road.id}", f"cx:cat:{light.id}", f"cx:cat:{drain.id}"]


def test_tapping_one_of_the_likeliest_chooses_it_and_back_returns_to_them(chat: Chat, ctx) -> None:
    chat.text("ตรงหัวโค้งหน้าบ้านมีปัญหาค่ะ ช่วยมาดูหน่อย")
    if chat.state.data.get("suggest"):  # the model happened to be sure: say "other" to see the list
        return
    offered = [pair[0] for pair in chat.state.data["choices"]]
    assert 1 <= len(offered) <= 3
    out = chat.tap("cx:cats")
    assert chat.state.step == "category_list" and labels(out) == NAV
    assert len(list_buttons(out)) == len(ctx.lookup.categories())
    back = chat.tap("cx:back")
    assert chat.state.step == "category" and data_of(back)[: len(offered)] == [f"cx:cat:{i}" for i in offered]
    chat.tap(f"cx:cat:{offered[-1]}")
    assert chat.state.step == "photos" and chat.state.data["draft"]["category_id"] == offered[-1]


def test_a_deactivated_choice_is_not_offered(ctx) -> None:
    unsure = Understanding("complaint", 999, "ลบไปแล้ว", 0.9, choices=((999, "ลบไปแล้ว", 0.6), (1, "ถนน/ทางเท้า", 0.3)))
    out = complaint.start(_incoming(), ctx, "มีปัญหาหน้าบ้าน", unsure)
    assert labels(out) == ["ถนน/ทางเท้า", "หมวดอื่น"] + NAV


def test_nothing_likely_opens_the_whole_list(ctx) -> None:
    out = complaint.start(_incoming(), ctx, "มีเรื่องจะแจ้งค่ะ", Understanding("complaint"))
    assert (out.state.step == "category_list" and labels(out) == ["ยกเลิก"]) or labels(out) == NAV
    assert len(list_buttons(out)) == len(ctx.lookup.categories())


def test_a_category_the_model_never_saw_is_found_by_its_keywords(ctx) -> None:
    from handlers.types import CategoryInfo

    cats = ctx.lookup.categories() + [CategoryInfo(id=99, name="ตลาดสด", division="กองคลัง",
                                                   keywords=("แผงลอยในตลาด", "ค่าเช่าแผง"))]
    got = classify("ค่าเช่าแผงในตลาดแพงขึ้นทุกเดือน", cats)
    assert got.choices[0][1] == "ตลาดสด"
