"""Thai text of the admin pages for accounts, categories and divisions, and the audit log.

Templates call `t_accounts(key, **values)`; a key not here falls back to messages_th.admin.
"""
from __future__ import annotations

import re

from messages_th import admin
from messages_th.admin_audit_details import other_detail
from messages_th.admin_feedback import suggestion_status_label
from messages_th.dates import STATUS, status_label

TEXT: dict[str, str] = {
    # --- accounts ---------------------------------------------------------------------------------
    "staff.title": "บัญชีผู้ใช้",
    "staff.catalog_link": "หมวดเรื่องและกอง »",
    "staff.username": "ชื่อผู้ใช้",
    "staff.display_name": "ชื่อที่แสดง",
    "staff.roles": "สิทธิ์",
    "staff.division": "กอง (จำเป็นสำหรับเจ้าหน้าที่ประจำกอง)",
    "staff.division_short": "กอง",
    "staff.no_division": "- ไม่สังกัดกอง -",
    "staff.state": "สถานะบัญชี",
    "staff.active": "ใช้งาน",
    "staff.inactive": "ระงับแล้ว",
    "staff.last_login": "เข้าระบบล่าสุด",
    "staff.never": "ยังไม่เคย",
    "staff.manage": "จัดการ",
    "staff.create_title": "เพิ่มบัญชีผู้ใช้",
    "staff.password": "รหัสผ่านเริ่มต้น (อย่างน้อย 10 ตัวอักษร)",
    "staff.new_password": "รหัสผ่านใหม่ (อย่างน้อย 10 ตัวอักษร)",
    "staff.create": "เพิ่มบัญชี",
    "staff.edit_title": "บัญชี {username}",
    "staff.back": "« กลับไปรายการบัญชี",
    "staff.update": "บันทึกการแก้ไข",
    "staff.password_title": "ตั้งรหัสผ่านใหม่",
    "staff.password_submit": "ตั้งรหัสผ่านใหม่",
    "staff.deactivate": "ระงับบัญชีนี้",
    "staff.reactivate": "เปิดใช้บัญชีนี้อีกครั้ง",
    "staff.self_note": "นี่คือบัญชีของท่านเอง: ระงับบัญชีหรือถอดสิทธิ์ผู้ดูแลระบบของตนเองไม่ได้",
    "staff.created": "เพิ่มบัญชี {username} แล้ว",
    "staff.updated": "บันทึกการแก้ไขแล้ว",
    "staff.password_set": "ตั้งรหัสผ่านใหม่แล้ว โปรดแจ้งเจ้าของบัญชีทางช่องทางที่ปลอดภัย",
    "staff.deactivated": "ระงับบัญชีแล้ว",
    "staff.reactivated": "เปิดใช้บัญชีแล้ว",
    "error.username": "ชื่อผู้ใช้ต้องเป็นอักษรอังกฤษตัวเล็ก ตัวเลข หรือ . _ - ยาว 3–64 ตัว",
    "error.username_taken": "มีชื่อผู้ใช้นี้แล้ว",
    "error.display_name": "ชื่อที่แสดงยาวเกินไป",
    "error.roles": "เลือกสิทธิ์อย่างน้อยหนึ่งอย่าง",
    "error.division": "เจ้าหน้าที่ประจำกองต้องเลือกกอง",
    "error.password": "รหัสผ่านต้องยาวอย่างน้อย 10 ตัวอักษร (ไม่เกิน 200)",
    "error.self_deactivate": "ระงับบัญชีของตนเองไม่ได้",
    "error.self_admin": "ถอดสิทธิ์ผู้ดูแลระบบของตนเองไม่ได้",
    "error.integrity": ("การให้หรือถอนสิทธิ์ผู้รับผิดชอบเรื่องทุจริต และการตั้งรหัสผ่านใหม่ให้ผู้มีสิทธิ์นี้ "
                        "ต้องทำโดยผู้ดูแลระบบที่มีสิทธิ์ผู้รับผิดชอบเรื่องทุจริตอยู่แล้ว หรือทางบรรทัดคำสั่งบนเซิร์ฟเวอร์ "
                        "(flask staff integrity ชื่อผู้ใช้ / flask staff password ชื่อผู้ใช้)"),
    "error.integrity_none": ("ยังไม่มีผู้รับผิดชอบเรื่องทุจริตในระบบ จึงให้สิทธิ์นี้ผ่านหน้าเว็บไม่ได้ "
                             "โปรดให้ผู้ดูแลเซิร์ฟเวอร์ใช้บรรทัดคำสั่ง: flask staff integrity ชื่อผู้ใช้ "
                             "(ตั้งรหัสผ่านใหม่: flask staff password ชื่อผู้ใช้)"),
    # --- categories and divisions -----------------------------------------------------------------
    "catalog.title": "หมวดเรื่องและกอง",
    "catalog.divisions": "กอง / หน่วยงาน",
    "catalog.categories": "หมวดเรื่องร้องเรียน",
    "catalog.name": "ชื่อ",
    "catalog.division": "กองที่รับเรื่องหมวดนี้",
    "catalog.keywords": "คำที่ใช้แนะนำหมวด (บรรทัดละหนึ่งคำ)",
    "catalog.keyword_count": "{n} คำ",
    "catalog.order": "ลำดับ",
    "catalog.state": "สถานะ",
    "catalog.active": "ใช้งาน",
    "catalog.inactive": "ปิดใช้",
    "catalog.rename": "เปลี่ยนชื่อ",
    "catalog.deactivate": "ปิดใช้",
    "catalog.reactivate": "เปิดใช้",
    "catalog.add_division": "เพิ่มกอง",
    "catalog.add_category": "เพิ่มหมวด",
    "catalog.edit": "แก้ไข",
    "catalog.edit_title": "หมวด {name}",
    "catalog.back": "« กลับไปหมวดเรื่องและกอง",
    "catalog.save": "บันทึก",
    "catalog.active_box": "เปิดใช้หมวดนี้ (ประชาชนเลือกได้)",
    "catalog.no_division": "- ยังไม่กำหนด -",
    "catalog.saved": "บันทึกแล้ว",
    "catalog.routing_note": "เรื่องใหม่ของแต่ละหมวดจะส่งไปยังกองที่กำหนดไว้ เรื่องเดิมไม่เปลี่ยน",
    "error.name": "โปรดระบุชื่อ (ไม่เกิน 200 ตัวอักษร)",
    "error.name_taken": "มีชื่อนี้แล้ว",
    "error.division_unknown": "ไม่พบกองที่เลือก หรือกองนั้นปิดใช้แล้ว",
    "error.division_in_use": "ปิดใช้กองนี้ไม่ได้ เพราะหมวดต่อไปนี้ยังส่งเรื่องไปกองนี้: {names}",
    "error.keywords": "คำแนะนำหมวดยาวเกินไป",
    # --- audit log --------------------------------------------------------------------------------
    "audit.title": "บันทึกการใช้งาน",
    "audit.action": "การกระทำ",
    "audit.staff": "ผู้ใช้",
    "audit.target_kind": "ประเภท",
    "audit.target": "เลขที่ / รหัสเป้าหมาย",
    "audit.date_from": "ตั้งแต่วันที่",
    "audit.date_to": "ถึงวันที่",
    "audit.any": "ทั้งหมด",
    "audit.search": "ค้นหา",
    "audit.clear": "ล้างตัวกรอง",
    "audit.at": "เวลา",
    "audit.detail": "รายละเอียด",
    "audit.ip": "IP",
    "audit.empty": "ไม่พบรายการ",
    "audit.range": "ช่วงวันที่: {start} – {end}",
    "audit.bad_date": "วันที่ไม่ถูกต้อง จึงไม่ได้ใช้กรอง",
    "audit.hidden_note": "รายการเกี่ยวกับเรื่องทุจริตแสดงเฉพาะผู้รับผิดชอบเรื่องทุจริต",
    "audit.detail_status": "{old} → {new}",
    "audit.detail_assign": "กอง: {division} · ผู้รับผิดชอบ: {staff}",
    "audit.detail_nobody": "- ไม่ระบุ -",
    "audit.detail_unknown_division": "กองรหัส {id}",
    "audit.detail_unknown_staff": "บัญชีรหัส {id}",
}

