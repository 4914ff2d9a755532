"""LINE's limits, checked against valid and invalid examples."""
from __future__ import annotations

import io
import os

import pytest

from bot.devchat.limits import (
    check_message,
    check_messages,
    check_push,
    check_reply,
    check_rich_menu,
    check_rich_menu_image,
    grapheme_count,
    utf16_len,
)

from .conftest import image_bytes

USER = "U" + "0123456789abcdef" * 2


def text(t="hi", **extra):
    return {"type": "text", "text": t, **extra}


def postback(label="ok", data="a=1", **extra):
    return {"type": "postback", "label": label, "data": data, **extra}


def quick(*actions):
    return {"items": [{"type": "action", "action": a} for a in actions]}


def bubble(*contents, **extra):
    return {"type": "bubble", "body": {"type": "box", "layout": "vertical", "contents": list(contents)},
            **extra}


def flex(contents, alt="alt"):
    return {"type": "flex", "altText": alt, "contents": contents}


def has(problems, fragment):
    assert any(fragment in p for p in problems), problems


# --- counting --------------------------------------------------------------------------------
def test_utf16_counts_astral_characters_twice():
    assert utf16_len("abc") == 3
    assert utf16_len("สวัสดี") == 6
    assert utf16_len("😀") == 2


@pytest.mark.parametrize("s, n", [
    ("abc", 3),
    ("สวัสดี", 4),          # ส วั ส ดี
    ("น้ำ", 1),              # น + ้ + ำ (SARA AM joins too)
    ("ที่", 1),               # ท + ี + ่
    ("เรื่อง", 4),            # เ รื่ อ ง
    ("ร้องเรียน", 7),          # ร้ อ ง เ รี ย น
    ("👍🏽", 1),               # skin tone modifier
    ("👨‍👩‍👧", 1),            # ZWJ family
    ("🇹🇭🇯🇵", 2),             # two flags
    ("e\u0301", 1),          # combining acute
    ("\r\n", 1),
])
def test_grapheme_count(s, n):
    assert grapheme_count(s) == n


def test_thai_label_of_20_clusters_is_longer_in_code_points():
    label = "ที่" * 20
    assert len(label) == 60 and grapheme_count(label) == 20
    assert check_message(text(quickReply=quick(postback(label=label)))) == []
    has(check_message(text(quickReply=quick(postback(label=label + "ก")))), "longer than 20")


# --- message counts and text -----------------------------------------------------------------
def test_valid_reply_and_push_pass():
    assert check_reply({"replyToken": "t", "messages": [text("สวัสดีค่ะ")]}) == []
    assert check_push({"to": USER, "messages": [text()] * 5},
                      "123e4567-e89b-12d3-a456-426614174000") == []


@pytest.mark.parametrize("n", [0, 6])
def test_message_count_must_be_one_to_five(n):
    has(check_messages([text()] * n), "1-5 messages")


def test_reply_needs_token_and_push_needs_target():
    has(check_reply({"messages": [text()]}), "replyToken")
    has(check_push({"to": "someone", "messages": [text()]}), "body.to")
    has(check_push({"to": USER, "messages": [text()]}, "not-a-uuid"), "X-Line-Retry-Key")
    has(check_reply([]), "JSON object")


def test_text_limits_in_utf16_units():
    assert check_message(text("ก" * 5000)) == []
    has(check_message(text("ก" * 5001)), "5000 UTF-16")
    has(check_message(text("😀" * 2501)), "5000 UTF-16")  # 2501 characters, 5002 units
    has(check_message(text("")), "non-empty")
    has(check_message({"type": "text"}), "non-empty")


def test_unknown_message_type_and_required_fields():
    has(check_message({"type": "html", "html": "<b>"}), "unknown message type")
    has(check_message({"type": "sticker", "packageId": "1"}), "stickerId")
    has(check_message({"type": "location", "title": "t", "address": "a", "latitude": 16.5}), "longitude")
    assert check_message({"type": "location", "title": "t", "address": "a",
                          "latitude": 16.5757, "longitude": 103.4955}) == []


def test_image_urls_must_be_https_and_short():
    ok = {"type": "image", "originalContentUrl": "https://x.test/a.jpg",
          "previewImageUrl": "https://x.test/p.jpg"}
    assert check_message(ok) == []
    has(check_message({**ok, "originalContentUrl": "http://x.test/a.jpg"}), "https://")
    has(check_message({**ok, "previewImageUrl": "https://x.test/" + "a" * 2000}), "2000")
    has(check_message({"type": "image", "previewImageUrl": "https://x.test/p.jpg"}), "originalContentUrl")


