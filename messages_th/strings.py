"""Thai text of the LINE conversations, by key; `t(key, **values)` fills the {placeholders}.

A table of strings, long by nature (flows with their own texts have their own modules: survey,
inquiry, suggestion, privacy); keeping the shared keys in one table keeps them findable.

Labels ("qr.*") are quick-reply and button labels: at most 20 characters each (a test checks).
The municipality edits "office.*" and "privacy.retention" to its own facts.
"""
from __future__ import annotations

# The first municipality; settings use it when MUNICIPALITY_NAME is not set.
MUNICIPALITY_DEFAULT = "เทศบาลตำบลนามะเขือ"
# Its office phone (OFFICE_PHONE): the demo municipality's, a number no one has (Thai numbers after an
# area code never start with 0). Every real deployment sets its own.
OFFICE_PHONE_DEFAULT = "0 4300 0000"

TEXT: dict[str, str] = {
    # --- facts the municipality edits ---------------------------------------------------------
    "office.hours": "เปิดทำการวันจันทร์–ศุกร์ 08.30–16.30 น. (เว้นวันหยุดราชการ)",
    "office.contact": "สำนักงาน{name}\n{hours}",
    "office.phone_line": "โทร. {phone}",
    # {period} is RETENTION_DAYS in words ("2 ปี"), filled in by handlers/common.on_follow
    "privacy.retention": "{period} หลังเรื่องเสร็จสิ้น แล้วลบหรือทำให้ระบุตัวตนไม่ได้",

    # --- main menu and quick-reply labels (<= 20 characters) -----------------------------------
    "qr.complaint": "แจ้งเรื่องร้องเรียน",
    "qr.corruption": "แจ้งเบาะแสทุจริต",  # as on the rich menu
    "qr.track": "ติดตามเรื่อง",
    "qr.inquiry": "สอบถาม",
    "qr.survey": "ประเมินความพึงพอใจ",
    "qr.suggest": "เสนอแนะ",
    "qr.help": "วิธีใช้งาน",
    "qr.main_menu": "เมนูหลัก",
    "qr.cancel": "ยกเลิก",
    "qr.back": "ย้อนกลับ",
    "qr.skip": "ข้าม",
    "qr.done": "เสร็จแล้ว",
    "qr.camera": "ถ่ายรูป",
    "qr.camera_roll": "เลือกรูปในเครื่อง",
    "qr.location": "ส่งตำแหน่ง",
    "qr.confirm": "ยืนยัน",
    "qr.edit": "แก้ไข",
    "qr.yes_category": "ใช่ หมวดนี้",
    "qr.other_category": "หมวดอื่น",
    "qr.use_line_name": "ใช้ชื่อไลน์",
    "qr.give_contact": "ให้ชื่อและเบอร์โทร",
    "qr.anonymous": "ไม่ระบุตัวตน",
    "qr.resume": "ทำเรื่องเดิมต่อ",
    "qr.start_new": "เริ่มเรื่องใหม่",
    "qr.drop_old": "ยกเลิกเรื่องเดิม",
    "qr.my_cases": "เรื่องของฉัน",
    "qr.cancel_case": "ยกเลิกเรื่องนี้",
    "qr.cancel_case_yes": "ยืนยันยกเลิกเรื่อง",
    "qr.cancel_case_no": "ไม่ยกเลิก",
    "qr.report_this": "แจ้งเป็นคำร้องเรียน",
    "qr.ask_this": "เป็นคำถาม",
    "qr.edit_description": "รายละเอียด",
    "qr.edit_category": "หมวดเรื่อง",
    "qr.edit_photos": "เพิ่มรูป",
    "qr.edit_location": "สถานที่",
    "qr.edit_contact": "ข้อมูลติดต่อ",
    "qr.edit_accused": "ผู้ถูกร้องเรียน",
    "qr.back_to_summary": "กลับไปหน้าสรุป",
    "qr.cancel_yes": "ยืนยันยกเลิก",
    "qr.keep_going": "ทำต่อ",
    "qr.keep_text": "ใช้ข้อความเดิม",
    "qr.undo_detail": "ไม่ต้องเพิ่มข้อความ",
    "qr.case_status": "ดูสถานะเรื่องนี้",

    # --- general ---------------------------------------------------------------------------------
    "menu.prompt": "เลือกบริการจากปุ่มด้านล่างได้เลยค่ะ 👇",
    "follow.greeting": "สวัสดีค่ะ ขอบคุณที่เพิ่มเพื่อนกับ{name} 🙏\n"
                       "ที่นี่ท่านแจ้งเรื่องร้องเรียน-ร้องทุกข์ แจ้งการทุจริต ติดตามเรื่อง "
                       "สอบถาม และเสนอแนะได้ตลอด 24 ชั่วโมงค่ะ",
    "follow.privacy": "🔒 การคุ้มครองข้อมูลส่วนบุคคล\n"
                      "• ข้อมูลที่เก็บ: ชื่อไลน์ ข้อความ รูป ตำแหน่ง และชื่อ/เบอร์โทรที่ท่านให้\n"
                      "• เพื่อ: รับเรื่อง ส่งให้เจ้าหน้าที่ดำเนินการ และแจ้งผลกลับ\n"
                      "• ระยะเวลา: {retention}\n"
                      "• ผู้เห็น: เฉพาะเจ้าหน้าที่ที่รับผิดชอบเรื่องนั้น "
                      "เรื่องทุจริตเห็นเฉพาะผู้ได้รับมอบหมาย\n"
                      "ท่านขอดูข้อมูลของท่านได้ที่สำนักงานเทศบาล และขอลบได้โดยพิมพ์ \"ลบข้อมูลของฉัน\" ค่ะ",
    "greeting": "สวัสดีค่ะ {name} ยินดีให้บริการค่ะ 🙏",
    "thanks": "ยินดีค่ะ 🙏 มีอะไรให้ช่วยอีก เลือกจากเมนูได้เลยค่ะ",
    "help": "วิธีใช้งานค่ะ\n"
            "• แจ้งปัญหา: พิมพ์เล่าปัญหา เช่น \"ไฟทางหน้าบ้านดับ\" แล้วตอบตามขั้นตอน ส่งรูปและตำแหน่งได้\n"
            "• ติดตามเรื่อง: กด \"ติดตามเรื่อง\" หรือพิมพ์เลขที่เรื่อง\n"
            "• สอบถาม: พิมพ์คำถามได้เลย เช่น \"ชำระภาษีที่ดินที่ไหน\"\n"
            "• ประเมินความพึงพอใจ และเสนอแนะ: กดจากเมนูได้ตลอดเวลา\n"
            "• พิมพ์ \"ยกเลิก\" เพื่อหยุด หรือ \"ย้อนกลับ\" เพื่อแก้ขั้นก่อนหน้า\n"
            "• ขอลบข้อมูลส่วนตัว: พิมพ์ \"ลบข้อมูลของฉัน\"",
    "join.group": "สวัสดีค่ะ เพื่อความเป็นส่วนตัว {name}รับเรื่องทางแชตส่วนตัวเท่านั้นค่ะ "
                  "โปรดเพิ่มเพื่อนแล้วพิมพ์คุยกับบัญชีนี้โดยตรงนะคะ 🙏",
    "sticker": "ขอบคุณสำหรับสติกเกอร์ค่ะ 😊",
    "media.unsupported": "ขออภัยค่ะ ช่องทางนี้รับได้เฉพาะข้อความ รูปภาพ และตำแหน่ง "
                         "ถ้ามีเอกสาร โปรดถ่ายรูปส่งมาแทนค่ะ",
    # A voice message or a video: someone who may not be able to type; the phone is the way out.
    "media.audio": "ขออภัยค่ะ ระบบยังฟังข้อความเสียงไม่ได้ 🙏\n"
                   "ถ้าพิมพ์ไม่สะดวก โทรแจ้งเจ้าหน้าที่ได้เลยค่ะ\n{office}\n"
                   "หรือกดเมนูด้านล่างเพื่อแจ้งเรื่องทีละขั้นตอนค่ะ",
    "media.video": "ขออภัยค่ะ ระบบยังเปิดวิดีโอไม่ได้ 🙏 ถ้าเป็นภาพปัญหาที่พบ โปรดถ่ายเป็นรูปส่งมาแทนค่ะ\n"
                   "หรือโทรแจ้งเจ้าหน้าที่ได้เลยค่ะ\n{office}",
    "qr.call_office": "โทรหาเจ้าหน้าที่",
    "text.too_long": "ข้อความยาวเกินไปค่ะ (ไม่เกิน {max} ตัวอักษร) โปรดย่อให้สั้นลงแล้วส่งใหม่ค่ะ",
    "unknown": "ขออภัยค่ะ ยังไม่เข้าใจ โปรดเลือกจากเมนูด้านล่าง หรือพิมพ์เล่าปัญหาที่พบได้เลยค่ะ",
    "unknown.offer": "ต้องการแจ้งข้อความนี้เป็นเรื่องร้องเรียน หรือเป็นคำถามคะ",
    "choose.buttons": "โปรดเลือกจากปุ่มด้านล่างค่ะ",
    "nothing.to_cancel": "ตอนนี้ไม่มีเรื่องที่ค้างอยู่ค่ะ",
    "button.expired": "ปุ่มนี้ใช้ไม่ได้แล้วค่ะ โปรดเลือกใหม่จากปุ่มด้านล่าง",
    "error": "ขออภัยค่ะ ระบบขัดข้องชั่วคราว โปรดลองอีกครั้ง หรือกด \"ยกเลิก\" เพื่อเริ่มใหม่ค่ะ",

    # --- an unfinished draft ----------------------------------------------------------------------
    "flow.unfinished": "ท่านมีเรื่อง{what}ที่ยังแจ้งไม่เสร็จค่ะ ต้องการทำอย่างไรคะ",
    "flow.what.complaint": "ร้องเรียน",
    "flow.what.corruption": "แจ้งการทุจริต",
    "flow.what.survey": "ประเมินความพึงพอใจ",
    "flow.what.suggestion": "เสนอแนะ",
    "flow.what.inquiry": "สอบถาม",
    "flow.what.reopen": "แจ้งว่ายังไม่เรียบร้อย",
    "flow.resume": "ทำต่อจากเดิมค่ะ",
    "flow.dropped": "ยกเลิกเรื่องที่ค้างไว้แล้วค่ะ",
    "flow.cancel_confirm": "ยกเลิกเรื่องนี้ใช่ไหมคะ ข้อมูลที่พิมพ์ไว้จะถูกลบ",
    "flow.thanks": "ยินดีค่ะ 😊 เรื่องนี้ยังไม่ได้ส่งนะคะ ทำต่อตามขั้นตอนด้านล่างได้เลยค่ะ",
    "flow.not_added": "รับทราบค่ะ 😊 ข้อความนี้ไม่ได้เพิ่มในเรื่องที่แจ้งนะคะ "
                      "ถ้าต้องการเล่าเพิ่ม โปรดพิมพ์รายละเอียดให้ชัดขึ้นค่ะ",
    "flow.detail_removed": "เอาข้อความที่เพิ่มล่าสุดออกแล้วค่ะ",
    "flow.keep_hint": "มีข้อมูลเดิมอยู่แล้วค่ะ กด \"ใช้ข้อความเดิม\" ถ้าไม่ต้องการเปลี่ยน "
                      "หรือพิมพ์ใหม่เพื่อแทนที่",
    "follow.welcome_back": "ยินดีต้อนรับกลับค่ะ 🙏 เลือกบริการจากปุ่มด้านล่างได้เลยค่ะ",

    # --- complaint -------------------------------------------------------------------------------
    "cx.ask_description": "โปรดพิมพ์เล่าปัญหาที่พบสั้นๆ ค่ะ เช่น ถนนหน้าบ้านเป็นหลุม ไฟทางดับ ขยะไม่มีคนเก็บ",
    "cx.ask_description_after_media": "ได้รับแล้วค่ะ 🙏 โปรดพิมพ์เล่าปัญหาที่พบสั้นๆ ด้วยค่ะ",
    "cx.ask_description_again": "รายละเอียดที่แจ้งไว้ตอนนี้:\n{description}\n\n"
                                "ถ้าถูกต้องแล้ว กด \"ใช้ข้อความเดิม\" หรือพิมพ์ใหม่เพื่อแทนที่ค่ะ",
    "cx.too_short": "ขอรายละเอียดเพิ่มอีกนิดค่ะ ว่าเกิดปัญหาอะไร",
    "cx.suggest_category": "เรื่องนี้น่าจะอยู่ในหมวด \"{category}\" ใช่ไหมคะ",
    "cx.choose_category": "โปรดเลือกหมวดของเรื่องค่ะ",
    "cx.choose_likely": "เรื่องนี้น่าจะอยู่ในหมวดไหนคะ เลือกได้เลย หรือกด \"หมวดอื่น\" เพื่อดูทั้งหมด",
    "cx.ask_photos": "มีรูปประกอบไหมคะ กด \"ถ่ายรูป\" หรือ \"เลือกรูปในเครื่อง\" (ไม่เกิน {max} รูป)\n"
                     "ถ้าไม่มี กด \"ข้าม\" ค่ะ",
    "cx.photo_received": "ได้รับรูปที่ {count} แล้วค่ะ ส่งเพิ่มได้อีก {left} รูป หรือกด \"เสร็จแล้ว\"",
    "cx.photo_full": "ได้รับรูปครบ {max} รูปแล้วค่ะ",
    "cx.detail_added": "เพิ่มข้อความนี้ต่อท้ายรายละเอียดแล้วค่ะ\n"
                       "ถ้าไม่ได้ตั้งใจ กด \"ไม่ต้องเพิ่มข้อความ\" ได้ค่ะ (ตรวจและแก้ไขได้อีกครั้งที่หน้าสรุปก่อนส่ง)",
    "photo.saved": "ได้รับรูปแล้วค่ะ",
    "location.saved": "ได้รับตำแหน่งแล้วค่ะ",
    "cx.ask_location": "เกิดเหตุที่ไหนคะ กด \"ส่งตำแหน่ง\" เพื่อปักหมุด "
                       "หรือพิมพ์จุดสังเกต เช่น หมู่ที่ ซอย หน้าวัด\nถ้าไม่สะดวก กด \"ข้าม\" ค่ะ",
    "cx.ask_contact": "ให้เจ้าหน้าที่ติดต่อกลับอย่างไรคะ\n"
                      "• ใช้ชื่อไลน์ของท่าน\n• ให้ชื่อและเบอร์โทร\n"
                      "• หรือไม่ระบุตัวตน (ยังติดตามเรื่องในไลน์นี้ได้)",
    "cx.ask_name_phone": "โปรดพิมพ์ชื่อและเบอร์โทรค่ะ เช่น สมศรี ใจดี 081-234-5678",
    "cx.bad_phone": "เบอร์โทรไม่ถูกต้องค่ะ ต้องเป็นตัวเลข 9–10 หลัก ขึ้นต้นด้วย 0 เช่น 081-234-5678",
    "cx.summary_title": "สรุปเรื่องร้องเรียน",
    "cx.summary_alt": "สรุปเรื่องร้องเรียน โปรดตรวจสอบแล้วกดยืนยันค่ะ",
    "cx.what_to_edit": "ต้องการแก้ไขส่วนไหนคะ",
    "cx.received": "รับเรื่องเรียบร้อยแล้วค่ะ 🙏\nเลขที่เรื่อง: {ticket}\n"
                   "เจ้าหน้าที่จะดำเนินการและแจ้งผลภายใน {days} วัน (ภายใน {due})\n"
                   "ดูความคืบหน้าได้โดยกด \"ดูสถานะเรื่องนี้\" ด้านล่างค่ะ",
    "cx.received_no_ticket": "รับเรื่องเรียบร้อยแล้วค่ะ 🙏 ดูเลขที่เรื่องได้ที่ \"เรื่องของฉัน\" ค่ะ",
    "cx.cancelled": "ยกเลิกการแจ้งเรื่องแล้วค่ะ ต้องการแจ้งใหม่เมื่อไร กดเมนูได้เลยค่ะ",

    # --- suggestion: the keys the shared report machinery reads (the rest: messages_th/suggestion.py)
    "sg.ask_photos": "มีรูปประกอบข้อเสนอแนะไหมคะ กด \"ถ่ายรูป\" หรือ \"เลือกรูปในเครื่อง\" "
                     "(ไม่เกิน {max} รูป)\nถ้าไม่มี กด \"ข้าม\" ค่ะ",
    "sg.summary_title": "สรุปข้อเสนอแนะ",
    "sg.summary_alt": "สรุปข้อเสนอแนะ โปรดตรวจสอบแล้วกดยืนยันค่ะ",
    "sg.cancelled": "ยกเลิกข้อเสนอแนะแล้วค่ะ เสนอแนะใหม่ได้ทุกเมื่อจากเมนูค่ะ",

    # --- corruption report -------------------------------------------------------------------------
    "cr.notice": "🔒 ช่องทางแจ้งเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ\n"
                 "ข้อมูลนี้เป็นความลับ เห็นเฉพาะผู้ได้รับมอบหมาย และท่านไม่ต้องระบุตัวตนค่ะ",
    "cr.ask_accused": "ผู้ถูกร้องเรียนคือใครคะ (ชื่อ ตำแหน่ง หรือหน่วยงาน เท่าที่ทราบ)",
    "cr.ask_description": "เกิดอะไรขึ้นคะ โปรดเล่าพฤติการณ์ เมื่อไร ที่ไหน",
    "cr.ask_more": "ต้องการเล่าเพิ่ม เช่น เมื่อไร ที่ไหน ไหมคะ ถ้าไม่มี กด \"ข้าม\" ค่ะ",
    "cr.ask_evidence": "มีรูปหลักฐานไหมคะ (ไม่เกิน {max} รูป) เอกสารโปรดถ่ายรูปส่งมา\n"
                       "ถ้าไม่มี กด \"ข้าม\" ค่ะ",
    "cr.photo_received": "ได้รับหลักฐานรูปที่ {count} แล้วค่ะ ส่งเพิ่มได้อีก {left} รูป หรือกด \"เสร็จแล้ว\"",
    "cr.ask_contact": "ท่านไม่ต้องระบุตัวตนก็ได้ค่ะ หรือให้ชื่อและเบอร์โทรไว้ "
                      "ให้ผู้รับผิดชอบติดต่อกลับ (เก็บเป็นความลับ)",
    "cr.summary_title": "สรุปเรื่องแจ้งการทุจริต",
    "cr.summary_alt": "สรุปเรื่องเพื่อยืนยันค่ะ",
    "cr.received": "รับเรื่องไว้เป็นความลับแล้วค่ะ 🙏\nเลขที่เรื่อง: {ticket}\n"
                   "ดูความคืบหน้าได้โดยกด \"ดูสถานะเรื่องนี้\" ด้านล่างค่ะ",
    "cr.received_no_ticket": "รับเรื่องไว้เป็นความลับแล้วค่ะ 🙏 ดูเลขที่เรื่องได้ที่ \"เรื่องของฉัน\" ค่ะ",
    "cr.location_not_kept": "ได้รับตำแหน่งแล้วค่ะ 🙏 แต่เรื่องแจ้งการทุจริตไม่ได้เก็บตำแหน่งไว้ "
                            "ถ้าสถานที่เกี่ยวข้อง โปรดพิมพ์บอกในรายละเอียด ส่วนหลักฐานส่งเป็นรูปถ่ายได้ค่ะ",
    "cr.cancelled": "ยกเลิกการแจ้งแล้วค่ะ ข้อมูลที่พิมพ์ไว้ถูกลบแล้ว",
    # pushed when an integrity handler changes the status or writes to the reporter (bot/admin/corruption.py)
    "cr.update": "เรื่องแจ้งการทุจริตเลขที่ {ticket} มีความคืบหน้าค่ะ\nสถานะ: {status}",
    "cr.update_message": "ข้อความจากผู้รับผิดชอบ: {message}",

    # --- summary rows ------------------------------------------------------------------------------
    "sum.description": "รายละเอียด",
    "sum.category": "หมวด",
    "sum.photos": "รูปภาพ",
    "sum.location": "สถานที่",
    "sum.contact": "ติดต่อกลับ",
    "sum.accused": "ผู้ถูกร้องเรียน",
    "sum.what": "พฤติการณ์",
    "sum.evidence": "หลักฐาน",
    "sum.count_photos": "{n} รูป",
    "sum.none": "-",
    "sum.pinned": "ปักหมุดแล้ว",
    "contact.line": "ชื่อไลน์ {name}",
    "contact.given": "{name} โทร {phone}",
    "contact.phone_only": "โทร {phone}",
    "contact.anonymous": "ไม่ระบุตัวตน",

    # --- tracking ---------------------------------------------------------------------------------
    "tr.none": "ยังไม่พบเรื่องที่ท่านแจ้งไว้ค่ะ ถ้ามีเลขที่เรื่อง พิมพ์มาได้เลยค่ะ",
    "tr.list": "เรื่องของท่าน {n} เรื่องล่าสุดค่ะ",
    "tr.list_alt": "เรื่องของท่าน {n} เรื่อง",
    "tr.not_found": "ไม่พบเรื่องเลขที่ {ticket} ค่ะ โปรดตรวจสอบเลขอีกครั้ง",
    "tr.status_alt": "เรื่อง {ticket}: {status}",
    "tr.status": "สถานะ",
    "tr.status_line": "สถานะ: {status}",
    "tr.category": "หมวด",
    "tr.division": "หน่วยงาน",
    "tr.created": "วันที่แจ้ง",
    "tr.updated": "อัปเดตล่าสุด",
    "tr.due": "กำหนดแล้วเสร็จ",
    "tr.staff_message": "ข้อความจากเจ้าหน้าที่",
    "tr.kind_corruption": "เรื่องแจ้งการทุจริต (ความลับ)",
    "tr.cancel_confirm": "ต้องการยกเลิกเรื่อง {ticket} ใช่ไหมคะ เมื่อยกเลิกแล้ว เจ้าหน้าที่จะหยุดดำเนินการค่ะ",
    "tr.cancel_done": "ยกเลิกเรื่อง {ticket} แล้วค่ะ",
    "tr.cannot_cancel": "เรื่อง {ticket} ยกเลิกทางไลน์ไม่ได้ค่ะ สอบถามได้ที่\n{office}",
    "tr.kept": "ไม่ยกเลิกค่ะ เรื่อง {ticket} ดำเนินการต่อตามปกติ",

    # --- news pushed when staff update a case (messages_th/admin_cases.citizen_update) ----------
    "status.push_head": "📢 ความคืบหน้าเรื่องเลขที่ {ticket}",
    "status.push_status": "สถานะ: {status}",
    "status.push_message": "ข้อความจากเจ้าหน้าที่: {message}",
    "status.push_tail": "กด \"ดูสถานะเรื่องนี้\" ด้านล่างเพื่อดูรายละเอียดได้ค่ะ 🙏",
}

