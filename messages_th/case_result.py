"""Thai text of the result told back: after-photos, "fixed?" quick replies, reopening by the citizen,
the follow-up question, the officer's alert, and what staff see of it (case page, dashboard, ITA).
Labels ("qr.*") are at most 20 characters."""
from __future__ import annotations

from messages_th import strings
from messages_th.admin import texts

TEXT: dict[str, str] = {
    # under the resolution news and the follow-up question
    "qr.fixed": "เรียบร้อยแล้ว",
    "qr.not_fixed": "ยังไม่เรียบร้อย",
    "qr.new_complaint": "แจ้งเรื่องใหม่",
    "rs.fixed_hint": "ตรวจดูแล้วเรียบร้อยไหมคะ แตะ \"เรียบร้อยแล้ว\" หรือ \"ยังไม่เรียบร้อย\" ด้านล่างได้ค่ะ",
    "rs.confirmed": "ขอบคุณที่แจ้งให้ทราบค่ะ 🙏 บันทึกแล้วว่าเรื่องเลขที่ {ticket} เรียบร้อยแล้ว",
    "rs.confirmed_already": "เรื่องเลขที่ {ticket} บันทึกไว้แล้วว่าเรียบร้อยค่ะ ขอบคุณค่ะ 🙏",
    "rs.ask_what": "ขออภัยที่ยังไม่เรียบร้อยค่ะ 🙏\nโปรดพิมพ์เล่าสั้น ๆ ว่าเรื่องเลขที่ {ticket} ยังมีอะไรไม่เรียบร้อย "
                   "(ส่งรูปประกอบได้ด้วย) แล้วจะส่งเรื่องกลับไปให้หน่วยงานดำเนินการต่อทันทีค่ะ",
    "rs.photo_got": "ได้รับรูปแล้วค่ะ ({n} รูป) โปรดพิมพ์เล่าว่ายังไม่เรียบร้อยอย่างไรค่ะ",
    "rs.photo_full": "รับรูปได้ไม่เกิน {max} รูปค่ะ โปรดพิมพ์เล่าว่ายังไม่เรียบร้อยอย่างไรค่ะ",
    "rs.text_please": "โปรดพิมพ์เล่าเป็นข้อความว่ายังไม่เรียบร้อยอย่างไร หรือกด \"ยกเลิก\" ค่ะ",
    "rs.reopened": "เปิดเรื่องเลขที่ {ticket} อีกครั้งแล้วค่ะ ส่งกลับไปยัง{division}พร้อมข้อความของท่านแล้ว "
                   "เจ้าหน้าที่จะแจ้งความคืบหน้าทางไลน์นี้ค่ะ 🙏",
    "rs.division_default": "หน่วยงานที่รับผิดชอบ",
    "rs.too_late": "เรื่องเลขที่ {ticket} ดำเนินการเสร็จสิ้นมาเกิน {days} วันแล้ว จึงเปิดเรื่องเดิมอีกครั้งไม่ได้ค่ะ "
                   "ขออภัยด้วยค่ะ 🙏 หากปัญหายังอยู่ แจ้งเป็นเรื่องใหม่ได้เลย กด \"แจ้งเรื่องใหม่\" ค่ะ",
    "rs.not_resolved": "เรื่องเลขที่ {ticket} ไม่ได้อยู่ในสถานะเสร็จสิ้นแล้วค่ะ "
                       "(อาจเปิดอีกครั้งไปแล้ว) กด \"ดูสถานะเรื่องนี้\" เพื่อดูความคืบหน้าได้ค่ะ",
    "rs.not_found": "ไม่พบเรื่องเลขที่ {ticket} ที่ท่านแจ้งไว้ค่ะ",
    "rs.cancelled": "ยกเลิกแล้วค่ะ เรื่องเลขที่ {ticket} ยังคงเป็นเสร็จสิ้นค่ะ",
    # the one "has it been fixed?" push, FOLLOWUP_DAYS after a resolution (bot/runtime/followup.py)
    "fu.ask": "สวัสดีค่ะ เรื่องเลขที่ {ticket} ที่ท่านแจ้งไว้ เจ้าหน้าที่แจ้งว่าดำเนินการเสร็จสิ้นเมื่อ {date}\n"
              "ตอนนี้เรียบร้อยดีแล้วหรือยังคะ แตะตอบด้านล่างได้เลยค่ะ 🙏",
    # to the officer assigned when the citizen reopens (a plain text: the alert cards are another part's)
    "staff.reopened": "🔁 เรื่องเลขที่ {ticket} ถูกเปิดอีกครั้ง\nผู้แจ้งแจ้งว่ายังไม่เรียบร้อย: \"{note}\"\n"
                      "สถานะกลับเป็นกำลังดำเนินการ โปรดตรวจสอบในระบบค่ะ",
    # staff: the case page
    "admin.after_photos": "รูปผลการดำเนินงาน",
    "admin.after_photos_none": "ยังไม่มีรูปผลการดำเนินงาน",
    "admin.after_photo_alt": "รูปผลการดำเนินงานที่ {n} ของเรื่อง {ticket}",
    "admin.upload": "แนบรูปผลการดำเนินงาน (JPEG, PNG หรือ WebP ไม่เกิน {mb} MB ต่อรูป)",
    "admin.upload_note": "รูปจะส่งให้ผู้แจ้งทางไลน์พร้อมข้อความนี้ ไม่เกิน {n} รูป "
                         "(ตำแหน่ง GPS และข้อมูลในไฟล์รูปจะถูกลบออก)",
    "admin.upload_no_https": "ยังไม่ได้ตั้งค่า PUBLIC_BASE_URL เป็น https: รูปจะเก็บไว้ในระบบ แต่ส่งทางไลน์ไม่ได้",
    "admin.bad.type": "ไฟล์ที่แนบไม่ใช่รูปภาพ JPEG, PNG หรือ WebP",
    "admin.bad.size": "รูปที่แนบใหญ่เกิน {mb} MB",
    "admin.bad.count": "แนบรูปได้ไม่เกิน {n} รูปต่อครั้ง",
    "admin.done.photos": "แนบรูปผลการดำเนินงาน {n} รูปแล้ว",
    "admin.reopened": "ผู้แจ้งเปิดเรื่องอีกครั้ง {n} ครั้ง",
    "admin.confirmed": "ผู้แจ้งยืนยันว่าเรียบร้อยแล้ว",
    "admin.kind.reopen": "ผู้แจ้งเปิดเรื่องอีกครั้ง",
    "admin.kind.confirmed": "ผู้แจ้งยืนยันว่าเรียบร้อย",
    # staff: the dashboard and the ITA evidence
    "admin.stat.reopened": "เปิดเรื่องอีกครั้ง (ผู้แจ้งว่ายังไม่เรียบร้อย)",
    "admin.stat.reopened_value": "{n} จาก {of} เรื่องที่เสร็จสิ้น ({share})",
    "admin.stat.reopened_none": "ยังไม่มีเรื่องที่เสร็จสิ้น",
    "admin.stat.resolved": "เรื่องที่ดำเนินการเสร็จสิ้นอย่างน้อยหนึ่งครั้ง (เรื่อง)",
    "admin.stat.reopened_cases": "ผู้แจ้งว่ายังไม่เรียบร้อยและเปิดเรื่องอีกครั้ง (เรื่อง)",
    "admin.stat.reopened_share": "ร้อยละของเรื่องที่เสร็จสิ้นซึ่งเปิดอีกครั้ง",
    "admin.stat.reopened_note": "เรื่องที่ผู้แจ้งเปิดอีกครั้งนับว่าได้รับการตอบสนองเมื่อดำเนินการเสร็จสิ้นครั้งสุดท้าย",
}

t = texts(TEXT, strings.TEXT)