# Audit actions and target kinds by code; an unknown code is shown as it is.
ACTIONS: dict[str, str] = {
    "login": "เข้าสู่ระบบ",
    "login_failed": "เข้าสู่ระบบไม่สำเร็จ",
    "view_case": "เปิดดูเรื่องร้องเรียน",
    "view_corruption": "เปิดดูเรื่องทุจริต",
    "reveal_reporter": "เปิดดูข้อมูลผู้แจ้ง",
    "change_status": "เปลี่ยนสถานะ",
    "send_message": "ส่งข้อความถึงผู้แจ้ง",
    "add_note": "เพิ่มบันทึกภายใน",
    "assign": "มอบหมายงาน",
    "assign_case": "มอบหมายงาน",
    "recategorize_case": "แก้หมวดของเรื่อง",
    "view_personal": "เปิดดูข้อมูลผู้แจ้ง (ชื่อ/เบอร์โทร)",
    "create_staff": "เพิ่มบัญชีผู้ใช้",
    "update_staff": "แก้ไขบัญชีผู้ใช้",
    "deactivate_staff": "ระงับบัญชีผู้ใช้",
    "reactivate_staff": "เปิดใช้บัญชีผู้ใช้",
    "reset_password": "ตั้งรหัสผ่านใหม่",
    "grant_integrity": "ให้สิทธิ์ผู้รับผิดชอบเรื่องทุจริต",
    "revoke_integrity": "ถอนสิทธิ์ผู้รับผิดชอบเรื่องทุจริต",
    "reset_integrity_password": "ตั้งรหัสผ่านใหม่ให้ผู้รับผิดชอบเรื่องทุจริต",
    "add_division": "เพิ่มกอง",
    "update_division": "แก้ไขกอง",
    "add_category": "เพิ่มหมวด",
    "update_category": "แก้ไขหมวด",
    "export_ita": "ดาวน์โหลดหลักฐาน ITA",
    "view_privacy": "เปิดดูคำขอลบข้อมูลส่วนบุคคล",
    "privacy_erase": "ลบข้อมูลส่วนบุคคลตามคำขอ",
    "privacy_reject": "ปฏิเสธคำขอลบข้อมูลส่วนบุคคล",
    "privacy_purge": "ลบข้อมูลส่วนบุคคลที่ครบระยะเวลาเก็บ",
    "answer_inquiry": "ตอบเรื่องสอบถาม",
    "close_inquiry": "ปิดเรื่องสอบถามโดยไม่ตอบ",
    "add_faq": "เพิ่มคำถามที่พบบ่อย",
    "update_faq": "แก้ไขคำถามที่พบบ่อย",
    "deactivate_faq": "ปิดใช้คำถามที่พบบ่อย",
    "reactivate_faq": "เปิดใช้คำถามที่พบบ่อย",
    "suggestion_status": "เปลี่ยนสถานะข้อเสนอแนะ",
    "update_suggestion": "แก้ไขหัวข้อข้อเสนอแนะ",
    "add_survey_service": "เพิ่มงานบริการในแบบประเมิน",
    "update_survey_service": "แก้ไขงานบริการในแบบประเมิน",
    "deactivate_survey_service": "ปิดใช้งานบริการในแบบประเมิน",
    "reactivate_survey_service": "เปิดใช้งานบริการในแบบประเมิน",
    "set_case_survey_service": "ตั้งงานบริการสำหรับประเมินเรื่องร้องเรียน",
    "add_survey_question": "เพิ่มคำถามแบบประเมิน",
    "update_survey_question": "แก้ไขคำถามแบบประเมิน",
    "version_survey_question": "แก้ไขคำถามแบบประเมิน (สร้างฉบับใหม่)",
    "retire_survey_question": "เลิกใช้คำถามแบบประเมิน",
    "reactivate_survey_question": "นำคำถามแบบประเมินกลับมาใช้",
    "link_code": "ขอรหัสผูก LINE",
    "link_line": "ผูกบัญชี LINE",
    "unlink_line": "ยกเลิกการผูกบัญชี LINE",
    "after_photos": "แนบรูปหลังแก้ไข",
    "add_template": "เพิ่มข้อความสำเร็จรูป",
    "update_template": "แก้ไขข้อความสำเร็จรูป",
}
TARGET_KINDS: dict[str, str] = {
    "complaint": "เรื่องร้องเรียน",
    "corruption": "เรื่องทุจริต",
    "staff": "บัญชีผู้ใช้",
    "division": "กอง",
    "category": "หมวดเรื่อง",
    "ita": "หลักฐาน ITA",
    "privacy": "ข้อมูลส่วนบุคคล",
    "inquiry": "เรื่องสอบถาม",
    "faq": "คำถามที่พบบ่อย",
    "suggestion": "ข้อเสนอแนะ",
    "survey_service": "งานบริการในแบบประเมิน",
    "survey_question": "คำถามแบบประเมิน",
    "template": "ข้อความสำเร็จรูป",
}


