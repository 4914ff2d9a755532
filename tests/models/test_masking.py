"""Contact details typed into public text are masked in every shape people type them, and nothing else is.

Found by the security review: Open311 published "(081)234-5678", "081 - 234 - 5679", Thai digits,
"081/234/5678", "+66(0)81 234 5678", "@somsri99", "line id: somsri99", "name [at] mail.com" and LINE's
address of a shared spot with the house number. The masking (models/masking.py) is the one the
retention purge and deletion requests use as well.
"""
from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models.masking import general_area, mask_text, personal_spans
from tests.models.masking_data import AREA
from tests.open311_cases import add_case

PHONE_MASK = "xxx-xxx-xxxx"
TO_THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
# (as typed, what must not be left of it)
TYPED = [
    ("(081)234-5678", "234"), ("081 - 234 - 5679", "5679"), ("๐๘๑๒๓๔๕๖๗๘", "๕๖๗๘"), ("081/234/5678", "5678"),
    ("+66(0)81 234 5678", "5678"), ("(+66) 81-234-5678", "5678"), ("02 123 4567", "4567"), ("08.1234.5678", "5678"),
    ("@somsri99", "somsri99"), ("line id: somsri99", "somsri99"), ("ไลน์ somsri99", "somsri99"),
    ("ไอดีไลน์ : somsri99", "somsri99"), ("LINE ID somsri.j", "somsri.j"), ("ไลน์ไอดี=somsri_99", "somsri_99"),
    ("https://line.me/ti/p/~somsri99", "somsri99"),
    ("somchai [at] mail.com", "somchai"), ("somchai(at)mail.com", "somchai"),
    ("somchai at mail dot com", "somchai"), ("somchai [at] mail [dot] co [dot] th", "somchai"),
    ("อีเมลsomsri@mail.comค่ะ", "somsri"),
    ("U0123456789abcdef0123456789abcdef", "0123456789abcdef"), ("๑-๒๓๔๕-๖๗๘๙๐-๑๒-๓", "๖๗๘๙๐"),
]
ORDINARY = [
    "NMK6912-0001", "NMK 6912-0001", "nmk6912-1", "6912-0001", "NMK๖๙๑๒-๐๐๐๑", "NMKC6811-0042",
    "แจ้งทางไลน์ NMK6912-0001 แล้ว", "7/12/2569", "07/12/2569 10:30", "07.12.2569 เวลา 08.30 - 16.30 น.",
    "500 บาท", "งบ 1,500,000 บาท", "ถนนกว้าง 6 เมตร ยาว 120 เมตร", "ไฟดับ 3 ต้น หมู่ 5 บ้านเลขที่ 123/4",
    "ปี 2568 เรื่องที่ 12 ของเดือน", "16.575712, 103.495543", "ขนาดท่อ 0.60 เมตร", "deadline online 2026",
]


@pytest.mark.parametrize(("typed", "secret"), TYPED)
def test_contact_in_the_shapes_people_type_is_masked(typed: str, secret: str) -> None:
    masked = mask_text(f"ท่อแตกหน้าบ้าน ติดต่อ {typed} ค่ะ")
    assert secret not in masked, masked
    assert masked.startswith("ท่อแตกหน้าบ้าน ติดต่อ ") and masked.endswith(" ค่ะ")
    assert personal_spans(f"ติดต่อ {typed}"), typed  # what the purge takes out of the search index


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_numbers_and_words_stay(text: str) -> None:
    assert mask_text(text) == text
    assert personal_spans(text) == []


# --- phones as people type them: any realistic grouping, separator, prefix and script of digits ---
GROUPINGS = {10: [(3, 3, 4), (2, 4, 4), (3, 7), (10,), (3, 4, 3)], 9: [(2, 3, 4), (3, 3, 3), (9,), (2, 7)]}
SEPARATORS = ["-", " ", ".", "/", " - ", " / ", "  ", "–"]


def _split(digits: str, sizes: tuple[int, ...]) -> list[str]:
    out, at = [], 0
    for size in sizes:
        out.append(digits[at:at + size])
        at += size
    return out


@st.composite
def phones(draw: st.DrawFn) -> str:
    mobile = draw(st.booleans())
    national = (draw(st.sampled_from("689")) + draw(st.text("0123456789", min_size=8, max_size=8)) if mobile
                else draw(st.sampled_from("234567")) + draw(st.text("0123456789", min_size=7, max_size=7)))
    sep = draw(st.sampled_from(SEPARATORS))
    shape = draw(st.sampled_from(["plain", "brackets", "+66", "+66(0)", "(+66)"]))
    if shape in ("plain", "brackets"):
        groups = _split("0" + national, draw(st.sampled_from(GROUPINGS[len(national) + 1])))
        typed = (f"({groups[0]})" + draw(st.sampled_from(["", " "])) + sep.join(groups[1:])
                 if shape == "brackets" and len(groups) > 1 else sep.join(groups))
    else:
        rest = sep.join(_split(national, (2, 3, 4) if mobile else (1, 3, 4)))
        typed = {"+66": "+66" + draw(st.sampled_from(["", " ", "-"])), "+66(0)": "+66" + draw(st.sampled_from(
            ["(0)", " (0) ", "(0) "])), "(+66)": "(+66) "}[shape] + rest
    script = draw(st.sampled_from(["arabic", "thai", "mixed"]))
    if script == "thai":
        typed = typed.translate(TO_THAI)
    elif script == "mixed":
        typed = "".join(ch.translate(TO_THAI) if draw(st.booleans()) else ch for ch in typed)
    return typed


