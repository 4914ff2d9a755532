"""Thai text of the complaint queue and the case page; templates call `ct(key, **values)`."""
from __future__ import annotations

from messages_th.dates import status_label
from messages_th.strings import t as citizen_t

TEXT: dict[str, str] = {
    # --- the queue -------------------------------------------------------------------------------
    "queue.title": "เรื่องร้องเรียน",
    "queue.scope_division": "แสดงเฉพาะเรื่องของ{division}",
    "queue.scope_none": "บัญชีของท่านยังไม่ได้ระบุกอง จึงยังไม่เห็นเรื่องใด โปรดติดต่อผู้ดูแลระบบ",
    "queue.all": "ทั้งหมด",
    "queue.count_more": "{n:,}+",
    "queue.search": "ค้นหา",
    "queue.search_hint": "เลขที่เรื่อง หรือคำในรายละเอียด",
    "queue.search_words": "ค้นหาคำ: {words}",
    "queue.search_nothing": "คำค้นนี้กว้างเกินไป โปรดใช้คำที่เจาะจงกว่านี้ เช่น ถนน ไฟฟ้า ขยะ",
    "queue.filter": "กรอง",
    "queue.clear": "ล้างตัวกรอง",
    "queue.status": "สถานะ",
    "queue.category": "หมวด",
    "queue.division": "หน่วยงาน",
    "queue.any": "ทุกรายการ",
    "queue.date_from": "ตั้งแต่วันที่",
    "queue.date_to": "ถึงวันที่",
    "queue.date_range": "วันที่แจ้ง {start} – {end}",
    "queue.date_open": "ไม่กำหนด",
    "queue.overdue_only": "เฉพาะเรื่องที่เกินกำหนด",
    "queue.sort": "เรียงตาม",
    "sort.newest": "ใหม่สุดก่อน",
    "sort.oldest": "เก่าสุดก่อน",
    "sort.due": "ใกล้ครบกำหนดก่อน (เรื่องที่ยังไม่เสร็จ)",
    "queue.col.ticket": "เลขที่",
    "queue.col.created": "วันที่แจ้ง",
    "queue.col.summary": "รายละเอียด",
    "queue.col.category": "หมวด",
    "queue.col.division": "หน่วยงาน",
    "queue.col.status": "สถานะ",
    "queue.col.due": "กำหนดเสร็จ (15 วัน)",
    "queue.overdue": "เกินกำหนด",
    "queue.empty": "ไม่พบเรื่องตามเงื่อนไขนี้",
    "queue.first": "« หน้าแรก",
    "queue.prev": "‹ ก่อนหน้า",
    "queue.next": "ถัดไป ›",
    "queue.bad_date": "รูปแบบวันที่ไม่ถูกต้อง (ใช้ ปปปป-ดด-วว เช่น 2025-11-23) จึงไม่ได้กรองตามวันที่",
    # --- the case page ---------------------------------------------------------------------------
    "case.title": "เรื่อง {ticket}",
    "case.back": "‹ กลับไปรายการเรื่อง",
    "case.print": "พิมพ์",
    "case.description": "รายละเอียด",
    "case.category": "หมวด",
    "case.division": "หน่วยงานที่รับผิดชอบ",
    "case.assignee": "ผู้รับผิดชอบ",
    "case.nobody": "ยังไม่ได้มอบหมาย",
    "case.created": "วันที่แจ้ง",
    "case.updated": "อัปเดตล่าสุด",
    "case.due": "กำหนดแล้วเสร็จ (ภายใน 15 วัน)",
    "case.due_left": "เหลืออีก {days} วัน",
    "case.due_today": "ครบกำหนดวันนี้",
    "case.overdue_by": "เกินกำหนดมา {days} วัน",
    "case.closed": "ปิดเรื่องเมื่อ",
    "case.status": "สถานะ",
    "case.channel": "ช่องทาง",
    "case.location": "สถานที่",
    "case.landmark": "จุดสังเกต",
    "case.map": "เปิดแผนที่",
    "case.no_location": "ไม่ได้ระบุสถานที่",
    "case.photos": "รูปภาพ",
    "case.photo_alt": "รูปที่ {n} ของเรื่อง {ticket}",
    "case.no_photos": "ไม่มีรูปภาพ",
    "case.photos_waiting": "มีรูปอีก {n} รูปกำลังดาวน์โหลดจากไลน์",
    "case.contact": "ผู้แจ้ง",
    "case.anonymous": "ไม่ประสงค์ออกนาม",
    "case.contact_line": "ติดต่อกลับทางไลน์ (ไม่ได้ให้ชื่อหรือเบอร์โทร)",
    "case.name": "ชื่อ",
    "case.phone": "โทร",
    "case.personal_logged": "การเปิดดูข้อมูลส่วนบุคคลนี้ถูกบันทึกไว้",
    "case.last_message": "ข้อความล่าสุดถึงผู้แจ้ง",
    "case.history": "ประวัติการดำเนินการ",
    "case.history_empty": "ยังไม่มีประวัติ",
    "case.col.at": "เมื่อ",
    "case.col.who": "โดย",
    "case.col.what": "รายการ",
    "case.col.detail": "รายละเอียด",
    "who.citizen": "ผู้แจ้ง",
    "who.system": "ระบบ",
    "kind.created": "รับเรื่อง",
    "kind.status": "เปลี่ยนสถานะ",
    "kind.assign": "มอบหมายงาน",
    "kind.note": "บันทึกภายใน",
    "kind.message": "ส่งข้อความ",
    "history.status": "{old} → {new}",
    "history.reason": "เหตุผล: {reason}",
    "history.told": "แจ้งผู้ร้อง: {message}",
    "history.internal": "(ภายใน ไม่แจ้งผู้ร้อง)",
    # --- actions ---------------------------------------------------------------------------------
    "act.status": "เปลี่ยนสถานะ",
    "act.new_status": "สถานะใหม่",
    "act.choose": "— เลือกสถานะ —",
    "act.reason": "เหตุผล (จำเป็นเมื่อไม่รับพิจารณา/ยุติเรื่อง และจะแจ้งผู้ร้อง)",
    "act.message": "ข้อความถึงผู้ร้องทางไลน์ (ไม่บังคับ)",
    "act.status_submit": "บันทึกสถานะ",
    "act.status_none": "สถานะนี้เปลี่ยนต่อไม่ได้แล้ว",
    "act.push_note": "การเปลี่ยนสถานะจะแจ้งผู้ร้องทางไลน์ (ข้อความ push ใช้โควตารายเดือน)",
    "act.no_line": "เรื่องนี้ไม่มีบัญชีไลน์ของผู้ร้อง จึงแจ้งทางไลน์ไม่ได้",
    "act.assign": "มอบหมาย",
    "act.assign_division": "หน่วยงาน",
    "act.assign_person": "เจ้าหน้าที่ (ไม่บังคับ)",
    "act.assign_nobody": "— ไม่ระบุบุคคล —",
    "act.assign_submit": "บันทึกการมอบหมาย",
    "act.note": "บันทึกภายใน",
    "act.note_text": "ข้อความ (เห็นเฉพาะเจ้าหน้าที่ ไม่ส่งถึงผู้ร้อง)",
    "act.note_submit": "เพิ่มบันทึก",
    "act.read_only": "บัญชีของท่านดูได้อย่างเดียว",
    "done.status": "เปลี่ยนสถานะเป็น \"{status}\" แล้ว",
    "done.pushed": "ส่งข้อความแจ้งผู้ร้องทางไลน์แล้ว (อยู่ในคิวส่ง)",
    "done.assign": "มอบหมายแล้ว: {label}",
    "done.note": "เพิ่มบันทึกภายในแล้ว",
    "refused.transition": "เปลี่ยนเป็นสถานะนี้ไม่ได้จากสถานะปัจจุบัน",
    "refused.reason": "โปรดระบุเหตุผลเมื่อไม่รับพิจารณา/ยุติเรื่อง",
    "refused.stale": "มีผู้อื่นเปลี่ยนสถานะเรื่องนี้ไปก่อนแล้ว โปรดตรวจสอบอีกครั้ง",
    "refused.assignee": "โปรดเลือกหน่วยงานหรือเจ้าหน้าที่ที่มีอยู่",
    "refused.empty": "โปรดพิมพ์ข้อความก่อนบันทึก",
    "refused.choose": "โปรดเลือกสถานะใหม่",
    "refused.form": "ข้อมูลในแบบฟอร์มไม่ถูกต้อง โปรดตรวจสอบอีกครั้ง",
    # --- push quota ------------------------------------------------------------------------------
    "quota.title": "โควตาข้อความ push เดือนนี้",
    "quota.used": "ใช้ไป {used:,} จาก {limit:,} ข้อความ",
    "quota.unlimited": "ใช้ไป {used:,} ข้อความ (ไม่จำกัด)",
    "quota.unknown": "ไม่ทราบ (ติดต่อไลน์ไม่ได้ในขณะนี้)",
    "quota.low": "โควตาใกล้หมด ข้อความที่เกินโควตาจะส่งไม่ถึงผู้ร้อง",
}


def ct(key: str, **values: object) -> str:
    """The Thai text for a key; a missing key shows itself so it is noticed, never a crash."""
    text = TEXT.get(key, key)
    return text.format(**values) if values else text


def citizen_update(ticket: str, status: str | None, message: str) -> str:
    """The push a citizen gets when staff change their case (strings.py keeps the wording)."""
    parts = [citizen_t("status.push_head", ticket=ticket)]
    if status:
        parts.append(citizen_t("status.push_status", status=status_label(status)))
    if message:
        parts.append(citizen_t("status.push_message", message=message))
    parts.append(citizen_t("status.push_tail"))
    return "\n".join(parts)