t = admin.texts(TEXT, fallback=admin.TEXT)  # keys of the shared admin text work too


def action_label(code: str) -> str:
    return ACTIONS.get(code, code)


def target_kind_label(code: str) -> str:
    return TARGET_KINDS.get(code, code)


# Details are stored machine-readable ("in_progress -> resolved", "division=3 staff=2"): the audit
# page turns them into Thai when it shows them, so old rows read well too and nothing is re-parsed
# from Thai. Anything not in one of these shapes is shown as it was written.
_STATUS_DETAIL = re.compile(r"^([a-z_]+) -> ([a-z_]+)$")
_ASSIGN_DETAIL = re.compile(r"^division=(\d*) staff=(\d*)$")


def assign_ids(detail: str) -> tuple[int | None, int | None] | None:
    """(division id, staff id) of an assignment's detail, or None if it is not in that shape."""
    m = _ASSIGN_DETAIL.match(detail or "")
    if m is None:
        return None
    return (int(m[1]) if m[1] else None, int(m[2]) if m[2] else None)


def detail_text(action: str, detail: str, *, divisions: dict[int, str] | None = None,
                staff: dict[int, str] | None = None) -> str:
    """The detail of an audit row as a clerk reads it: status codes as Thai labels, division and staff
    ids as names (`divisions`, `staff`: id -> name, looked up by the caller)."""
    detail = detail or ""
    if action in ("privacy_purge", "privacy_erase"):
        from messages_th.admin_privacy import counts_text

        return counts_text(detail)
    if action in ("change_status", "send_message"):
        m = _STATUS_DETAIL.match(detail)
        if m and m[1] in STATUS and m[2] in STATUS:
            return t("audit.detail_status", old=status_label(m[1]), new=status_label(m[2]))
    if action == "suggestion_status":
        m = _STATUS_DETAIL.match(detail)
        if m:
            return t("audit.detail_status", old=suggestion_status_label(m[1]), new=suggestion_status_label(m[2]))
    if action == "assign_case":
        ids = assign_ids(detail)
        if ids is not None:
            div_id, staff_id = ids
            division = ((divisions or {}).get(div_id) or t("audit.detail_unknown_division", id=div_id)
                        if div_id else t("audit.detail_nobody"))
            person = ((staff or {}).get(staff_id) or t("audit.detail_unknown_staff", id=staff_id)
                      if staff_id else t("audit.detail_nobody"))
            return t("audit.detail_assign", division=division, staff=person)
    return other_detail(action, detail)
