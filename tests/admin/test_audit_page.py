"""The audit log page: who may see it, the corruption rows only integrity sees, filters, paging, dates."""
from __future__ import annotations

from datetime import UTC, datetime

from models import audit
from models.db import session_scope
from tests.admin.access import ROLES, clients, expect  # noqa: F401  (clients is a fixture)
from tests.admin.pages import rows_of


def add_row(engine, action: str, *, username: str = "someone", target_kind: str = "", target_id: str = "",
            detail: str = "", at: datetime | None = None) -> None:
    with session_scope(engine) as s:
        row = audit.record(action, session=s, username=username, target_kind=target_kind, target_id=target_id,
                           detail=detail)
        if at is not None:
            row.at = at


def test_role_matrix(clients):
    for role in ROLES:
        expect(role, clients[role].get("/admin/audit"), {"admin", "integrity", "admin+integrity"})
        expect(role, clients[role].get("/admin/audit?action=login&page=2"), {"admin", "integrity", "admin+integrity"})


def test_corruption_rows_are_for_integrity_only(clients, engine):
    add_row(engine, "view_corruption", username="integrity1", target_kind="corruption", target_id="NMKC6901-0007")
    add_row(engine, "reveal_reporter", username="integrity1", target_kind="corruption", target_id="NMKC6901-0007",
            detail="เหตุผลลับ")
    add_row(engine, "create_staff", username="admin1", target_kind="staff", target_id="9", detail="newbie")
    admin_page = clients["admin"].get("/admin/audit").get_data(as_text=True)
    assert "NMKC6901-0007" not in admin_page and "เหตุผลลับ" not in admin_page and "newbie" in admin_page
    assert "เปิดดูเรื่องทุจริต" not in admin_page and "เปิดดูข้อมูลผู้แจ้ง" not in admin_page  # not even in the filter
    for query in ("?target_kind=corruption", "?action=reveal_reporter", "?target_id=NMKC6901-0007"):
        assert "NMKC6901-0007" not in rows_of(clients["admin"], query)
    for role in ("integrity", "admin+integrity"):
        page = rows_of(clients[role])
        assert "NMKC6901-0007" in page and "เหตุผลลับ" in page and "newbie" in page


def test_filters_paging_and_thai_dates(as_role, engine):
    add_row(engine, "create_staff", username="admin1", target_kind="staff", target_id="41",
            at=datetime(2025, 10, 1, 3, 0, tzinfo=UTC))  # 10.00 in Bangkok
    add_row(engine, "update_category", username="admin2", target_kind="category", target_id="3",
            at=datetime(2025, 9, 30, 16, 59, tzinfo=UTC))  # 23.59 on 30 September in Bangkok
    for n in range(60):
        add_row(engine, "add_division", username="bulk", target_kind="division", target_id=str(100 + n))
    client = as_role("admin")
    first = rows_of(client, "?action=create_staff")
    assert "1 ต.ค. 68 10.00 น." in first and "41" in first and "update_category" not in first
    assert "admin2" in rows_of(client, "?username=ADMIN2") and "admin1" not in rows_of(client, "?username=admin2")
    assert "41" in rows_of(client, "?target_id=41") and "bulk" not in rows_of(client, "?target_id=41")
    assert "หมวดเรื่อง" in rows_of(client, "?target_kind=category")
    # Dates are Bangkok days: 30 Sep 23.59 belongs to 30 Sep, 1 Oct 10.00 to 1 Oct.
    day = rows_of(client, "?date_from=2025-10-01&date_to=2025-10-01")
    assert "admin1" in day and "admin2" not in day
    day = rows_of(client, "?date_to=2025-09-30")
    assert "admin2" in day and "admin1" not in day
    html = client.get("/admin/audit?date_from=2025-10-01&date_to=2025-10-31").get_data(as_text=True)
    assert "1 ตุลาคม 2568" in html and "31 ตุลาคม 2568" in html
    assert "วันที่ไม่ถูกต้อง" in client.get("/admin/audit?date_from=2568-13-45").get_data(as_text=True)
    # Paging: 50 a page, the filter kept in the links.
    page1 = client.get("/admin/audit?action=add_division").get_data(as_text=True)
    assert page1.count("<tr>") - 1 == 50 and "page=2" in page1 and "action=add_division" in page1
    page2 = rows_of(client, "?action=add_division&page=2")
    assert page2.count("<tr>") == 10
    assert "/admin/audit?page=3" not in client.get("/admin/audit?action=add_division&page=2").get_data(as_text=True)