# --- quick replies and actions ---------------------------------------------------------------
def test_quick_reply_item_count():
    assert check_message(text(quickReply=quick(*[postback()] * 13))) == []
    has(check_message(text(quickReply=quick(*[postback()] * 14))), "more than 13")
    has(check_message(text(quickReply={"items": []})), "at least one")


def test_quick_reply_actions():
    ok = quick({"type": "camera", "label": "ถ่ายรูป"}, {"type": "cameraRoll", "label": "เลือกรูป"},
               {"type": "location", "label": "ส่งตำแหน่ง"},
               {"type": "message", "label": "ยกเลิก", "text": "ยกเลิก"},
               {"type": "datetimepicker", "label": "เลือกวัน", "data": "d", "mode": "date"})
    assert check_message(text(quickReply=ok)) == []
    has(check_message(text(quickReply=quick({"type": "camera"}))), "label: required")
    has(check_message(text(quickReply=quick({"type": "datetimepicker", "label": "x", "data": "d"}))), "mode")
    has(check_message(text(quickReply=quick({"type": "message", "label": "x"}))), "text")
    has(check_message(text(quickReply=quick({"type": "teleport", "label": "x"}))), "unknown action")
    has(check_message(text(quickReply={"items": [{"action": postback()}]})), '"action"')
    has(check_message(text(quickReply={"items": [{"type": "action", "action": postback(),
                                                 "imageUrl": "http://x.test/i.png"}]})), "https")


def test_postback_data_and_display_text():
    assert check_message(text(quickReply=quick(postback(data="x" * 300)))) == []
    has(check_message(text(quickReply=quick(postback(data="x" * 301)))), "data: longer than 300")
    has(check_message(text(quickReply=quick(postback(displayText="a", text="b")))), "cannot both")
    has(check_message(text(quickReply=quick({"type": "postback", "label": "x"}))), "data")


def test_camera_action_only_in_quick_reply():
    msg = flex(bubble({"type": "button", "action": {"type": "camera", "label": "camera"}}))
    has(check_message(msg), "only allowed in quickReply")


# --- Flex --------------------------------------------------------------------------------------
def test_valid_flex_bubble_passes():
    b = bubble({"type": "text", "text": "เรื่องร้องเรียน", "weight": "bold", "wrap": True},
               {"type": "separator"},
               {"type": "box", "layout": "horizontal", "contents": [
                   {"type": "text", "text": "สถานะ", "flex": 2}, {"type": "text", "text": "รับเรื่องแล้ว"}]},
               {"type": "button", "style": "primary",
                "action": postback(label="ยืนยัน" * 6, displayText="ยืนยัน")},
               {"type": "image", "url": "https://x.test/i.png"},
               hero={"type": "image", "url": "https://x.test/h.png", "size": "full"})
    assert check_message(flex(b)) == []


def test_flex_labels_allow_forty_graphemes():
    ok = flex(bubble({"type": "button", "action": postback(label="ก" * 40)}))
    assert check_message(ok) == []
    has(check_message(flex(bubble({"type": "button", "action": postback(label="ก" * 41)}))), "longer than 40")
    has(check_message(flex(bubble({"type": "button", "action": {"type": "postback", "data": "x"}}))),
        "label: required")


def test_flex_alt_text_and_structure():
    has(check_message(flex(bubble(), alt="")), "altText")
    has(check_message(flex(bubble(), alt="ก" * 1501)), "1500")
    assert check_message(flex(bubble(), alt="ก" * 1500)) == []
    has(check_message({"type": "flex", "altText": "a"}), "bubble or carousel")
    has(check_message(flex({"type": "panel"})), "bubble or carousel")
    has(check_message(flex(bubble({"type": "marquee"}))), "unknown Flex component")
    has(check_message(flex(bubble({"type": "box", "layout": "grid", "contents": []}))), "layout")
    has(check_message(flex(bubble({"type": "text", "text": ""}))), "must not be empty")
    has(check_message(flex(bubble({"type": "image", "url": "http://x.test/i.png"}))), "https")
    has(check_message(flex({"type": "bubble", "body": {"type": "text", "text": "x"}})), "must be a box")


