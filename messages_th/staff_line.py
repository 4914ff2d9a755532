"""Thai text of the staff's own LINE chat (issue 13): linking the account with a code, the staff
rich menu, and acting on cases (handlers/staff.py). Labels of buttons are at most 20 characters."""
from __future__ import annotations

from messages_th import strings
from messages_th.admin import texts

TEXT: dict[str, str] = {
    # linking
    "link.linked": "ผูกบัญชี LINE นี้กับบัญชีเจ้าหน้าที่ {name} เรียบร้อยแล้วค่ะ ✅\n"
                   "เมนูด้านล่างเปลี่ยนเป็นเมนูเจ้าหน้าที่ (งานของฉัน เรื่องใหม่ เลือกเรื่อง) "
                   "และท่านยังแจ้งเรื่องในฐานะประชาชนได้ตามปกติค่ะ",
    "link.wrong": "รหัสผูกบัญชีไม่ถูกต้อง หรือถูกใช้ไปแล้วค่ะ\n"
                  "โปรดตรวจรหัส 6 หลักอีกครั้ง หรือขอรหัสใหม่ที่หน้า \"บัญชีของฉัน\" ในระบบเจ้าหน้าที่ค่ะ",
    "link.expired": "รหัสนี้หมดอายุแล้วค่ะ (ใช้ได้ 15 นาที)\n"
                    "โปรดขอรหัสใหม่ที่หน้า \"บัญชีของฉัน\" ในระบบเจ้าหน้าที่ แล้วส่งมาอีกครั้งค่ะ",
    "link.throttled": "ส่งรหัสไม่ถูกต้องหลายครั้งเกินไปค่ะ โปรดรอประมาณ 30 นาทีแล้วลองใหม่ "
                      "หรือติดต่อผู้ดูแลระบบค่ะ",
    "link.inactive": "บัญชีเจ้าหน้าที่นี้ถูกปิดการใช้งานแล้วค่ะ โปรดติดต่อผู้ดูแลระบบ",
    "link.taken": "บัญชี LINE นี้ผูกกับเจ้าหน้าที่อีกคนอยู่แล้วค่ะ "
                  "โปรดยกเลิกการผูกบัญชีเดิมในระบบเจ้าหน้าที่ก่อนค่ะ",
    # the staff menu and lists
    "st.not_staff": "เมนูนี้สำหรับเจ้าหน้าที่ที่ผูกบัญชี LINE แล้วเท่านั้นค่ะ",
    "st.mine": "งานของท่านที่ยังไม่เสร็จ {n} เรื่องค่ะ แตะเลขที่เพื่อดูและดำเนินการ",
    "st.mine_none": "ตอนนี้ท่านไม่มีงานค้างค่ะ 👍",
    "st.new": "เรื่องใหม่ที่ยังไม่มีผู้รับผิดชอบ {n} เรื่องค่ะ แตะเลขที่เพื่อดูและรับเรื่อง",
    "st.new_none": "ตอนนี้ไม่มีเรื่องใหม่ที่รอผู้รับผิดชอบค่ะ 👍",
    "st.list_alt": "รายการเรื่อง {n} เรื่อง",
    "st.ask_ticket": "โปรดพิมพ์เลขที่เรื่องค่ะ เช่น NMK6912-0001 (พิมพ์เฉพาะตัวเลข 6912-0001 ก็ได้)",
    "st.not_found": "ไม่พบเรื่องเลขที่ {ticket} ที่ท่านดูได้ค่ะ",
    "st.case_prompt": "เลือกสิ่งที่จะทำกับเรื่อง {ticket} จากปุ่มด้านล่างค่ะ",
    "st.read_only": "ท่านดูเรื่องนี้ได้ แต่ดำเนินการไม่ได้ค่ะ (ไม่ใช่เรื่องของกองของท่าน หรือบทบาทของท่านดูได้อย่างเดียว)",
    "st.closed": "เรื่องนี้ปิดแล้ว ({status}) จึงไม่มีขั้นตอนให้ดำเนินการต่อค่ะ",
    # the card
    "card.ticket": "เลขที่",
    "card.status": "สถานะ",
    "card.category": "ประเภท",
    "card.division": "หน่วยงาน",
    "card.assigned": "ผู้รับผิดชอบ",
    "card.nobody": "ยังไม่มี",
    "card.place": "สถานที่",
    "card.received": "รับเรื่อง",
    "card.due": "ครบกำหนด",
    "card.confidential": "เรื่องร้องเรียนการทุจริต (ลับ)",
    # actions
    "qr.take": "รับเรื่องนี้",
    "qr.message": "แจ้งความคืบหน้า",
    "qr.note": "บันทึกภายใน",
    "qr.forward": "ส่งต่อกองอื่น",
    "qr.resolve": "ปิดงาน (เสร็จสิ้น)",
    "qr.mine": "งานของฉัน",
    "qr.new": "เรื่องใหม่",
    "qr.pick": "เลือกตามเลขที่",
    "qr.cancel": "ยกเลิก",
    "qr.photos_done": "ส่งรูปครบแล้ว",
    "qr.no_photo": "ไม่มีรูป",
    "qr.camera": "ถ่ายรูป",
    "qr.camera_roll": "เลือกรูป",
    "qr.open": "ดูเรื่องนี้",
    "ask.message": "พิมพ์ข้อความความคืบหน้าที่จะส่งถึงผู้แจ้งเรื่อง {ticket} ค่ะ "
                   "หรือเลือกข้อความสำเร็จรูปด้านล่าง",
    "ask.note": "พิมพ์บันทึกภายในของเรื่อง {ticket} ค่ะ (ผู้แจ้งไม่เห็นบันทึกนี้)",
    "ask.forward": "ส่งเรื่อง {ticket} ต่อไปที่กองไหนคะ",
    "ask.photos": "ส่งรูปหลังแก้ไขของเรื่อง {ticket} ได้เลยค่ะ (ได้หลายรูป สูงสุด {max} รูป) "
                  "ผู้แจ้งจะได้เห็นรูปเหล่านี้\nส่งครบแล้วกด \"ส่งรูปครบแล้ว\"",
    "ask.photos_more": "ได้รับรูปแล้ว {n} รูปค่ะ ส่งเพิ่มได้ หรือกด \"ส่งรูปครบแล้ว\"",
    "ask.photos_full": "ได้รับรูปครบ {n} รูปแล้วค่ะ กด \"ส่งรูปครบแล้ว\" เพื่อไปต่อ",
    "ask.resolve": "พิมพ์ข้อความแจ้งผลการแก้ไขถึงผู้แจ้งเรื่อง {ticket} ค่ะ "
                   "หรือเลือกข้อความสำเร็จรูปด้านล่าง",
    "ask.photo_step": "ขั้นตอนนี้รอรูปภาพค่ะ ส่งรูปหลังแก้ไข หรือกด \"ส่งรูปครบแล้ว\"",
    "cancelled": "ยกเลิกแล้วค่ะ ไม่มีการเปลี่ยนแปลงเรื่อง {ticket}",
    # results
    "done.take": "รับเรื่อง {ticket} แล้วค่ะ สถานะ: {status} ✅",
    "done.take_pushed": "แจ้งผู้แจ้งเรื่องแล้วว่าเจ้าหน้าที่กำลังดำเนินการค่ะ",
    "done.message": "ส่งความคืบหน้าของเรื่อง {ticket} ถึงผู้แจ้งแล้วค่ะ ✅",
    "done.message_nobody": "บันทึกความคืบหน้าของเรื่อง {ticket} แล้วค่ะ (ผู้แจ้งไม่ได้ให้ช่องทาง LINE ไว้)",
    "done.note": "บันทึกภายในของเรื่อง {ticket} แล้วค่ะ ✅",
    "done.forward": "ส่งเรื่อง {ticket} ต่อไปที่ {division} แล้วค่ะ ✅",
    "done.resolve": "ปิดงานเรื่อง {ticket} แล้วค่ะ (เสร็จสิ้น) พร้อมรูป {n} รูป ✅",
    "refused.rule": "ท่านดำเนินการเรื่อง {ticket} ไม่ได้ค่ะ (ไม่ใช่เรื่องของกองของท่าน หรือบทบาทของท่านไม่มีสิทธิ์)",
    "refused.gone": "ไม่พบเรื่อง {ticket} ที่ท่านดำเนินการได้ค่ะ",
    "refused.not_staff": "บัญชี LINE นี้ไม่ได้ผูกกับเจ้าหน้าที่ที่ใช้งานอยู่แล้วค่ะ",
    "refused.transition": "เรื่อง {ticket} อยู่ในสถานะ {status} จึงทำขั้นตอนนี้ไม่ได้ค่ะ",
    "refused.stale": "มีผู้อื่นเพิ่งเปลี่ยนเรื่อง {ticket} ค่ะ โปรดเปิดดูเรื่องอีกครั้ง",
    "refused.empty": "ข้อความว่างเปล่า จึงยังไม่ได้บันทึกค่ะ",
    "refused.assignee": "ส่งต่อไปที่หน่วยงานนั้นไม่ได้ค่ะ",
    "refused.taken": "เรื่อง {ticket} มีผู้รับผิดชอบแล้ว ({name}) ค่ะ",
}

