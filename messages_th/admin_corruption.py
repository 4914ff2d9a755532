"""Thai text of the corruption-report pages of the admin view (integrity staff only).

Templates call `t_corruption(key, **values)`; a key not here falls back to messages_th.admin.
"""
from __future__ import annotations

from messages_th import admin

TEXT: dict[str, str] = {
    "list.title": "เรื่องร้องเรียนการทุจริตและประพฤติมิชอบ",
    "list.confidential": "ข้อมูลในส่วนนี้เป็นความลับ เห็นเฉพาะผู้รับผิดชอบเรื่องทุจริต "
                         "การเปิดดูทุกครั้งถูกบันทึกไว้",
    "list.filter": "สถานะ",
    "list.all": "ทั้งหมด",
    "list.open": "ยังไม่เสร็จ",
    "list.show": "แสดง",
    "list.empty": "ไม่มีเรื่องร้องเรียน",
    "list.count": "{label} ({n})",
    "col.ticket": "เลขที่เรื่อง",
    "col.created": "วันที่แจ้ง",
    "col.accused": "ผู้ถูกร้องเรียน",
    "col.status": "สถานะ",
    "col.assignee": "ผู้รับผิดชอบ",
    "col.due": "กำหนดแล้วเสร็จ",
    "report.title": "เรื่องแจ้งการทุจริต {ticket}",
    "report.back": "« กลับไปรายการ",
    "report.print": "พิมพ์",
    "report.accused": "ผู้ถูกร้องเรียน",
    "report.description": "พฤติการณ์",
    "report.updated": "อัปเดตล่าสุด",
    "report.overdue": "เกินกำหนด",
    "report.unassigned": "ยังไม่มอบหมาย",
    "report.last_message": "ข้อความล่าสุดถึงผู้แจ้ง",
    "evidence.title": "หลักฐาน",
    "evidence.none": "ไม่มีรูปหลักฐาน",
    "evidence.pending": "รูปที่ {n}: กำลังรับรูปจากไลน์",
    "evidence.failed": "รูปที่ {n}: รับรูปไม่สำเร็จ",
    "evidence.alt": "รูปหลักฐานที่ {n}",
    "reporter.title": "ผู้แจ้ง",
    "reporter.anonymous": "ผู้แจ้งไม่ประสงค์ออกนาม ไม่มีข้อมูลผู้แจ้งให้เปิดดู "
                          "(ระบบยังส่งข่าวความคืบหน้าถึงผู้แจ้งทางไลน์ได้)",
    "reporter.hidden": "ผู้แจ้งให้ข้อมูลติดต่อไว้ ข้อมูลนี้ถูกปิดไว้ "
                       "การเปิดดูแต่ละครั้งจะถูกบันทึกพร้อมเหตุผล และแสดงเพียงครั้งเดียว",
    "reporter.reason": "เหตุผลที่ต้องเปิดดู",
    "reporter.reveal": "เปิดดูข้อมูลผู้แจ้ง",
    "reporter.revealed": "ข้อมูลผู้แจ้ง (แสดงครั้งนี้ครั้งเดียว การเปิดดูถูกบันทึกแล้ว)",
    "reporter.name": "ชื่อ",
    "reporter.phone": "โทรศัพท์",
    "reporter.line": "บัญชี LINE ของผู้แจ้ง",
    "reporter.line_name": "ชื่อในไลน์ “{name}” · รหัสบัญชี {masked}",
    "reporter.line_masked": "รหัสบัญชี {masked}",
    "reporter.line_note": "ติดต่อผู้แจ้งทางไลน์ได้ด้วยช่อง “ข้อความถึงผู้แจ้ง” ด้านล่าง "
                          "(ระบบส่งถึงบัญชีนี้ให้ ไม่ต้องใช้รหัสบัญชี)",
    "reporter.none": "-",
    "status.title": "เปลี่ยนสถานะ / แจ้งผู้แจ้ง",
    "status.target": "สถานะใหม่",
    "status.keep": "ไม่เปลี่ยนสถานะ (ส่งข้อความอย่างเดียว)",
    "status.note": "เหตุผล / หมายเหตุภายใน (ผู้แจ้งไม่เห็น จำเป็นเมื่อยุติเรื่อง)",
    "status.message": "ข้อความถึงผู้แจ้ง (ส่งทางไลน์ ไม่บังคับ)",
    "status.submit": "บันทึก",
    "status.closed_final": "เรื่องนี้ปิดแล้ว เปลี่ยนสถานะต่อไม่ได้",
    "note.title": "บันทึกภายใน (ผู้แจ้งไม่เห็น)",
    "note.text": "บันทึก",
    "note.submit": "เพิ่มบันทึก",
    "assign.title": "มอบหมายผู้รับผิดชอบ",
    "assign.staff": "ผู้รับผิดชอบ",
    "assign.submit": "มอบหมาย",
    "history.title": "ประวัติ",
    "history.empty": "ยังไม่มีประวัติ",
    "history.when": "เวลา",
    "history.who": "ผู้ดำเนินการ",
    "history.what": "การดำเนินการ",
    "history.kind.created": "รับเรื่อง",
    "history.kind.status": "เปลี่ยนสถานะ",
    "history.kind.note": "บันทึกภายใน",
    "history.kind.assign": "มอบหมาย",
    "history.kind.message": "ข้อความถึงผู้แจ้ง",
    "history.citizen": "ผู้แจ้ง",
    "history.sent": "แจ้งผู้แจ้ง: {message}",
    "flash.status": "บันทึกแล้ว",
    "flash.pushed": "ส่งข่าวความคืบหน้าถึงผู้แจ้งทางไลน์แล้ว (อยู่ในคิวส่ง)",
    "flash.no_line": "ผู้แจ้งไม่มีบัญชีไลน์ที่ส่งข้อความถึงได้ จึงไม่ได้แจ้งทางไลน์",
    "flash.note": "เพิ่มบันทึกแล้ว",
    "flash.assigned": "มอบหมายแล้ว",
    "flash.unassigned": "ยกเลิกการมอบหมายแล้ว",
    "error.too_long": "ข้อความยาวเกินไป (ไม่เกิน {max} ตัวอักษร)",
    "error.reveal_reason": "โปรดระบุเหตุผลที่ต้องเปิดดูข้อมูลผู้แจ้ง (อย่างน้อย {min} ตัวอักษร)",
    "error.anonymous": "เรื่องนี้ผู้แจ้งไม่ประสงค์ออกนาม ไม่มีข้อมูลผู้แจ้งให้เปิดดู",
}


t = admin.texts(TEXT, fallback=admin.TEXT)  # keys of the shared admin text work too


def line_account(line_id: str, display_name: str) -> str:
    """The reporter's LINE account as a handler needs it: the name they show in LINE, and the id
    only masked (U1234…cdef), enough to tell two accounts apart; messages go through the bot."""
    masked = f"{line_id[:5]}…{line_id[-4:]}" if len(line_id) > 12 else "…"
    return TEXT["reporter.line_name" if display_name else "reporter.line_masked"].format(
        name=display_name, masked=masked)
