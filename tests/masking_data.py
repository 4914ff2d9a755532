"""Helpers shared by tests (moved out of tests.test_masking: a test module is not a library)."""
from __future__ import annotations

# --- the address of a shared location -------------------------------------------------------------
AREA = "ตำบลนามะเขือ อำเภอสหัสขันธ์ จังหวัดกาฬสินธุ์ 46140 ประเทศไทย"
