"""Thai text of the admin pages for issue 13: "my account" (linking one's own LINE), unlinking on the
accounts page, and the saved reply templates page."""
from __future__ import annotations

from messages_th.admin import texts

TEXT: dict[str, str] = {
    "nav.me": "บัญชีของฉัน",
    # my account
    "me.title": "บัญชีของฉัน",
    "me.line_title": "บัญชี LINE ของฉัน",
    "me.line_what": "ผูกบัญชี LINE ของท่านเพื่อรับแจ้งเรื่องใหม่ของกอง และรับเรื่อง แจ้งความคืบหน้า "
                    "และปิดงานพร้อมรูปได้จาก LINE ท่านยังแจ้งเรื่องในฐานะประชาชนได้ตามปกติ",
    "me.linked": "ผูกแล้วกับ LINE {masked}",
    "me.not_linked": "ยังไม่ได้ผูกบัญชี LINE",
    "me.new_code": "ขอรหัสผูก LINE",
    "me.code": "รหัสผูก LINE ของท่าน: {code}",
    "me.code_how": "ส่งรหัส 6 หลักนี้ในแชต LINE ของ {name} ภายใน {until} รหัสใช้ได้ครั้งเดียว "
                   "การขอรหัสใหม่จะทำให้รหัสเดิมใช้ไม่ได้",
    "me.code_waiting": "มีรหัสที่ยังไม่ได้ใช้ หมดอายุ {until}",
    "me.unlink": "ยกเลิกการผูก LINE",
    "me.unlinked": "ยกเลิกการผูกบัญชี LINE แล้ว",
    "me.inactive": "บัญชีนี้ถูกปิดการใช้งาน",
    # accounts page
    "staff.line": "บัญชี LINE",
    "staff.line_linked": "ผูกแล้ว ({masked})",
    "staff.line_none": "ยังไม่ได้ผูก",
    "staff.line_unlink": "ยกเลิกการผูก LINE ของบัญชีนี้",
    "staff.line_unlinked": "ยกเลิกการผูกบัญชี LINE ของ {username} แล้ว",
    # reply templates
    "tpl.title": "ข้อความสำเร็จรูป",
    "tpl.what": "ข้อความที่เจ้าหน้าที่เลือกใช้เมื่อแจ้งความคืบหน้าหรือผลการแก้ไขถึงผู้แจ้ง "
                "ทั้งในหน้าเรื่องร้องเรียนและใน LINE ชื่อข้อความคือปุ่มใน LINE (ไม่เกิน 20 ตัวอักษร)",
    "tpl.none": "ยังไม่มีข้อความสำเร็จรูป",
    "tpl.new": "เพิ่มข้อความสำเร็จรูป",
    "tpl.name": "ชื่อ (ปุ่มใน LINE)",
    "tpl.body": "ข้อความถึงผู้แจ้ง",
    "tpl.category": "หมวดเรื่อง",
    "tpl.every_category": "ทุกหมวด",
    "tpl.order": "ลำดับ",
    "tpl.state": "สถานะ",
    "tpl.active": "ใช้งาน",
    "tpl.inactive": "ปิดใช้ (ไม่แสดงให้เลือก)",
    "tpl.add": "เพิ่ม",
    "tpl.save": "บันทึก",
    "tpl.added": "เพิ่มข้อความสำเร็จรูปแล้ว",
    "tpl.saved": "บันทึกข้อความสำเร็จรูปแล้ว",
    "tpl.bad": "โปรดกรอกชื่อ (ไม่เกิน 20 ตัวอักษร) และข้อความ (ไม่เกิน 1,000 ตัวอักษร)",
    "tpl.pick": "ข้อความสำเร็จรูป",
    "tpl.pick_none": "— พิมพ์เอง —",
    "tpl.pick_note": "ถ้าไม่ได้พิมพ์ข้อความ จะใช้ข้อความสำเร็จรูปที่เลือก",
}

t = texts(TEXT)
