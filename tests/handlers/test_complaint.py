"""The complaint flow, walked event by event through dispatch."""
from __future__ import annotations

import pytest

from handlers import postback as pb
from handlers.types import DiscardDraft, SavePhoto, State, SubmitComplaint
from tests.handlers.conftest import Chat, all_text, data_of, effects_of, labels, list_buttons, quick

DRAFT_KEYS = {"description", "category_id", "category", "photos", "location", "landmark", "contact_mode",
              "name", "phone"}


def submitted(out) -> dict:
    (effect,) = effects_of(out, SubmitComplaint)
    return dict(effect.draft)


def test_whole_flow_from_the_menu(chat: Chat) -> None:
    out = chat.tap("menu:complaint")
    assert chat.state.flow == "complaint" and chat.state.step == "describe"
    assert "ยกเลิก" in labels(out)

    out = chat.text("ไฟทางหน้าวัดดับมา 3 คืนแล้ว มืดมาก")
    assert chat.state.step == "category"
    assert "ไฟฟ้าสาธารณะ" in all_text(out)
    assert data_of(out)[:2] == ["cx:catok", "cx:cats"]

    chat.tap("cx:catok")
    assert chat.state.step == "photos"
    kinds = [a["type"] for a in quick(chat.tap("cx:back"))]  # back to the category, then on again
    assert chat.state.step == "category" and "postback" in kinds
    out = chat.tap("cx:catok")
    assert {a["type"] for a in quick(out)} >= {"camera", "cameraRoll", "postback"}

    out = chat.image("img-1")
    assert effects_of(out, SavePhoto) == [SavePhoto("img-1", "complaint")]
    out = chat.image("img-2")
    assert "2" in all_text(out) and "เสร็จแล้ว" in labels(out)
    out = chat.text("เสร็จแล้วค่ะ")
    assert chat.state.step == "location"
    assert quick(out)[0]["type"] == "location"

    chat.location(16.71, 103.52, "วัดนามะเขือ", "ต.นามะเขือ อ.สหัสขันธ์")
    assert chat.state.step == "contact"
    out = chat.tap("cx:line")
    assert chat.state.step == "confirm"
    summary = out.replies[-1]
    assert summary["type"] == "flex" and "วัดนามะเขือ" in all_text(out) and "สมศรี" in all_text(out)
    assert labels(out) == ["ยืนยัน", "แก้ไข", "ยกเลิก"]

    out = chat.tap("cx:ok")
    draft = submitted(out)
    assert set(draft) == DRAFT_KEYS
    assert draft["description"].startswith("ไฟทางหน้าวัดดับ")
    assert (draft["category_id"], draft["category"]) == (2, "ไฟฟ้าสาธารณะ")
    assert draft["photos"] == ["img-1", "img-2"]
    assert draft["location"] == {"latitude": 16.71, "longitude": 103.52, "title": "วัดนามะเขือ",
                                 "address": "ต.นามะเขือ อ.สหัสขันธ์"}
    assert (draft["contact_mode"], draft["name"], draft["phone"]) == ("line", "สมศรี", "")
    assert chat.state == State.idle() and out.replies == ()

    (message,) = chat.after(out, {0: {"ticket": "NMK6810-0007"}})
    assert "NMK6810-0007" in message["text"] and "15" in message["text"]
    assert "16 ต.ค. 2568" in message["text"]  # 1 Oct 2025 + 15 days, in the Buddhist era
    assert labels_of(message)[:2] == ["ดูสถานะเรื่องนี้", "เรื่องของฉัน"]


def labels_of(message: dict) -> list[str]:
    return [i["action"]["label"] for i in message.get("quickReply", {}).get("items", [])]


def test_plain_text_starts_a_complaint_and_skips_describe(chat: Chat) -> None:
    out = chat.text("ถนนหน้าบ้านเป็นหลุมใหญ่ รถล้มบ่อย")
    assert (chat.state.flow, chat.state.step) == ("complaint", "category")
    assert "ถนน/ทางเท้า" in all_text(out)
    assert chat.state.data["draft"]["description"] == "ถนนหน้าบ้านเป็นหลุมใหญ่ รถล้มบ่อย"