@given(phones(), st.sampled_from(["โทร ", "โทร", "เบอร์: ", "ติดต่อกลับที่ ", "("]),
       st.sampled_from(["", " ค่ะ", "ค่ะ", " นะคะ", ", ขอบคุณ", ")"]))
def test_every_phone_shape_is_masked_whole(phone: str, before: str, after: str) -> None:
    assert mask_text(before + phone + after) == before + PHONE_MASK + after


@st.composite
def ordinary(draw: st.DrawFn) -> str:
    """Numbers that are not contact details: tickets, Buddhist-era dates and times, amounts, sizes."""
    n = st.integers
    ticket = (draw(st.sampled_from(["NMK", "nmk", "NMKC", "ABC", "NMK "])) + f"{draw(n(60, 79))}"
              f"{draw(n(1, 12)):02d}-" + str(draw(n(1, 9999))).zfill(draw(n(1, 4))))
    sep = draw(st.sampled_from("/.-"))
    day = f"{draw(n(1, 28)):0{draw(n(1, 2))}d}{sep}{draw(n(1, 12)):0{draw(n(1, 2))}d}{sep}{draw(n(2500, 2700))}"
    hour = draw(n(0, 23))
    clock = draw(st.sampled_from(["", f" {hour:02d}:{draw(n(0, 59)):02d}", f" เวลา {hour:02d}.30 น."]))
    amount = draw(st.sampled_from([f"{draw(n(0, 10**7)):,} บาท", f"{draw(n(0, 10**7))} บาท"]))
    size = f"ถนนกว้าง {draw(n(1, 30))} เมตร ยาว {draw(n(1, 5000))} เมตร"
    parts = draw(st.permutations([ticket, day + clock, amount, size]))
    text = " ".join(parts)
    return text.translate(TO_THAI) if draw(st.booleans()) else text


@given(ordinary())
def test_ordinary_text_is_never_masked(text: str) -> None:
    assert mask_text(text) == text


@pytest.mark.parametrize(("address", "general"), [
    (f"99/1 หมู่ 3 {AREA}", AREA),
    (f"บ้านเลขที่ 99/1 หมู่ที่ 3 ซอยสุขใจ ถนนมิตรภาพ {AREA}", AREA),
    (AREA, AREA),
    ("99/1 ม.3 ต.นามะเขือ อ.สหัสขันธ์ จ.กาฬสินธุ์ 46140", "ต.นามะเขือ อ.สหัสขันธ์ จ.กาฬสินธุ์ 46140"),
    ("12 ซอยสุขุมวิท 3 แขวงคลองเตยเหนือ เขตวัฒนา กรุงเทพมหานคร 10110", "แขวงคลองเตยเหนือ เขตวัฒนา กรุงเทพมหานคร 10110"),
    ("99/1 Moo 3, Tambon Na Makhuea, Amphoe Sahatsakhan, Kalasin 46140, Thailand",
     "Tambon Na Makhuea, Amphoe Sahatsakhan, Kalasin 46140, Thailand"),
    ("1-3 Kioicho, Chiyoda-ku, Tokyo, 102-8282 Japan", "Chiyoda-ku, Tokyo, 102-8282 Japan"),
    ("Tokyo", "Tokyo"),
    ("99/1 หมู่ 3 บ้านหนองบัว", ""),  # nothing general in it: the place's name is shown instead
    ("", ""),
])
def test_address_keeps_only_sub_district_district_and_province(address: str, general: str) -> None:
    assert general_area(address) == general


def test_open311_publishes_no_contact_shape_and_no_house_number(client, engine) -> None:
    typed = " ".join(t for t, _ in TYPED)
    add_case(engine, "NMK6912-0001", description=f"ไฟดับหน้าบ้าน {typed}",
             location_address=f"99/1 หมู่ 3 ซอยสุขใจ {AREA}", location_title="บ้านสมศรี",
             latitude=16.575712, longitude=103.495543)
    add_case(engine, "NMK6912-0002", description="ไฟดับ", landmark="หน้าบ้านสีฟ้า โทร (081)234-5678",
             location_address="99/1 หมู่ 3")
    body = client.get("/open311/v2/requests.json").get_data(as_text=True)
    for _, secret in TYPED:
        assert secret not in body, secret
    assert "99/1" not in body and "หมู่ 3" not in body and "สุขใจ" not in body
    by_id = {r["service_request_id"]: r for r in client.get("/open311/v2/requests.json").get_json()}
    assert by_id["NMK6912-0001"]["address"] == AREA
    assert by_id["NMK6912-0001"]["description"].startswith("ไฟดับหน้าบ้าน ")
    assert by_id["NMK6912-0002"]["address"] == "หน้าบ้านสีฟ้า โทร " + PHONE_MASK
    assert not re.search(r"\d{4}", by_id["NMK6912-0002"]["address"])