t = texts(TEXT, strings.TEXT)

# The staff rich menu: the same 3x2 layout as the citizens' (bot/line/richmenu_image.py), the staff's
# three entries on top and the citizen's most used below (a staff member is a citizen too).
CHAT_BAR_TEXT = "เจ้าหน้าที่"  # at most 14 characters
ENTRIES: tuple[dict, ...] = (
    {"key": "mine", "label": "งานของฉัน", "lines": ("งานของฉัน",), "sub": "ที่ฉันรับผิดชอบ",
     "data": "st:mine", "icon": "star", "color": "#0D47A1"},
    {"key": "new", "label": "เรื่องใหม่", "lines": ("เรื่องใหม่",), "sub": "รอผู้รับผิดชอบ",
     "data": "st:new", "icon": "bulb", "color": "#A33A00"},
    {"key": "pick", "label": "เลือกตามเลขที่", "lines": ("เลือกเรื่อง", "ตามเลขที่"), "sub": "พิมพ์เลขที่เรื่อง",
     "data": "st:pick", "icon": "magnifier", "color": "#1B5E20"},
    {"key": "complaint", "label": "แจ้งเรื่องร้องเรียน", "lines": ("แจ้งเรื่อง", "ร้องเรียน"),
     "sub": "ในฐานะประชาชน", "data": "menu:complaint", "icon": "megaphone", "color": "#4A148C"},
    {"key": "track", "label": "ติดตามเรื่อง", "lines": ("ติดตามเรื่อง",), "sub": "เรื่องที่ฉันแจ้ง",
     "data": "menu:track", "icon": "magnifier", "color": "#006064"},
    {"key": "main", "label": "เมนูประชาชน", "lines": ("เมนู", "ประชาชน"), "sub": "บริการอื่น ๆ",
     "data": "menu:main", "icon": "question", "color": "#B71C1C"},
)

# What `flask richmenu deploy` adds for the staff menu.
CLI: dict[str, str] = {
    "staff_created": "สร้างเมนูเจ้าหน้าที่แล้ว: {menu_id}",
    "staff_linked": "ผูกเมนูเจ้าหน้าที่กับเจ้าหน้าที่ที่ผูก LINE แล้ว {n} คน",
    "staff_failed": "สร้างเมนูเจ้าหน้าที่ไม่สำเร็จ: {error}",
    "link_code": "รหัสผูก LINE ของ {username}: {code} (ใช้ได้ถึง {until}) - ส่งรหัสนี้ในแชต LINE ของหน่วยงาน",
    "unlinked": "ยกเลิกการผูก LINE ของ {username} แล้ว: จะไม่ได้รับการแจ้งเตือนทาง LINE อีก",
    "not_linked": "{username} ไม่ได้ผูกบัญชี LINE ไว้",
}
