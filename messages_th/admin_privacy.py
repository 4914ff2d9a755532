"""Thai text of the admin page for citizens' personal-data deletion requests (/admin/privacy).

Templates call `t_privacy(key, **values)`; a key not here falls back to messages_th.admin.
"""
from __future__ import annotations

from messages_th import admin

TEXT: dict[str, str] = {
    "title": "คำขอลบข้อมูลส่วนบุคคล",
    "intro": "ประชาชนขอลบข้อมูลส่วนบุคคลของตนทางไลน์ โปรดตรวจสอบแล้วยืนยันหรือปฏิเสธ (พร้อมเหตุผล) "
             "ภายใน {days} วันตาม พ.ร.บ.คุ้มครองข้อมูลส่วนบุคคล ผลจะแจ้งผู้ขอทางไลน์โดยอัตโนมัติ",
    "what": "เมื่อยืนยัน ระบบจะลบชื่อ เบอร์โทร บัญชีไลน์ รูปภาพ และข้อความแชตของผู้ขอในทุกเรื่องที่แจ้งทางไลน์ "
            "โดยสถิติ วันที่ หมวด และสถานะยังอยู่ครบ "
            "เรื่องที่ยังดำเนินการอยู่จะเก็บไว้ทำต่อโดยไม่มีข้อมูลผู้แจ้ง — ลบแล้วกู้คืนไม่ได้",
    "retention": "ระยะเวลาเก็บข้อมูลส่วนบุคคล: {period} หลังเรื่องเสร็จสิ้น "
                 "(ค่า RETENTION_DAYS = {days} วัน) แล้วระบบลบด้วยคำสั่ง flask privacy purge",
    "last_purge": "ลบข้อมูลที่ครบกำหนดครั้งล่าสุด: {when} ({detail})",
    "last_purge.never": "ยังไม่เคยสั่งลบข้อมูลที่ครบกำหนด (ควรตั้งให้คำสั่ง flask privacy purge ทำงานทุกวัน)",
    "pending.title": "คำขอที่รอตรวจสอบ ({n})",
    "pending.none": "ไม่มีคำขอที่รอตรวจสอบ",
    "decided.title": "คำขอที่ดำเนินการแล้ว (ล่าสุด)",
    "decided.none": "ยังไม่มีคำขอที่ดำเนินการแล้ว",
    "col.id": "คำขอเลขที่",
    "col.requested": "วันที่ขอ",
    "col.due": "ตอบภายใน",
    "col.name": "ชื่อไลน์",
    "col.holdings": "ข้อมูลที่มีในระบบ",
    "col.decision": "ดำเนินการ",
    "col.decided": "วันที่ดำเนินการ",
    "col.decided_by": "ผู้ดำเนินการ",
    "col.result": "ผล",
    "col.detail": "รายละเอียด",
    "overdue": "เกินกำหนด",
    "name.unknown": "(ไม่ทราบชื่อไลน์)",
    "holdings": "เรื่องร้องเรียน {complaints} · สอบถาม {inquiries} · เสนอแนะ {suggestions} · "
                "แบบประเมิน {survey_responses}",
    "open_cases": "เรื่องที่ยังดำเนินการ: {tickets}",
    "confirm": "ยืนยันลบข้อมูล",
    "reject": "ปฏิเสธคำขอ",
    "reason": "เหตุผลที่ปฏิเสธ (ส่งถึงผู้ขอทางไลน์)",
    "status.done": "ลบข้อมูลแล้ว",
    "status.rejected": "ปฏิเสธ",
    "flash.done": "ลบข้อมูลส่วนบุคคลตามคำขอเลขที่ {id} แล้ว และแจ้งผู้ขอทางไลน์แล้ว",
    "flash.rejected": "ปฏิเสธคำขอเลขที่ {id} แล้ว และแจ้งเหตุผลทางไลน์แล้ว",
    "error.reason": "โปรดระบุเหตุผลที่ปฏิเสธอย่างน้อย {min} ตัวอักษร",
    "error.not_pending": "ไม่พบคำขอนี้ หรือคำขอนี้ดำเนินการไปแล้ว",
    # written into the history of a case that stays open after its reporter's data was deleted
    "open_note": "ผู้แจ้งขอลบข้อมูลส่วนบุคคลแล้ว: ไม่มีชื่อ เบอร์โทร และบัญชีไลน์ของผู้แจ้ง "
                 "จึงแจ้งความคืบหน้าให้ผู้แจ้งทางไลน์ไม่ได้",
}

t = admin.texts(TEXT, fallback=admin.TEXT)


# The counts an audit row of the purge or of a confirmed request holds ("days=730 complaints=2 ..."),
# by name, as the audit page and /admin/privacy show them.
COUNT_LABELS: dict[str, str] = {
    "days": "ระยะเวลาเก็บ (วัน)",
    "complaints": "เรื่องร้องเรียน",
    "corruption_reports": "เรื่องทุจริต",
    "inquiries": "เรื่องสอบถาม",
    "suggestions": "ข้อเสนอแนะ",
    "survey_responses": "แบบประเมิน",
    "conversations": "บทสนทนาที่ค้าง",
    "followers": "ชื่อไลน์ของผู้เลิกติดตาม",
    "events": "ข้อความแชต",
    "messages": "ข้อความที่ส่งถึงประชาชน",
    "photos": "รูปภาพ",
}


def counts_text(detail: str) -> str:
    """"days=730 complaints=2" as "ระยะเวลาเก็บ (วัน) 730 · เรื่องร้องเรียน 2"; anything else as it is."""
    pairs = [part.split("=", 1) for part in (detail or "").split()]
    if not pairs or any(len(p) != 2 or p[0] not in COUNT_LABELS for p in pairs):
        return detail or ""
    return " · ".join(f"{COUNT_LABELS[k]} {v}" for k, v in pairs)