# The worker's apology when an event could not be handled even after retries (bot/runtime/worker.py).
SYSTEM_ERROR = ("ขออภัยค่ะ ระบบขัดข้อง ยังดำเนินการข้อความล่าสุดของท่านไม่ได้ "
                "โปรดลองส่งใหม่อีกครั้งภายหลัง หรือติดต่อสำนักงานเทศบาลค่ะ 🙏")

# Case status labels, by models.enums.CaseStatus code.
STATUS: dict[str, str] = {
    "received": "รับเรื่องแล้ว",
    "in_progress": "กำลังดำเนินการ",
    "resolved": "เสร็จสิ้น",
    "forwarded": "ส่งต่อหน่วยงานอื่น",
    "rejected": "ไม่รับพิจารณา/ยุติเรื่อง",
    "cancelled": "ยกเลิกโดยผู้แจ้ง",
}

# Typed words that work like the buttons (compared after trimming polite endings).
WORDS: dict[str, tuple[str, ...]] = {
    "cancel": ("ยกเลิก", "ยกเลิกเรื่อง", "ไม่แจ้งแล้ว", "ไม่เอาแล้ว"),
    "cancel_yes": ("ยืนยันยกเลิก",),
    "keep": ("ใช้ข้อความเดิม", "ใช้อันเดิม"),
    "back": ("ย้อนกลับ", "กลับ", "ย้อน"),
    "skip": ("ข้าม", "ไม่มี", "ไม่มีรูป", "ไม่สะดวก"),
    "done": ("เสร็จแล้ว", "เสร็จ", "ครบแล้ว", "หมดแล้ว", "พอแล้ว"),
    "confirm": ("ยืนยัน", "ตกลง", "ถูกต้อง", "ส่งเลย", "โอเค", "ok"),
    "edit": ("แก้ไข", "แก้"),
    "yes": ("ใช่", "ถูก", "ถูกแล้ว", "ใช่แล้ว", "ใช่หมวดนี้"),
    # "No" to "is it this category?" and to "cancel this?": LINE for PC shows no quick replies to tap.
    "no": ("ไม่", "ไม่ใช่", "ไม่ถูก", "ผิด", "ผิดหมวด", "ไม่ใช่หมวดนี้", "หมวดอื่น", "เลือกหมวดอื่น", "เปลี่ยนหมวด",
           "ไม่ยกเลิก"),
    "anonymous": ("ไม่ระบุตัวตน", "ไม่ระบุชื่อ", "ไม่ประสงค์ออกนาม", "ไม่บอกชื่อ"),
    "line_name": ("ใช้ชื่อไลน์",),
    "give_contact": ("ให้ชื่อและเบอร์โทร", "ให้เบอร์โทร"),
    "resume": ("ทำเรื่องเดิมต่อ", "ทำต่อ", "ต่อ"),
    "start_new": ("เริ่มเรื่องใหม่", "เริ่มใหม่"),
    "thanks": ("ขอบคุณ", "ขอบใจ", "thank", "thanks"),
}