def test_change_category_from_the_list(chat: Chat, ctx) -> None:
    chat.text("ขยะไม่มีคนมาเก็บหลายวันแล้ว")
    out = chat.tap("cx:cats")
    assert chat.state.step == "category_list"
    assert labels(out) == ["ย้อนกลับ", "ยกเลิก"]  # the categories are buttons in a list, not a row of chips
    buttons = list_buttons(out)
    assert [b["data"] for b in buttons] == [f"cx:cat:{c.id}" for c in ctx.lookup.categories()]
    assert any(b["label"].startswith("เหตุเดือดร้อนรำคาญ") for b in buttons)
    chat.tap("cx:cat:6")
    assert chat.state.step == "photos"
    assert chat.state.data["draft"]["category"].startswith("เหตุเดือดร้อนรำคาญ")


def test_typed_category_name_and_yes_word(chat: Chat) -> None:
    chat.text("สุนัขจรจัดไล่กัดเด็กหน้าโรงเรียน")
    chat.text("ใช่ค่ะ")
    assert chat.state.step == "photos" and chat.state.data["draft"]["category"] == "สัตว์จรจัด"
    chat.text("ย้อนกลับ")
    chat.tap("cx:cats")
    chat.text("ต้นไม้")
    assert chat.state.data["draft"]["category"] == "ต้นไม้"


@pytest.mark.parametrize("typed", ["ไม่ใช่ค่ะ", "ไม่ถูกครับ", "หมวดอื่น", "ไม่ใช่ หมวดนี้", "ไม่ค่ะ"])
def test_typed_no_to_the_suggested_category_gets_the_list(chat: Chat, typed: str) -> None:
    """Found in a trial: "no" to "is it this category?" answered "please choose from the buttons" and
    asked again, a loop on LINE for PC, which shows no quick replies."""
    chat.text("ไฟถนนดับหน้าวัดสามวันแล้วค่ะ")
    assert chat.state.step == "category"
    out = chat.text(typed)
    assert chat.state.step == "category_list" and chat.state.data["draft"]["category_id"] is None
    assert "cx:cat:1" in [b["data"] for b in list_buttons(out)]


def test_the_yes_button_label_typed_is_yes(chat: Chat) -> None:
    chat.text("ไฟถนนดับหน้าวัดสามวันแล้วค่ะ")
    chat.text("ใช่ หมวดนี้")
    assert chat.state.step == "photos" and chat.state.data["draft"]["category"] == "ไฟฟ้าสาธารณะ"


@pytest.mark.parametrize("typed, step", [("สถานที่", "location"), ("ข้อมูลติดต่อ", "contact"),
                                         ("หมวดเรื่อง", "category_list"), ("กลับไปหน้าสรุปค่ะ", "confirm")])
def test_a_typed_label_of_the_edit_chooser_is_its_button(chat: Chat, typed: str, step: str) -> None:
    """LINE for PC shows no quick replies: a citizen there types what the buttons would say."""
    chat.text("ไฟถนนดับหน้าวัดสามวันแล้วค่ะ")
    chat.text("ใช่")
    chat.text("ข้าม")
    chat.text("ข้าม")
    chat.text("ไม่ระบุตัวตน")
    assert chat.state.step == "confirm"
    chat.text("แก้ไข")
    assert chat.state.step == "edit"
    chat.text(typed)
    assert chat.state.step == step


def test_a_label_typed_at_a_step_without_it_is_read_as_text(chat: Chat) -> None:
    chat.text("ไฟถนนดับหน้าวัดสามวันแล้วค่ะ")
    chat.text("ใช่")
    assert chat.state.step == "photos"
    out = chat.text("ข้อมูลติดต่อ")  # the edit chooser's label, not this step's
    assert chat.state.step == "photos" and not effects_of(out, SubmitComplaint)


def test_unknown_category_text_gets_the_list(chat: Chat) -> None:
    out = chat.text("ร้องเรียนเรื่องเพื่อนบ้านจอดรถทับที่ดิน")
    assert chat.state.step in ("category", "category_list")
    chat.tap("cx:cats")
    out = chat.text("ไม่รู้")
    assert chat.state.step == "category_list"
    assert "cx:cat:1" in [b["data"] for b in list_buttons(out)]