def test_flex_carousel_limits():
    assert check_message(flex({"type": "carousel", "contents": [bubble()] * 12})) == []
    has(check_message(flex({"type": "carousel", "contents": [bubble()] * 13})), "more than 12")
    has(check_message(flex({"type": "carousel", "contents": []})), "at least one bubble")
    has(check_message(flex({"type": "carousel", "contents": [{"type": "box"}]})), "only bubbles")


def test_bubble_json_size_limit():
    big = bubble(*[{"type": "text", "text": "ก" * 500, "wrap": True} for _ in range(21)])
    has(check_message(flex(big)), "30 KB")  # Thai is 3 bytes a character in UTF-8
    small = bubble(*[{"type": "text", "text": "ก" * 500, "wrap": True} for _ in range(15)])
    assert check_message(flex(small)) == []


# --- templates ---------------------------------------------------------------------------------
def test_templates():
    buttons = {"type": "template", "altText": "a", "template": {
        "type": "buttons", "title": "t", "text": "ข้อความ", "actions": [postback()] * 4}}
    assert check_message(buttons) == []
    too_many = {**buttons, "template": {**buttons["template"], "actions": [postback()] * 5}}
    has(check_message(too_many), "1-4 actions")
    long_text = {**buttons, "template": {**buttons["template"], "text": "ก" * 61}}
    has(check_message(long_text), "longer than 60")
    confirm = {"type": "template", "altText": "a", "template": {
        "type": "confirm", "text": "ยืนยัน?", "actions": [postback(label="ใช่"), postback(label="ไม่")]}}
    assert check_message(confirm) == []
    has(check_message({**confirm, "altText": "ก" * 401}), "400")
    carousel = {"type": "template", "altText": "a", "template": {"type": "carousel", "columns": [
        {"text": "a", "actions": [postback()]}, {"text": "b", "actions": [postback(), postback()]}]}}
    has(check_message(carousel), "same number of actions")


# --- rich menu ---------------------------------------------------------------------------------
def rich_menu(**extra):
    menu = {"size": {"width": 2500, "height": 1686}, "selected": True, "name": "main",
            "chatBarText": "เมนู", "areas": [
                {"bounds": {"x": 0, "y": 0, "width": 1250, "height": 843},
                 "action": {"type": "postback", "data": "menu=complaint", "label": "ร้องเรียน"}}]}
    menu.update(extra)
    return menu


def test_valid_rich_menu_passes():
    assert check_rich_menu(rich_menu()) == []


def test_rich_menu_limits():
    has(check_rich_menu(rich_menu(chatBarText="ก" * 15)), "chatBarText")
    has(check_rich_menu(rich_menu(areas=rich_menu()["areas"] * 21)), "more than 20")
    has(check_rich_menu(rich_menu(size={"width": 700, "height": 250})), "800-2500")
    has(check_rich_menu(rich_menu(size={"width": 1200, "height": 1000})), "width/height")
    has(check_rich_menu(rich_menu(size={"width": 2500, "height": 200})), "at least 250")
    outside = [{"bounds": {"x": 2000, "y": 0, "width": 1000, "height": 10}, "action": postback()}]
    has(check_rich_menu(rich_menu(areas=outside)), "outside")
    has(check_rich_menu(rich_menu(selected=None)), "selected")


def test_rich_menu_image_rules():
    assert check_rich_menu_image(image_bytes(2500, 843), "image/png", (2500, 843)) == []
    assert check_rich_menu_image(image_bytes(800, 540, "JPEG"), "image/jpeg") == []
    has(check_rich_menu_image(image_bytes(2500, 843), "image/png", (2500, 1686)), "does not match")
    has(check_rich_menu_image(image_bytes(2500, 843, "GIF"), "image/gif"), "image/jpeg or image/png")
    has(check_rich_menu_image(image_bytes(700, 300), "image/png"), "800-2500")
    has(check_rich_menu_image(image_bytes(1000, 800), "image/png"), "width/height")
    has(check_rich_menu_image(image_bytes(2500, 843), "image/jpeg"), "does not match the PNG")
    has(check_rich_menu_image(b"not an image", "image/png"), "not a readable")


def test_rich_menu_image_size_limit():
    from PIL import Image
    noise = Image.frombytes("RGB", (1200, 800), os.urandom(1200 * 800 * 3))  # incompressible
    buf = io.BytesIO()
    noise.save(buf, format="PNG")
    assert len(buf.getvalue()) > 1024 * 1024
    has(check_rich_menu_image(buf.getvalue(), "image/png"), "larger than 1 MB")