# Typed answers said in many ways, as regular expressions over the typed text reduced by common.plain
# (no spaces, polite endings trimmed): "ไม่ต้องบอกชื่อ", "ขอไม่ระบุตัวตน", "ไม่ประสงค์จะออกนาม"...
WORD_PATTERNS: dict[str, str] = {
    "anonymous": r"(?:ขอ)?ไม่(?:ต้อง|อยาก|ขอ|ประสงค์|จะ|สะดวก)*"
                 r"(?:(?:บอก|ระบุ|เปิดเผย|ออก|ให้|ใส่)+(?:ชื่อ|ตัวตน|นาม)?|ชื่อ|ตัวตน|นาม)"
                 r"(?:และ|กับ)?(?:เบอร์)?(?:โทร)?",
}

# A sticker LINE describes with one of these keywords (its webhook "keywords", compared in lower case)
# says yes where a yes is asked: a thumbs up, OK, like.
YES_STICKER_KEYWORDS: frozenset[str] = frozenset({
    "ok", "okay", "okey", "good", "great", "nice", "yes", "yeah", "like", "thumbs up", "thumbsup", "thumb up",
    "good job", "agree", "roger", "got it", "sure", "alright", "all right", "perfect", "no problem",
})

# Words around a name and phone that are not part of the name ("ชื่อ สมศรี เบอร์ 081...").
CONTACT_NOISE: tuple[str, ...] = ("เบอร์โทรศัพท์", "หมายเลขโทรศัพท์", "เบอร์โทร", "โทรศัพท์", "มือถือ",
                                  "เบอร์", "โทร.", "โทร", "ติดต่อ", "ชื่อ", "นามสกุล", "คือ")