def test_photos_stop_at_the_maximum(chat: Chat) -> None:
    chat.text("ท่อระบายน้ำอุดตัน น้ำท่วมขังหน้าบ้าน")
    chat.tap("cx:catok")
    for i in range(4):
        chat.image(f"p{i}")
    assert chat.state.step == "photos"
    out = chat.image("p4")  # the fifth of five
    assert effects_of(out, SavePhoto) and chat.state.step == "location"
    out = chat.image("p5")  # one too many: not saved, the step is asked again
    assert not effects_of(out, SavePhoto)
    assert chat.state.data["draft"]["photos"] == [f"p{i}" for i in range(5)]


def test_same_image_twice_counts_once(chat: Chat) -> None:
    chat.text("ไฟฟ้าดับทั้งซอย")
    chat.tap("cx:catok")
    chat.image("same")
    out = chat.image("same")
    assert not effects_of(out, SavePhoto)
    assert chat.state.data["draft"]["photos"] == ["same"]


def test_landmark_text_and_skips(chat: Chat) -> None:
    chat.text("น้ำประปาไม่ไหลสองวันแล้ว")
    chat.tap("cx:catok")
    chat.text("ข้าม")
    assert chat.state.step == "location"
    chat.text("หมู่ 3 ใกล้ศาลาประชาคม")
    assert chat.state.step == "contact"
    assert chat.state.data["draft"]["landmark"] == "หมู่ 3 ใกล้ศาลาประชาคม"
    out = chat.tap("cx:anon")
    assert chat.state.step == "confirm" and "ไม่ระบุตัวตน" in all_text(out)
    draft = submitted(chat.tap("cx:ok"))
    assert draft["contact_mode"] == "anonymous" and draft["name"] == "" and draft["location"] is None
    assert draft["photos"] == []


@pytest.mark.parametrize("typed, phone", [("สมชาย ใจดี 081-234-5678", "0812345678"),
                                          ("ชื่อ สมชาย โทร 043 123 456", "043123456")])
def test_given_contact_with_phone(chat: Chat, typed: str, phone: str) -> None:
    chat.text("ถนนลูกรังเป็นหลุมบ่อ")
    chat.tap("cx:catok")
    chat.tap("cx:next")
    chat.tap("cx:next")
    chat.tap("cx:give")
    assert chat.state.step == "contact_given"
    out = chat.text("สมชาย 12345")
    assert chat.state.step == "contact_given" and "9–10" in all_text(out)
    chat.text(typed)
    assert chat.state.step == "confirm"
    draft = submitted(chat.tap("cx:ok"))
    assert (draft["contact_mode"], draft["name"], draft["phone"]) == ("given", "สมชาย" if "ใจดี" not in typed
                                                                      else "สมชาย ใจดี", phone)


def test_phone_typed_at_the_contact_step(chat: Chat) -> None:
    chat.text("กิ่งไม้พาดสายไฟหน้าบ้าน")
    for _ in range(3):
        if chat.state.step != "category":
            chat.tap("cx:next")
        elif chat.state.data.get("suggest"):
            chat.tap("cx:catok")
        else:  # tree or lighting: the likeliest few are offered, the citizen takes the first
            chat.tap(pb.cx("cat", chat.state.data["choices"][0][0]))
    assert chat.state.step == "contact"
    chat.text("0891234567")
    assert chat.state.step == "confirm"
    assert chat.state.data["draft"]["name"] == "สมศรี"  # no name typed: the LINE name


def test_no_line_name_hides_that_choice(ctx) -> None:
    chat = Chat(ctx, display_name=None)
    chat.text("เสียงดังจากร้านคาราโอเกะทุกคืน")
    chat.tap("cx:catok")
    chat.tap("cx:next")
    out = chat.tap("cx:next")
    assert "cx:line" not in data_of(out)
    out = chat.tap("cx:line")  # an old button: refused, nothing changes
    assert chat.state.step == "contact" and chat.state.data["draft"]["contact_mode"] == "anonymous"


