"""Thai text a citizen reads about their personal data: the deletion request in LINE and its outcome.

Labels ("qr.*") are quick-reply labels: at most 20 characters each.
"""
from __future__ import annotations

from messages_th.strings import _Keep

TEXT: dict[str, str] = {
    "qr.privacy": "ขอลบข้อมูลส่วนตัว",
    "qr.confirm": "ยืนยันขอลบข้อมูล",
    "qr.keep": "ไม่ลบ",
    "ask": "ท่านต้องการขอลบข้อมูลส่วนบุคคลของท่านใช่ไหมคะ\n"
           "• สิ่งที่จะลบ: ชื่อ เบอร์โทร บัญชีไลน์ที่ผูกกับเรื่อง รูปภาพ และข้อความที่คุยกับบัญชีนี้ "
           "ของทุกเรื่องที่ท่านเคยแจ้ง สอบถาม เสนอแนะ และประเมิน\n"
           "• สิ่งที่ยังเก็บ: ตัวเรื่องแบบไม่ระบุตัวตน เพื่อเป็นสถิติของเทศบาล\n"
           "เมื่อลบแล้ว ท่านจะติดตามเรื่องเดิมทางไลน์ไม่ได้อีกค่ะ",
    "ask.open": "เรื่องที่ยังดำเนินการอยู่ ({tickets}) เจ้าหน้าที่จะทำต่อจนเสร็จ "
                "แต่จะแจ้งความคืบหน้าให้ท่านทางไลน์ไม่ได้ "
                "ส่วนรายละเอียดและรูปของเรื่องนั้นจะเก็บไว้เท่าที่จำเป็นต่อการแก้ปัญหาค่ะ",
    "ask.next": "เจ้าหน้าที่จะตรวจสอบคำขอ แล้วแจ้งผลทางไลน์นี้ค่ะ",
    "received": "รับคำขอลบข้อมูลส่วนบุคคลแล้วค่ะ 🙏\n"
                "เจ้าหน้าที่จะตรวจสอบและแจ้งผลทางไลน์นี้ภายในวันที่ {date} ค่ะ",
    "already": "ท่านมีคำขอลบข้อมูลที่รอเจ้าหน้าที่ตรวจสอบอยู่แล้วค่ะ "
               "จะแจ้งผลทางไลน์นี้ภายในวันที่ {date} ค่ะ",
    "kept": "ไม่ลบข้อมูลค่ะ ท่านยังติดตามเรื่องทางไลน์ได้ตามปกติ",
    "no_user": "ขออภัยค่ะ ระบบไม่ทราบบัญชีไลน์ของท่าน จึงรับคำขอทางนี้ไม่ได้ "
               "โปรดติดต่อสำนักงานเทศบาลค่ะ",
    # pushed when staff decide (bot/admin/privacy.py)
    "done": "ลบข้อมูลส่วนบุคคลของท่านตามคำขอเรียบร้อยแล้วค่ะ 🙏\n"
            "เรื่องที่เคยแจ้งยังเก็บไว้เป็นสถิติโดยไม่ระบุตัวตน และจะติดตามทางไลน์ไม่ได้อีก\n"
            "ท่านใช้บริการต่อได้ตามปกติค่ะ",
    "done.open": "เรื่องที่ยังดำเนินการอยู่ เจ้าหน้าที่จะทำต่อจนเสร็จ แต่จะแจ้งความคืบหน้าทางไลน์ไม่ได้ค่ะ",
    "rejected": "เรื่องคำขอลบข้อมูลส่วนบุคคลของท่าน เจ้าหน้าที่ยังลบให้ไม่ได้ค่ะ\n"
                "เหตุผล: {reason}\nสอบถามเพิ่มเติมได้ที่\n{office}",
    # the retention period in the privacy notice (strings "privacy.retention")
    "period.years": "{n} ปี",
    "period.months": "{n} เดือน",
    "period.days": "{n} วัน",
}


def t(key: str, **values: object) -> str:
    """The Thai text for `key` with its placeholders filled; the key itself when unknown."""
    text = TEXT.get(key)
    if text is None:
        return key
    return text.format_map(_Keep(values)) if values else text


def period(days: int) -> str:
    """A retention period as people say it: 730 days are "2 ปี", 180 days "6 เดือน"."""
    if days % 365 == 0:
        return t("period.years", n=days // 365)
    if days % 30 == 0:
        return t("period.months", n=days // 30)
    return t("period.days", n=days)
