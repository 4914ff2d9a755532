"""The ITA page in the admin view: who may see and download, what a download holds and logs, and
the score estimate on the dashboard."""
from __future__ import annotations

import html
import io

import pytest
from sqlalchemy import select

from messages_th.admin_accounts import ACTIONS
from messages_th.ita import tx
from models.audit import AuditLog
from models.db import read_scope
from tests.admin.conftest import _fast_password_hash, as_role, csrf_from, staff  # noqa: F401  (fixtures)
from tests.ita import data as ita_data
from tests.ita.files import normal, row, sheets

pytestmark = pytest.mark.usefixtures("staff")


@pytest.fixture
def data(engine):
    ita_data.create(engine)


def download(client, period: str, fmt: str):
    page = client.get(f"/admin/ita?period={period}")
    return client.post("/admin/ita/download", data={"csrf_token": csrf_from(page.get_data(as_text=True)),
                                                    "period": period, "format": fmt})


@pytest.mark.parametrize("role, status", [("admin", 200), ("executive", 200), ("integrity", 200), ("officer", 403)])
def test_who_sees_the_page(as_role, data, role, status):
    resp = as_role(role).get("/admin/ita?period=fy:2569")
    assert resp.status_code == status
    if status == 200:
        page = html.unescape(resp.get_data(as_text=True))
        assert tx("admin.download_xlsx") in page and "ปีงบประมาณ 2569" in page
        assert "66.5" in page and "−0.5" in page and "ค่าประมาณ" in page  # indicator 6 against FY 2568
        assert ita_data.NAME not in page and ita_data.SECRET not in page


def test_logged_out_is_sent_to_the_login(client):
    assert "/admin/login" in client.get("/admin/ita").headers["Location"]
    assert "/admin/login" in client.post("/admin/ita/download").headers.get("Location", "/admin/login")


def test_an_officer_cannot_download(as_role, data):
    client = as_role("officer")
    token = csrf_from(client.get("/admin/").get_data(as_text=True))
    resp = client.post("/admin/ita/download", data={"csrf_token": token, "period": "fy:2569", "format": "xlsx"})
    assert resp.status_code == 403


def test_download_the_workbook_is_logged(as_role, data, engine):
    resp = download(as_role("executive"), "fy:2569", "xlsx")
    assert resp.status_code == 200
    assert resp.mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert "ita-2569-fy.xlsx" in resp.headers["Content-Disposition"]
    assert resp.headers["Cache-Control"] == "no-store"
    book = sheets(io.BytesIO(resp.get_data()))
    assert list(row(book[tx("sheet.6")], tx("c6.received"))[1:]) == ita_data.FY_MONTHS_RECEIVED + [5]
    with read_scope(engine) as s:
        logged = s.exec(select(AuditLog).where(AuditLog.action == "export_ita")).scalars().all()
    assert [(a.username, a.target_kind, a.target_id, a.detail) for a in logged] == [("exec1", "ita", "2569", "xlsx")]
    assert "ITA" in ACTIONS["export_ita"]


def test_download_the_pdf_of_a_quarter(as_role, data):
    resp = download(as_role("integrity"), "quarter:2569-Q1", "pdf")
    assert resp.status_code == 200 and resp.mimetype == "application/pdf"
    assert resp.get_data()[:5] == b"%PDF-" and "ita-2569-q1.pdf" in resp.headers["Content-Disposition"]
    from pypdf import PdfReader

    text = normal(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(resp.get_data())).pages))
    assert normal("ไตรมาสที่ 1 ปีงบประมาณ 2569") in text and ita_data.SECRET not in text


def test_bad_requests(as_role, data):
    client = as_role("admin")
    assert client.get("/admin/ita?period=fy:26").status_code == 400
    assert client.get("/admin/ita?period=nonsense").status_code == 400
    assert download(client, "fy:2569", "docx").status_code == 400
    # No CSRF token: refused before anything is made.
    assert client.post("/admin/ita/download", data={"period": "fy:2569", "format": "xlsx"}).status_code == 400


def test_the_period_list_offers_only_periods_that_have_begun(as_role):
    from datetime import UTC, datetime

    from bot.admin.ita import choices

    groups = dict(choices(datetime(2026, 1, 15, tzinfo=UTC)))
    values = [v for items in groups.values() for v, _ in items]
    assert values[0] == "fy:2569" and "month:2569-01" in values and "month:2569-02" not in values
    assert "quarter:2569-Q2" in values and "quarter:2569-Q3" not in values and "half:2569-H1" in values
    assert "fy:2567" in values and "fy:2566" not in values


def test_dashboard_shows_the_score_estimate_except_to_an_officer(as_role, data):
    page = html.unescape(as_role("executive").get("/admin/?fy=2569").get_data(as_text=True))
    assert 'id="score-estimate"' in page and "(ค่าประมาณ)" in page
    assert "66.5" in page and "83.5" in page and "75.0" in page and "−0.5" in page
    assert 'id="score-estimate"' not in as_role("officer").get("/admin/?fy=2569").get_data(as_text=True)