@pytest.mark.parametrize("steps", [0, 1, 2, 3, 4, 5])
def test_cancel_at_any_step(chat: Chat, steps: int) -> None:
    chat.tap("menu:complaint")
    walk = [lambda: chat.text("ไฟทางดับ"), lambda: chat.tap("cx:catok"), lambda: chat.image("x"),
            lambda: chat.tap("cx:next"), lambda: chat.tap("cx:next"), lambda: chat.tap("cx:anon")]
    for step in walk[:steps]:
        step()
    out = chat.tap("cx:cancel") if steps % 2 else chat.text("ยกเลิกค่ะ")
    if steps:  # something told: asked first, nothing lost yet
        assert chat.state.flow == "complaint" and not out.effects
        assert data_of(out) == ["cx:drop", "cx:stay"]
        out = chat.tap("cx:drop") if steps % 2 else chat.text("ยืนยันยกเลิก")
    assert chat.state == State.idle()
    assert effects_of(out, DiscardDraft) == [DiscardDraft("complaint")]
    assert "menu:complaint" in data_of(out)


def test_back_walks_the_steps_backwards(chat: Chat) -> None:
    chat.text("ไฟทางดับ")
    chat.tap("cx:catok")
    chat.tap("cx:next")
    chat.tap("cx:next")
    chat.tap("cx:give")
    seen = []
    for _ in range(6):
        chat.text("ย้อนกลับ")
        seen.append(chat.state.step)
    assert seen == ["contact", "location", "photos", "category", "describe", "describe"]
    assert chat.state.data["draft"]["description"] == "ไฟทางดับ"  # going back loses nothing


def test_edit_one_part_returns_to_the_summary(chat: Chat) -> None:
    chat.text("ไฟทางดับ")
    chat.tap("cx:catok")
    chat.tap("cx:next")
    chat.tap("cx:next")
    chat.tap("cx:anon")
    out = chat.tap("cx:edit")
    assert chat.state.step == "edit" and len(quick(out)) == 6
    assert labels(out)[-1] == "กลับไปหน้าสรุป" and "ยกเลิก" not in labels(out)
    chat.tap("cx:ed:desc")
    assert chat.state.step == "describe"
    out = chat.text("ไฟทางดับสามดวง หน้าโรงเรียน")
    assert chat.state.step == "confirm" and "สามดวง" in all_text(out)
    chat.tap("cx:edit")
    chat.tap("cx:ed:cat")
    chat.tap("cx:cat:9")
    assert chat.state.step == "confirm" and chat.state.data["draft"]["category_id"] == 9
    chat.tap("cx:edit")
    chat.tap("cx:ed:contact")
    chat.text("ย้อนกลับ")  # back while editing: straight to the summary
    assert chat.state.step == "confirm"


def test_stale_button_is_refused_kindly(chat: Chat) -> None:
    chat.text("ไฟทางดับ")
    chat.tap("cx:catok")
    out = chat.tap("cx:ok")  # the confirm button of an earlier summary
    assert chat.state.step == "photos" and not out.effects
    assert "ใช้ไม่ได้" in all_text(out)


def test_complaint_button_when_idle(chat: Chat) -> None:
    out = chat.tap("cx:catok")
    assert chat.state == State.idle() and "menu:complaint" in data_of(out)


def test_menu_entry_mid_flow_asks_what_to_do(chat: Chat) -> None:
    chat.text("ไฟทางดับ")
    chat.tap("cx:catok")
    out = chat.tap("menu:corruption")
    assert chat.state.step == "photos" and chat.state.data["pending"]["entry"] == "corruption"
    assert data_of(out) == ["fl:resume", "fl:new:corruption", "fl:drop"]
    out = chat.tap("fl:resume")
    assert chat.state.step == "photos" and "pending" not in chat.state.data
    chat.tap("menu:complaint")
    out = chat.tap("fl:new:complaint")
    assert effects_of(out, DiscardDraft) == [DiscardDraft("complaint")]
    assert (chat.state.flow, chat.state.step) == ("complaint", "describe")
    assert chat.state.data["draft"]["description"] == ""


