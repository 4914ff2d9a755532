"""Thai text of the inquiry chat (answers from the FAQ, or passed to staff), and the words the FAQ
matcher leaves out of a question. Labels ("qr.*") are at most 20 characters."""
from __future__ import annotations

from messages_th import strings
from messages_th.admin import texts

TEXT: dict[str, str] = {
    "qr.iq_helped": "ได้คำตอบแล้ว ขอบคุณ",
    "qr.iq_not_helped": "ยังไม่ได้คำตอบ",
    "qr.iq_more": "ถามเรื่องอื่น",
    "qr.iq_report": "แจ้งเป็นคำร้องเรียน",
    "iq.ask": "พิมพ์คำถามของท่านได้เลยค่ะ 🙏\nเช่น \"ชำระภาษีที่ดินได้ที่ไหน\" หรือ \"รถเก็บขยะมาวันไหน\"",
    "iq.too_short": "ขอรายละเอียดคำถามเพิ่มอีกนิดค่ะ ว่าต้องการทราบเรื่องอะไร",
    "iq.type_please": "โปรดพิมพ์คำถามเป็นข้อความค่ะ",
    "iq.answer": "❓ {question}\n\n{answer}",
    "iq.did_it_help": "คำตอบนี้ตรงกับที่ท่านสงสัยไหมคะ ถ้ายังไม่ได้คำตอบ กด \"ยังไม่ได้คำตอบ\" "
                      "เจ้าหน้าที่จะตอบให้ค่ะ",
    "iq.pending": "ขอบคุณสำหรับคำถามค่ะ 🙏 ส่งคำถามของท่านถึงเจ้าหน้าที่แล้ว "
                  "จะตอบกลับในไลน์นี้ในเวลาทำการค่ะ\n{hours}",
    "iq.not_helped": "ขออภัยที่คำตอบยังไม่ตรงค่ะ 🙏 ส่งคำถามของท่านถึงเจ้าหน้าที่แล้ว "
                     "จะตอบกลับในไลน์นี้ในเวลาทำการค่ะ\n{hours}",
    "iq.helped": "ยินดีค่ะ 😊 มีอะไรให้ช่วยอีก เลือกจากเมนูได้เลยค่ะ",
    "iq.already_with_staff": "คำถามนี้อยู่กับเจ้าหน้าที่แล้วค่ะ จะตอบกลับในไลน์นี้ในเวลาทำการ 🙏",
    "iq.cancelled": "ยกเลิกการสอบถามแล้วค่ะ",
    "iq.not_saved": "ขออภัยค่ะ ยังบันทึกคำถามไม่ได้ โปรดลองส่งอีกครั้ง หรือสอบถามที่\n{office}",
    "iq.report_or_ask": "เรื่องนี้ต้องการแจ้งเป็นเรื่องร้องเรียนให้เจ้าหน้าที่ไปดำเนินการ "
                        "หรือเป็นคำถามที่ต้องการคำตอบคะ",
}

t = texts(TEXT, strings.TEXT)

# Words that say "this is a question" or are politeness, not what it is about: the FAQ matcher
# (bot/runtime/faq_index.py) leaves them out, so "อยากทราบว่า..." matches by its topic alone.
STOP_WORDS: frozenset[str] = frozenset({
    "ค่ะ", "คะ", "ครับ", "ครับผม", "คับ", "จ้า", "จ้ะ", "นะ", "นะคะ", "นะครับ", "ฮะ", "น่ะ", "หน่อย", "ด้วย",
    "อยาก", "ทราบ", "อยากทราบ", "ขอทราบ", "สอบถาม", "ถาม", "ขอถาม", "รบกวน", "ช่วย", "บอก", "แนะนำ",
    "ขอ", "สงสัย", "คำถาม", "มีเรื่อง",
    "ไหม", "มั้ย", "มั๊ย", "หรือไม่", "หรือเปล่า", "เปล่า", "หรือ", "ยังไง", "อย่างไร", "ไง", "อะไร", "บ้าง",
    "ที่ไหน", "ไหน", "เมื่อไร", "เมื่อไหร่", "ไหร่", "กี่", "ใคร", "ทำไม", "เท่าไร", "เท่าไหร่", "แค่ไหน",
    "ได้", "ได้ไหม", "ต้อง", "จะ", "ว่า", "คือ", "ที่", "ของ", "และ", "กับ", "ให้", "ใน", "เป็น", "มี", "ไป",
    "มา", "แล้ว", "ก็", "การ", "ความ", "นี้", "นั้น", "เรื่อง", "ทำ", "ผม", "ฉัน", "ดิฉัน", "หนู", "เรา",
    "ท่าน", "เขา", "คุณ", "ตัวเอง", "เทศบาล", "อยู่", "ยัง", "อีก", "ถ้า", "เพราะ", "ซึ่ง", "แต่", "ไม่",
    "โดย", "เพื่อ", "จาก", "ถึง", "กัน", "ละ", "วิธี", "ขั้นตอน", "ๆ", "?",
})

# Words that make a message a question (newmm words), and phrases that ask for a piece of information:
# a short message with one of them that names a complaint category but no problem ("รถขยะมาวันไหน")
# is answered from the FAQ when the FAQ knows it, instead of opening a complaint (handlers/inquiry.py).
QUESTION_WORDS: frozenset[str] = frozenset({
    "ไหม", "มั้ย", "มั๊ย", "ได้ไหม", "ไหน", "ที่ไหน", "วันไหน", "เมื่อไร", "เมื่อไหร่", "ไหร่", "อย่างไร", "ยังไง",
    "ไง", "อะไร", "เท่าไร", "เท่าไหร่", "กี่", "ใคร", "ทำไม", "หรือเปล่า", "หรือไม่", "บ้าง",
})
ASKING_PHRASES: tuple[str, ...] = ("?", "\uff1f", "เลขบัญชี", "ขอทราบ", "อยากทราบ")
