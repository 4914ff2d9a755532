"""An address (sub-district, district, province, postcode) that masking must keep: it names a place,
not a person."""
from __future__ import annotations

# --- the address of a shared location -------------------------------------------------------------
AREA = "ตำบลนามะเขือ อำเภอสหัสขันธ์ จังหวัดกาฬสินธุ์ 46140 ประเทศไทย"
