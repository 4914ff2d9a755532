"""Synthetic places and people for `flask demo seed` (demo data only, never shown as real facts).

The villages, roads and landmarks are made up in the style of a rural sub-district municipality in
Isan; people's names are obviously placeholders and phone numbers use the unassigned 080-000 block.
A fragment is always written between spaces in a complaint, so the search index can be built per
fragment (see bot/demo/text.py).
"""
from __future__ import annotations

# หมู่ 1-12 and a village name each.
VILLAGES: list[str] = [
    "หมู่ 1 บ้านนามะเขือ", "หมู่ 2 บ้านนามะเขือ", "หมู่ 3 บ้านโนนสะอาด", "หมู่ 4 บ้านหนองบัว",
    "หมู่ 5 บ้านดอนยาง", "หมู่ 6 บ้านโคกกลาง", "หมู่ 7 บ้านหนองแวง", "หมู่ 8 บ้านนาดี",
    "หมู่ 9 บ้านโนนสูง", "หมู่ 10 บ้านคำไผ่", "หมู่ 11 บ้านหนองกุง", "หมู่ 12 บ้านสร้างแก้ว",
]

ROADS: list[str] = [
    "ถนนสายหลักหน้าตลาด", "ถนนเข้าหมู่บ้าน", "ถนนรอบหนองน้ำสาธารณะ", "ถนนไปวัดป่า",
    "ถนนเลียบคลองส่งน้ำ", "ถนนลูกรังไปทุ่งนา", "ซอย 3", "ซอย 5", "ซอยข้างโรงสี", "ถนนคอนกรีตกลางหมู่บ้าน",
    "ถนนสายนามะเขือ-หนองบัว", "ถนนหลังสำนักงานเทศบาล", "ทางเข้าป่าช้า", "ถนนไปสถานีสูบน้ำ",
]

LANDMARKS: list[str] = [
    "หน้าวัดบ้านนามะเขือ", "ข้างโรงเรียนบ้านหนองบัว", "ตรงข้ามศาลาประชาคม", "หน้าร้านค้าชุมชน",
    "ใกล้ รพ.สต.นามะเขือ", "ข้างตลาดนัดวันพุธ", "หน้าศูนย์พัฒนาเด็กเล็ก", "ปากทางเข้าสำนักงานเทศบาล",
    "ใกล้หอถังประปาหมู่บ้าน", "ข้างสนามกีฬาเทศบาล", "หน้าปั๊มน้ำมันหลอด", "ริมหนองน้ำสาธารณะ",
    "ข้างเมรุวัดป่า", "หน้าบ้านผู้ใหญ่บ้าน", "ตรงสามแยกหน้าโรงสีข้าว", "หลังตลาดสด", "ข้างร้านซ่อมรถ",
    "หน้าร้านก๋วยเตี๋ยวปากซอย", "ใกล้ศาลปู่ตา", "ตรงโค้งก่อนถึงสะพานข้ามห้วย",
]

# What LINE puts in a shared location (a place name, or nothing for a dropped pin), and its address.
LOCATION_TITLES: list[str] = [
    "", "", "", "วัดบ้านนามะเขือ", "โรงเรียนบ้านหนองบัว", "ตลาดสดเทศบาลตำบลนามะเขือ",
    "ศาลาประชาคม", "โรงสีข้าวชุมชน",
]
LOCATION_ADDRESS = "ตำบลนามะเขือ อำเภอสหัสขันธ์ จังหวัดกาฬสินธุ์ 46140 ประเทศไทย"
# Around the middle of the (made-up) municipality: latitude, longitude and how far points spread.
CENTRE = (16.705, 103.535, 0.03)

# Contact given by a citizen: placeholder names, so that nobody mistakes demo data for a person.
FIRST_NAMES: list[str] = [
    "สมมุติ", "สมศรี", "บุญมี", "ทองดี", "มาลี", "สมหมาย", "จันทร์เพ็ญ", "ประยูร", "คำปุ่น", "บัวลอง",
    "สุดใจ", "ทดลอง",
]
LAST_NAMES: list[str] = ["ทดสอบ", "ตัวอย่าง", "นามสมมุติ", "สาธิต"]
PHONE_PATTERN = "080-000-{n:04d}"

# LINE display names as people set them (nicknames), for followers' cached profiles.
DISPLAY_NAMES: list[str] = [
    "แม่ต้อย", "น้องฟ้า", "ลุงหมาย", "ป้าแดง 🌸", "พี่บอย", "ครูเล็ก", "ต่าย", "นก", "อ้อย", "เจ๊หมวย",
    "Boy", "Jaa 🌼", "Nong May", "Tum", "ผู้ใหญ่เส็ง", "ยายคำ", "หนุ่มนามะเขือ", "แม่ค้าตลาดนัด", "Ploy",
    "ตาเหลือง", "พี่แจ๊ค", "ส้มโอ", "Mai", "บ่าวอีสาน", "สาวกาฬสินธุ์", "Golf", "อ.สมใจ", "ช่างเอก",
]

# Demo staff accounts: username, roles, division (None: none), display name. All names are placeholders.
STAFF: list[tuple[str, tuple[str, ...], str | None, str]] = [
    ("demo.admin", ("admin",), None, "ผู้ดูแลระบบ (ตัวอย่าง)"),
    ("demo.clerk", ("officer",), "สำนักปลัดเทศบาล", "สมมุติ ทดสอบ (ตัวอย่าง)"),
    ("demo.finance", ("officer",), "กองคลัง", "มาลี ตัวอย่าง (ตัวอย่าง)"),
    ("demo.works", ("officer",), "กองช่าง", "ทองดี สาธิต (ตัวอย่าง)"),
    ("demo.works2", ("officer",), "กองช่าง", "ประยูร นามสมมุติ (ตัวอย่าง)"),
    ("demo.health", ("officer",), "กองสาธารณสุขและสิ่งแวดล้อม", "สุดใจ ทดสอบ (ตัวอย่าง)"),
    ("demo.edu", ("officer",), "กองการศึกษา", "บัวลอง ตัวอย่าง (ตัวอย่าง)"),
    ("demo.exec", ("executive",), None, "นายกเทศมนตรี (ตัวอย่าง)"),
    ("demo.audit", ("integrity",), None, "หน่วยตรวจสอบภายใน (ตัวอย่าง)"),
]
# An officer for a division the list above does not name (a municipality that renamed its divisions).
STAFF_OTHER_DIVISION = "เจ้าหน้าที่{division} (ตัวอย่าง)"