# Polite endings trimmed before comparing typed words.
ENDINGS: tuple[str, ...] = ("ครับผม", "ครับ", "คร้าบ", "ค่ะ", "คะ", "ค่า", "จ้ะ", "จ้า", "นะ", "ฮะ")

# Text typed at a step that waits for photos (handlers/asides.py), compared after trimming polite
# endings: how a question ends or begins, and how short chit-chat begins.
QUESTION_ENDS: tuple[str, ...] = ("ไหม", "มั้ย", "มั๊ย", "เปล่า", "หรือยัง", "รึยัง", "หรอ", "เหรอ", "ไหน",
                                  "อะไร", "เมื่อไร", "ไหร่", "ยังไง", "อย่างไร", "ใคร", "กี่วัน", "กี่โมง")
QUESTION_STARTS: tuple[str, ...] = ("ทำไม", "อะไร", "ที่ไหน", "เมื่อไร", "เมื่อไหร่", "ยังไง", "อย่างไร", "ใคร",
                                    "ขอถาม", "สอบถาม", "กี่")
CHAT_STARTS: tuple[str, ...] = ("เดี๋ยว", "รอสักครู่", "แป๊บ", "โอเค", "ได้เลย", "รับทราบ", "ok", "555")

# Whole messages that act like a menu entry, whatever the conversation is doing.
COMMANDS: dict[str, str] = {
    "เมนู": "main", "เมนูหลัก": "main", "menu": "main",
    "แจ้งเรื่องร้องเรียน": "complaint", "ร้องเรียน": "complaint", "ร้องทุกข์": "complaint",
    "แจ้งเรื่อง": "complaint", "แจ้งปัญหา": "complaint", "ร้องเรียนร้องทุกข์": "complaint",
    "แจ้งการทุจริต": "corruption", "แจ้งทุจริต": "corruption", "ร้องเรียนการทุจริต": "corruption",
    "แจ้งเบาะแสทุจริต": "corruption",
    "ติดตามเรื่อง": "track", "เรื่องของฉัน": "track", "ติดตาม": "track", "ติดตามสถานะ": "track",
    "สอบถาม": "inquiry", "ประเมินความพึงพอใจ": "survey", "ประเมิน": "survey",
    "เสนอแนะ": "suggest", "ข้อเสนอแนะ": "suggest",
    "วิธีใช้งาน": "help", "ช่วยเหลือ": "help", "help": "help",
    "ลบข้อมูลของฉัน": "privacy", "ขอลบข้อมูล": "privacy", "ขอลบข้อมูลส่วนตัว": "privacy",
    "ลบข้อมูลส่วนตัว": "privacy", "ขอลบข้อมูลของฉัน": "privacy", "ลบข้อมูลส่วนบุคคล": "privacy",
    "ขอลบข้อมูลส่วนบุคคล": "privacy",
    "สวัสดี": "greet", "หวัดดี": "greet", "hello": "greet", "hi": "greet",
}


class _Keep(dict):
    """format_map helper: an unknown placeholder stays as written instead of raising."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def t(key: str, **values: object) -> str:
    """The Thai text for `key` with its placeholders filled; the key itself when unknown."""
    text = TEXT.get(key)
    if text is None:
        return key
    return text.format_map(_Keep(values)) if values else text


def office(name: str, phone: str = "") -> str:
    """The office contact block: name, opening hours and, when set, the phone (OFFICE_PHONE)."""
    block = t("office.contact", name=name, hours=t("office.hours"))
    phone = phone.strip()
    return block + ("\n" + t("office.phone_line", phone=phone) if phone else "")
