"""Thai text of the suggestion chat (an idea to improve work or services). The keys the shared report
machinery reads (summary title, photos, cancel) are in strings.TEXT as "sg.*"."""
from __future__ import annotations

from messages_th import strings
from messages_th.admin import texts

TEXT: dict[str, str] = {
    "sg.ask_text": "ขอบคุณที่ช่วยเสนอแนะค่ะ 🙏\nโปรดพิมพ์ข้อเสนอแนะของท่าน "
                   "เช่น อยากให้ปรับปรุงบริการ หรืออยากให้เทศบาลทำอะไรเพิ่ม",
    "sg.ask_text_again": "ข้อเสนอแนะที่พิมพ์ไว้ตอนนี้:\n{text}\n\n"
                         "ถ้าถูกต้องแล้ว กด \"ใช้ข้อความเดิม\" หรือพิมพ์ใหม่เพื่อแทนที่ค่ะ",
    "sg.ask_text_after_photo": "ได้รับรูปแล้วค่ะ 🙏 โปรดพิมพ์ข้อเสนอแนะของท่านด้วยค่ะ",
    "sg.too_short": "ขอรายละเอียดเพิ่มอีกนิดค่ะ ว่าอยากเสนอแนะเรื่องอะไร",
    "sg.received": "ได้รับข้อเสนอแนะแล้วค่ะ ขอบคุณมากค่ะ 🙏\nเลขที่: {ticket}\n"
                   "เจ้าหน้าที่จะพิจารณา และแจ้งให้ทราบในไลน์นี้ว่าเทศบาลนำไปทำอะไรค่ะ",
    "sg.received_no_ticket": "ได้รับข้อเสนอแนะแล้วค่ะ ขอบคุณมากค่ะ 🙏 "
                             "เจ้าหน้าที่จะพิจารณาและแจ้งผลในไลน์นี้ค่ะ",
    "sum.suggestion": "ข้อเสนอแนะ",
}

t = texts(TEXT, strings.TEXT)
