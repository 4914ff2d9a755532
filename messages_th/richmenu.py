"""The rich menu as data: six entries in reading order (left to right, top row first), and the
Thai lines `flask richmenu deploy` prints.

label: the action's label (at most 20 characters) and the displayText the chat shows after a tap;
lines: the title drawn on the image, one or two short lines so the text can stay large;
sub: a smaller line under the title that says what the entry is for;
data: the postback the conversations understand (handlers/postback.py, "menu:*");
icon: the name of a simple drawing in bot/line/richmenu_image.py; color: the tile, dark enough that
white text on it is easy to read (contrast 5:1 or more).
"""
from __future__ import annotations

CHAT_BAR_TEXT = "เมนูบริการ"  # at most 14 characters

ENTRIES: tuple[dict, ...] = (
    {"key": "complaint", "label": "แจ้งเรื่องร้องเรียน", "lines": ("แจ้งเรื่อง", "ร้องเรียน"),
     "sub": "ถนน ไฟฟ้า น้ำ ขยะ", "data": "menu:complaint", "icon": "megaphone", "color": "#0D47A1"},
    {"key": "corruption", "label": "แจ้งเบาะแสทุจริต", "lines": ("แจ้งเบาะแส", "ทุจริต"),
     "sub": "ปกปิดชื่อผู้แจ้ง", "data": "menu:corruption", "icon": "shield", "color": "#B71C1C"},
    {"key": "track", "label": "ติดตามเรื่อง", "lines": ("ติดตามเรื่อง",),
     "sub": "ดูความคืบหน้า", "data": "menu:track", "icon": "magnifier", "color": "#1B5E20"},
    {"key": "inquiry", "label": "สอบถาม", "lines": ("สอบถาม",),
     "sub": "ถามเจ้าหน้าที่", "data": "menu:inquiry", "icon": "question", "color": "#006064"},
    {"key": "survey", "label": "ประเมินความพึงพอใจ", "lines": ("ประเมิน", "ความพึงพอใจ"),
     "sub": "ให้คะแนนบริการ", "data": "menu:survey", "icon": "star", "color": "#4A148C"},
    {"key": "suggest", "label": "เสนอแนะ", "lines": ("เสนอแนะ",),
     "sub": "ส่งความคิดเห็น", "data": "menu:suggest", "icon": "bulb", "color": "#A33A00"},
)

# What `flask richmenu deploy` prints; {placeholders} are filled by bot/cli/richmenu.py.
CLI: dict[str, str] = {
    "dry_run": "ทดลอง (ไม่ได้ส่งอะไรไปที่ LINE): บันทึกรูปเมนูและไฟล์ JSON ไว้ที่ {folder}",
    "file": "  - {path} ({size})",
    "image": "รูปเมนู: {width}x{height} พิกเซล, {kind}, {size}",
    "image_bad": "รูปเมนูไม่ผ่านข้อกำหนดของ LINE: {problems}",
    "area": "  ปุ่ม {n}: {label} -> {data}",
    "font_missing": "ไม่พบฟอนต์ Sarabun (แพ็กเกจ fontpkg-sarabun): {error}\n"
                    "ติดตั้งด้วย: pip install -e . แล้วลองใหม่",
    "write_failed": "บันทึกไฟล์ไม่ได้: {error}",
    "created": "สร้างเมนูใหม่แล้ว: {menu_id}",
    "uploaded": "อัปโหลดรูปเมนูแล้ว",
    "defaulted": "ตั้งเป็นเมนูหลักของผู้ใช้ทุกคนแล้ว",
    "removed": "ลบเมนูเก่าของระบบนี้แล้ว: {menu_id}",
    "not_removed": "ลบเมนูเก่าไม่สำเร็จ: {menu_id} ({error}) - สั่ง deploy อีกครั้งเพื่อลบ",
    "foreign_default": "เมนูหลักเดิม {menu_id} ไม่ได้สร้างจากระบบนี้ จึงไม่ได้ลบ",
    "done": "เสร็จเรียบร้อย: ผู้ใช้ทุกคนเห็นเมนูใหม่ {menu_id}",
    "done_with_leftovers": "เมนูใหม่ใช้งานแล้ว แต่ยังมีเมนูเก่าค้างอยู่ {count} รายการ",
    "failed": "ไม่สำเร็จ: ขั้นตอน \"{step}\" - {error}",
    "kept_default": "ไม่มีการเปลี่ยนเมนูหลัก: ผู้ใช้ยังเห็นเมนูเดิม ({menu_id})",
    "nothing_changed": "ไม่มีการเปลี่ยนแปลงใด ๆ ที่ LINE: ผู้ใช้ยังเห็นเมนูเดิม",
    "unknown_default": "ตรวจไม่ได้ว่าเมนูหลักเปลี่ยนเป็นเมนูใหม่แล้วหรือยัง - โปรดสั่ง deploy อีกครั้ง",
    "cleaned": "ลบเมนูใหม่ที่ทำค้างไว้แล้ว: {menu_id}",
    "left_behind": "เมนูใหม่ที่ทำค้างไว้ ({menu_id}) ยังไม่ได้ลบ - จะถูกลบเมื่อสั่ง deploy ครั้งถัดไป",
    "none": "ไม่มี",
}

# The steps named in "failed".
STEPS: dict[str, str] = {
    "list": "อ่านรายการเมนู",
    "create": "สร้างเมนู",
    "upload": "อัปโหลดรูปเมนู",
    "set_default": "ตั้งเป็นเมนูหลัก",
}

# How a failure of LINE is explained; {status} is the HTTP status.
ERRORS: dict[str, str] = {
    "timeout": "LINE ไม่ตอบภายในเวลาที่กำหนด หรือเชื่อมต่อไม่ได้ ({detail})",
    "auth": "LINE ปฏิเสธ access token (HTTP {status}) - ตรวจ LINE_CHANNEL_ACCESS_TOKEN",
    "client": "LINE ไม่รับคำขอ (HTTP {status}): {detail}",
    "server": "ระบบของ LINE ขัดข้อง (HTTP {status}) - ลองใหม่ภายหลัง",
}
