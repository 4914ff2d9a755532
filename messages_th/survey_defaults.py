"""The default satisfaction survey: services a citizen may rate, and five questions on the ITA
outsiders' themes (EIT). Added once to a database that has none (models/seed.py); staff change them in
the admin view (a changed wording becomes a new version of the question)."""
from __future__ import annotations

# name: as stored; label: a quick-reply label (<= 20 characters); for_cases: the service a resolved
# complaint's survey is about.
SERVICES: list[dict] = [
    {"name": "เรื่องร้องเรียน-ร้องทุกข์", "label": "ร้องเรียน-ร้องทุกข์", "for_cases": True},
    {"name": "ชำระภาษีและค่าธรรมเนียม", "label": "ภาษีและค่าธรรมเนียม", "for_cases": False},
    {"name": "เบี้ยยังชีพผู้สูงอายุ/คนพิการ", "label": "เบี้ยยังชีพ", "for_cases": False},
    {"name": "ขออนุญาตก่อสร้าง", "label": "ขออนุญาตก่อสร้าง", "for_cases": False},
    {"name": "เก็บขยะ", "label": "เก็บขยะ", "for_cases": False},
    {"name": "น้ำประปา", "label": "น้ำประปา", "for_cases": False},
    {"name": "ติดต่อสอบถามผ่านไลน์", "label": "สอบถามผ่านไลน์", "for_cases": False},
]
# Names seeded by earlier versions, with their labels: the chat says "ไลน์" everywhere else, so the
# name changed, and a database seeded before keeps a short label.
OLD_NAMES: dict[str, str] = {"ติดต่อสอบถามผ่าน LINE": "สอบถามผ่านไลน์"}

# key: the theme across versions; indicator: the ITA indicator its answers count towards;
# short: a few words for charts and tables (<= 60 characters). All on the ITA four-level scale.
QUESTIONS: list[dict] = [
    {"key": "steps_time", "indicator": 6, "scale": "four", "short": "ตามขั้นตอนและระยะเวลาที่กำหนด",
     "text": "เจ้าหน้าที่ให้บริการตามขั้นตอนและระยะเวลาที่กำหนดไว้ มากน้อยเพียงใด"},
    {"key": "equal", "indicator": 6, "scale": "four", "short": "ให้บริการอย่างเท่าเทียม ไม่เลือกปฏิบัติ",
     "text": "เจ้าหน้าที่ให้บริการท่านอย่างเท่าเทียมกับผู้อื่น ไม่เลือกปฏิบัติ มากน้อยเพียงใด"},
    {"key": "clear_info", "indicator": 7, "scale": "four", "short": "ข้อมูลชัดเจน เข้าใจง่าย",
     "text": "ข้อมูลที่ท่านได้รับชัดเจน เข้าใจง่าย ไม่ซับซ้อน มากน้อยเพียงใด"},
    {"key": "channels", "indicator": 7, "scale": "four", "short": "ช่องทางสอบถามและแสดงความคิดเห็นสะดวก",
     "text": "ท่านสอบถามหรือแสดงความคิดเห็นต่อเทศบาลได้สะดวก มีช่องทางที่ใช้ง่าย มากน้อยเพียงใด"},
    {"key": "improved", "indicator": 8, "scale": "four", "short": "การให้บริการดีขึ้นกว่าเดิม",
     "text": "การให้บริการของเทศบาลดีขึ้นกว่าเดิม มากน้อยเพียงใด"},
]


def service_label(name: str) -> str | None:
    """The short label of a default service, or None for a service the municipality added."""
    return next((s["label"] for s in SERVICES if s["name"] == name), OLD_NAMES.get(name))
