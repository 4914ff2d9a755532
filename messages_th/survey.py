"""Thai text of the satisfaction survey in LINE. Labels ("qr.*") are at most 20 characters."""
from __future__ import annotations

from messages_th import strings
from messages_th.admin import texts

TEXT: dict[str, str] = {
    # the ITA four-level answers, by stored value
    "qr.sv_4": "มากที่สุด",
    "qr.sv_3": "มาก",
    "qr.sv_2": "น้อย",
    "qr.sv_1": "น้อยที่สุด",
    "qr.sv_stars": "{stars} {n} ดาว",
    "qr.sv_rate_case": "ประเมินความพึงพอใจ",
    "sv.choose_service": "ขอบคุณที่ช่วยประเมินความพึงพอใจค่ะ 🙏\nท่านต้องการประเมินบริการใดคะ เลือกจากปุ่มด้านล่างได้เลย",
    "sv.case_waiting": "เรื่องเลขที่ {ticket} ที่ท่านแจ้งไว้ดำเนินการเสร็จแล้ว "
                       "กดปุ่ม \"{ticket}\" เพื่อประเมินการดำเนินการเรื่องนี้ได้ค่ะ",
    "sv.intro_case": "ขอบคุณที่ช่วยประเมินการดำเนินการเรื่องเลขที่ {ticket} ค่ะ 🙏\n"
                     "มี {n} ข้อ กดเลือกคำตอบข้อละครั้งเดียวค่ะ",
    "sv.intro_service": "ประเมินบริการ \"{service}\" มี {n} ข้อ กดเลือกคำตอบข้อละครั้งเดียวค่ะ",
    "sv.question": "ข้อ {i} จาก {n}\n{question}",
    "sv.stars_hint": "(1 ดาว = น้อยที่สุด 5 ดาว = มากที่สุด)",
    "sv.tap_please": "โปรดกดเลือกคำตอบจากปุ่มด้านล่างค่ะ",
    "sv.ask_comment": "บันทึกผลการประเมินแล้วค่ะ ขอบคุณมากค่ะ 🙏\n"
                      "มีความเห็นหรือข้อเสนอแนะเพิ่มเติมไหมคะ พิมพ์มาได้เลย ถ้าไม่มี กด \"ข้าม\" ค่ะ",
    "sv.comment_text_please": "โปรดพิมพ์ความเห็นเป็นข้อความ หรือกด \"ข้าม\" ค่ะ",
    "sv.thanks_comment": "ขอบคุณสำหรับความเห็นค่ะ 🙏 เทศบาลจะนำไปปรับปรุงการให้บริการ",
    "sv.comment_report_offer": "ถ้าต้องการให้เจ้าหน้าที่ไปดำเนินการเรื่องที่เล่ามา "
                               "กด \"แจ้งเป็นคำร้องเรียน\" ได้ค่ะ",
    "sv.done": "ขอบคุณที่ช่วยประเมินความพึงพอใจค่ะ 🙏",
    "sv.already": "เรื่องเลขที่ {ticket} ได้รับการประเมินแล้วค่ะ ขอบคุณมากค่ะ 🙏",
    "sv.case_open": "เรื่องเลขที่ {ticket} ยังดำเนินการไม่เสร็จค่ะ ประเมินได้เมื่อเรื่องเสร็จสิ้นแล้วค่ะ",
    "sv.case_not_found": "ไม่พบเรื่องเลขที่ {ticket} ที่ท่านแจ้งไว้ค่ะ "
                         "การประเมินเรื่องร้องเรียนทำได้เฉพาะผู้แจ้งเรื่องนั้นค่ะ",
    "sv.unavailable": "ขออภัยค่ะ ตอนนี้ยังไม่มีแบบประเมินให้ตอบ ติชมได้ที่\n{office}",
    "sv.not_saved": "ขออภัยค่ะ บันทึกผลการประเมินไม่สำเร็จ โปรดลองใหม่อีกครั้งภายหลังค่ะ",
    "sv.cancelled": "ยกเลิกการประเมินแล้วค่ะ ประเมินใหม่ได้ทุกเมื่อจากเมนูค่ะ",
    # asked when something new starts while answers are not yet stored (handlers/interrupt.py)
    "sv.unfinished": "ท่านยังตอบแบบประเมินความพึงพอใจไม่ครบค่ะ ต้องการทำอย่างไรคะ",
    # added under the status news when staff resolve a case (bot/runtime/case_news.tell_about_case)
    "sv.invite": "ช่วยประเมินความพึงพอใจการดำเนินการเรื่องนี้ (ไม่เกิน 5 ข้อ) "
                 "โดยกดปุ่ม \"ประเมินความพึงพอใจ\" ด้านล่างได้ค่ะ 🙏",
}

t = texts(TEXT, strings.TEXT)

STAR = "\u2b50"

# Typed answers that mean a level of the four-level scale (compared after trimming polite endings).
# The trial of issue 4 typed "แย่มาก" and "พอใช้ได้" and was told to tap a button; words that fit no
# single level ("ปานกลาง") are left to the buttons.
FOUR_WORDS: dict[int, tuple[str, ...]] = {
    4: ("มากที่สุด", "ดีมาก", "ดีที่สุด", "ดีเยี่ยม", "เยี่ยม", "เยี่ยมมาก", "พอใจมาก", "ประทับใจ", "ประทับใจมาก"),
    3: ("มาก", "ดี", "พอใจ", "ค่อนข้างดี"),
    2: ("น้อย", "พอใช้", "พอใช้ได้", "ไม่ค่อยดี", "ไม่ค่อยพอใจ"),
    1: ("น้อยที่สุด", "ไม่ดี", "แย่", "แย่มาก", "ไม่ดีเลย", "ไม่พอใจ", "น้อยมาก"),
}

# A short message with one of these asks for the survey ("อยากประเมินความพึงพอใจค่ะ"), beside the
# exact commands of strings.COMMANDS; it opened "report it or ask?" in the issue 4 trial.
SURVEY_PHRASES: tuple[str, ...] = ("ประเมินความพึงพอใจ", "ประเมินบริการ", "แบบประเมิน", "ให้คะแนน",
                                   "แบบสอบถามความพึงพอใจ")