def test_start_new_from_a_new_topic_keeps_its_text(chat: Chat) -> None:
    chat.text("ไฟทางดับ")
    chat.tap("cx:catok")
    chat.tap("cx:next")
    chat.tap("cx:next")
    chat.tap("cx:anon")
    out = chat.text("ขยะล้นถังไม่มีคนเก็บ")  # unrelated new topic at the summary
    assert chat.state.step == "confirm" and "fl:new:complaint" in data_of(out)
    chat.text("เริ่มใหม่")
    assert chat.state.data["draft"]["description"] == "ขยะล้นถังไม่มีคนเก็บ"
    assert chat.state.step == "category"


def test_drop_the_old_draft(chat: Chat) -> None:
    chat.text("ไฟทางดับ")
    chat.tap("menu:complaint")
    out = chat.tap("fl:drop")
    assert chat.state == State.idle() and effects_of(out, DiscardDraft)


def test_empty_draft_is_replaced_without_asking(chat: Chat) -> None:
    chat.tap("menu:complaint")
    out = chat.tap("menu:corruption")
    assert chat.state.flow == "corruption"
    assert effects_of(out, DiscardDraft) == [DiscardDraft("complaint")]


def test_ticket_mid_flow_answers_and_keeps_the_draft(chat: Chat, lookup) -> None:
    lookup.add(chat.user_id, "NMK6809-0042", status="in_progress")
    chat.text("ไฟทางดับ")
    chat.tap("cx:catok")
    before = chat.state
    out = chat.text("nmk6809-0042")
    assert chat.state == before
    assert "NMK6809-0042" in all_text(out) and "กำลังดำเนินการ" in all_text(out)
    assert data_of(out)[0] == "fl:resume"
    chat.tap("fl:resume")
    assert chat.state.step == "photos"


def test_tracking_words_mid_flow_keep_the_draft(chat: Chat) -> None:
    chat.text("ไฟทางดับ")
    out = chat.text("ติดตามเรื่อง")
    assert chat.state.step == "category" and "fl:resume" in data_of(out)


def test_resume_later_keeps_the_step(chat: Chat, ctx) -> None:
    chat.text("ไฟทางดับ")
    chat.tap("cx:catok")
    later = Chat(ctx)
    later.state = State.from_json(chat.state.to_json())  # stored and loaded, days later
    out = later.send("sticker")
    assert later.state.step == "photos" and "cx:next" in data_of(out)


def test_photo_first_then_description(chat: Chat) -> None:
    out = chat.image("first")
    assert effects_of(out, SavePhoto) == [SavePhoto("first", "complaint")]
    assert (chat.state.flow, chat.state.step) == ("complaint", "describe")
    chat.location()
    chat.text("ต้นไม้ล้มขวางถนน")
    chat.tap("cx:catok")
    assert chat.state.step == "photos"
    chat.tap("cx:next")
    assert chat.state.step == "contact"  # already pinned: the location step is skipped


def test_more_words_between_photos_join_the_description(chat: Chat) -> None:
    chat.text("ถนนทรุดหน้าบ้าน")
    chat.tap("cx:catok")
    out = chat.text("หลุมลึกประมาณครึ่งเมตร อันตรายมาก")
    assert chat.state.step == "photos" and "เพิ่มข้อความนี้" in all_text(out)
    assert "cx:undo" in data_of(out)
    assert chat.state.data["draft"]["description"].endswith("อันตรายมาก")


def test_too_short_description(chat: Chat) -> None:
    chat.tap("menu:complaint")
    out = chat.text("อ")
    assert chat.state.step == "describe" and "รายละเอียด" in all_text(out)


def test_media_in_flow_keeps_the_state(chat: Chat) -> None:
    chat.text("ไฟทางดับ")
    before = chat.state
    out = chat.send("file", message_id="v1")
    assert chat.state == before and "รูปภาพ" in all_text(out) and "cx:catok" in data_of(out)


def test_submit_without_ticket_result_still_answers(chat: Chat) -> None:
    chat.text("ไฟทางดับ")
    chat.tap("cx:catok")
    chat.tap("cx:next")
    chat.tap("cx:next")
    out = chat.tap("cx:anon")
    out = chat.tap("cx:ok")
    for results in ({}, {0: None}, {0: "NMK"}, None):
        (message,) = chat.after(out, results)
        assert "รับเรื่อง" in message["text"]
