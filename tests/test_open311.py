"""The Open311 GeoReport v2 read API: what it publishes, what it never publishes, and its parameters."""
from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import event, select

from models.complaint import Case, Category, Division
from models.corruption import CorruptionReport
from models.db import session_scope, utcnow
from models.enums import CaseStatus
from tests.open311_cases import (
    LINE_ID,
    NAME,
    PHONE,
    SECRET_TICKET,
    _assert_private,
    _categories,
    add_case,
    assert_error,
)

SHARED_TEXT = "ไฟทางดับหน้าวัด มีคนมาขโมยสายไฟ"


def get_json(client, url: str, status: int = 200) -> Any:
    resp = client.get(url)
    assert resp.status_code == status, resp.get_data(as_text=True)
    assert resp.mimetype == "application/json"
    return resp.get_json()


def tickets(client, query: str = "") -> list[str]:
    return [r["service_request_id"] for r in get_json(client, "/open311/v2/requests.json" + query)]


@pytest.fixture
def private_data(engine):
    """A complaint with every personal field set, and a corruption report with the same text."""
    add_case(engine, "NMK6811-0001", description=SHARED_TEXT, contact_mode="given",
             reporter_name=NAME, reporter_phone=PHONE, reporter_line_id=LINE_ID)
    now = utcnow()
    with session_scope(engine) as s:
        s.add(CorruptionReport(ticket=SECRET_TICKET, description=SHARED_TEXT, accused="นายช่าง",
                               contact_mode="given", reporter_name=NAME, reporter_phone=PHONE,
                               reporter_line_id=LINE_ID, created_at=now, updated_at=now))
    return engine


# --- services -----------------------------------------------------------------------------------
def test_services_lists_active_categories_with_their_division(client, engine) -> None:
    cats = _categories(engine)
    with session_scope(engine) as s:
        hidden = s.get(Category, cats[-1][0])
        hidden.active = False  # type: ignore[union-attr]
        divisions = {d.id: d.name for d in s.execute(select(Division)).scalars()}
    body = get_json(client, "/open311/v2/services.json?jurisdiction_id=namakhuea")
    assert [b["service_code"] for b in body] == [str(c[0]) for c in cats[:-1]]
    first = body[0]
    assert first["service_name"] == cats[0][2]
    assert first["metadata"] is False and first["type"] == "realtime"
    assert first["group"] == divisions[cats[0][1]]
    assert isinstance(first["keywords"], str) and isinstance(first["description"], str)


# --- privacy ------------------------------------------------------------------------------------
def test_no_corruption_report_and_no_reporter_identity_anywhere(client, private_data) -> None:
    resp = client.get("/open311/v2/requests.json")
    text = resp.get_data(as_text=True)
    _assert_private(text)
    body = resp.get_json()
    assert [r["service_request_id"] for r in body] == ["NMK6811-0001"]
    assert body[0]["description"] == SHARED_TEXT  # the citizen's text only, nothing appended
    for url in ("/open311/v2/requests/NMK6811-0001.json",
                f"/open311/v2/requests.json?service_request_id=NMK6811-0001,{SECRET_TICKET}",
                "/open311/v2/requests.json?status=open", "/open311/v2/services.json"):
        _assert_private(client.get(url).get_data(as_text=True))


def test_corruption_ticket_answers_like_an_unknown_ticket(client, private_data) -> None:
    secret = client.get(f"/open311/v2/requests/{SECRET_TICKET}.json")
    unknown = client.get("/open311/v2/requests/NMKC6811-0999.json")
    assert secret.status_code == unknown.status_code == 404
    assert secret.get_data() == unknown.get_data()
    assert secret.mimetype == unknown.mimetype == "application/json"
    assert_error(secret.get_json(), 404)
    assert tickets(client, f"?service_request_id={SECRET_TICKET}") == []


def test_corruption_table_is_never_queried(client, private_data) -> None:
    statements: list[str] = []

    def record(conn, cursor, statement, *args) -> None:
        statements.append(statement)

    event.listen(private_data, "before_cursor_execute", record)
    try:
        for url in ("/open311/v2/services.json", "/open311/v2/requests.json",
                    f"/open311/v2/requests/{SECRET_TICKET}.json", "/open311/v2/requests/NMK6811-0001.json",
                    f"/open311/v2/requests.json?service_request_id={SECRET_TICKET}"):
            client.get(url)
    finally:
        event.remove(private_data, "before_cursor_execute", record)
    assert any("complaint" in s for s in statements)
    assert not [s for s in statements if "corruption" in s.lower()]


# --- one request --------------------------------------------------------------------------------
def test_single_request_fields(client, engine) -> None:
    add_case(engine, "NMK6811-0007", status=CaseStatus.IN_PROGRESS, description="ท่อตัน <b>&\"น้ำขัง\"",
             landmark="หน้าโรงเรียน", location_title="ร้านป้าแดง", latitude=16.71, longitude=103.52)
    body = get_json(client, "/open311/v2/requests/nmk6811-0007.json")  # case-insensitive id
    assert len(body) == 1
    r = body[0]
    cat_id, _, cat_name = _categories(engine)[0]
    assert r["service_request_id"] == "NMK6811-0007"
    assert r["status"] == "open" and r["status_notes"]
    assert r["service_code"] == str(cat_id) and r["service_name"] == cat_name
    assert r["description"] == "ท่อตัน <b>&\"น้ำขัง\""  # returned as is: escaping is the consumer's job
    assert r["agency_responsible"]
    assert r["address"] == "หน้าโรงเรียน"  # landmark when there is no address
    assert (r["lat"], r["long"]) == (16.71, 103.52)
    assert "media_url" not in r
    for key in ("requested_datetime", "updated_datetime", "expected_datetime"):
        assert datetime.fromisoformat(r[key]).tzinfo is not None
    requested = datetime.fromisoformat(r["requested_datetime"])
    assert datetime.fromisoformat(r["expected_datetime"]) - requested == timedelta(days=15)
    assert abs(utcnow() - timedelta(hours=1) - requested) < timedelta(minutes=1)


def test_address_prefers_the_address_then_landmark_then_title(client, engine) -> None:
    add_case(engine, "NMK6811-0001", location_address="12 ม.3 ต.นามะเขือ", landmark="วัด", location_title="ร้าน")
    add_case(engine, "NMK6811-0002", location_title="ร้านป้าแดง")
    add_case(engine, "NMK6811-0003", due_at=None)
    add_case(engine, "NMK6811-0004", location_address="12 ม.3", landmark="หน้าวัด", location_title="ร้าน")
    by_id = {r["service_request_id"]: r for r in get_json(client, "/open311/v2/requests.json")}
    # Only the general part of a shared spot's address: the house number and หมู่ name a home.
    assert by_id["NMK6811-0001"]["address"] == "ต.นามะเขือ"
    assert by_id["NMK6811-0004"]["address"] == "หน้าวัด"
    assert by_id["NMK6811-0002"]["address"] == "ร้านป้าแดง"
    assert by_id["NMK6811-0003"]["address"] is None
    assert by_id["NMK6811-0003"]["expected_datetime"] is None
    assert by_id["NMK6811-0003"]["lat"] is None


def test_unknown_ticket_and_xml_are_404(client, engine) -> None:
    add_case(engine, "NMK6811-0001")
    assert_error(get_json(client, "/open311/v2/requests/NMK6811-0404.json", 404), 404)
    assert client.get("/open311/v2/requests/NMK6811-0001.xml").status_code == 404
    assert client.get("/open311/v2/requests.xml").status_code == 404


# --- filters ------------------------------------------------------------------------------------
def test_status_open_and_closed(client, engine) -> None:
    for n, status in enumerate(CaseStatus, start=1):
        add_case(engine, f"NMK6811-{n:04d}", status=status, age=timedelta(hours=n))
    body = get_json(client, "/open311/v2/requests.json")
    states = {r["service_request_id"]: r["status"] for r in body}
    assert states == {"NMK6811-0001": "open", "NMK6811-0002": "open", "NMK6811-0003": "closed",
                      "NMK6811-0004": "closed", "NMK6811-0005": "closed", "NMK6811-0006": "closed"}
    assert tickets(client, "?status=open") == ["NMK6811-0001", "NMK6811-0002"]
    assert "NMK6811-0006" in tickets(client, "?status=closed")  # cancelled is still listed, as closed
    assert len(tickets(client, "?status=closed")) == 4
    assert len(tickets(client, "?status=open,closed")) == 6


def test_service_code_and_ids(client, engine) -> None:
    add_case(engine, "NMK6811-0001", category=0)
    add_case(engine, "NMK6811-0002", category=1, age=timedelta(hours=2))
    add_case(engine, "NMK6811-0003", category=2, age=timedelta(hours=3))
    add_case(engine, "NMK6711-0001", category=2, age=timedelta(days=400))  # outside the default window
    codes = [str(c[0]) for c in _categories(engine)]
    assert tickets(client, f"?service_code={codes[1]}") == ["NMK6811-0002"]
    assert tickets(client, f"?service_code={codes[0]},{codes[2]}") == ["NMK6811-0001", "NMK6811-0003"]
    # service_request_id overrides every other argument, the date window included.
    assert tickets(client, f"?service_request_id=NMK6811-0003,NMK6711-0001&service_code={codes[0]}"
                           "&jurisdiction_id=x") == ["NMK6811-0003", "NMK6711-0001"]


def test_default_window_is_the_last_90_days(client, engine) -> None:
    add_case(engine, "NMK6811-0001", age=timedelta(days=1))
    add_case(engine, "NMK6808-0001", age=timedelta(days=89))
    add_case(engine, "NMK6807-0001", age=timedelta(days=100))
    assert tickets(client) == ["NMK6811-0001", "NMK6808-0001"]
    start = (utcnow() - timedelta(days=120)).isoformat()
    assert tickets(client, f"?start_date={start.replace('+', '%2B')}") == [
        "NMK6811-0001", "NMK6808-0001", "NMK6807-0001"]
    end = (utcnow() - timedelta(days=50)).isoformat().replace("+00:00", "Z")
    # Only an end: the 90 days before it.
    assert tickets(client, f"?end_date={end}") == ["NMK6808-0001", "NMK6807-0001"]


def test_date_range_with_offsets_and_bare_dates(client, engine) -> None:
    base = datetime(2025, 11, 10, 3, 0, tzinfo=utcnow().tzinfo)  # 10:00 in Bangkok
    for n, day in enumerate((1, 5, 9), start=1):
        created = base - timedelta(days=10 - day)
        add_case(engine, f"NMK6811-{n:04d}", created_at=created, updated_at=created)
    assert tickets(client, "?start_date=2025-11-04&end_date=2025-11-09") == ["NMK6811-0003", "NMK6811-0002"]
    # 10:00 Bangkok is 03:00 UTC: an offset in the parameter is honoured.
    assert tickets(client, "?start_date=2025-11-09T10:30:00%2B07:00&end_date=2025-11-10") == []
    assert tickets(client, "?start_date=2025-11-09T02:30:00Z&end_date=2025-11-09T03:30:00Z") == ["NMK6811-0003"]
    # An unencoded "+" arrives as a space.
    assert tickets(client, "?start_date=2025-11-09T09:30:00+07:00&end_date=2025-11-09T10:30:00+07:00") == [
        "NMK6811-0003"]


@pytest.mark.parametrize("query", [
    "start_date=yesterday", "end_date=2025-13-01", "start_date=2025-11-10&end_date=2025-11-01",
    "status=pending", "status=open,done", "service_code=roads", "page=0", "page=x", "page_size=-1",
])
def test_bad_parameters_are_400_with_an_error_array(client, engine, query: str) -> None:
    assert_error(get_json(client, f"/open311/v2/requests.json?{query}", 400), 400)


# --- paging -------------------------------------------------------------------------------------
def test_paging_newest_first(client, engine) -> None:
    for n in range(1, 6):
        add_case(engine, f"NMK6811-{n:04d}", age=timedelta(hours=n))
    pages = []
    for page in (1, 2, 3, 4):
        resp = client.get(f"/open311/v2/requests.json?page_size=2&page={page}")
        pages.append([r["service_request_id"] for r in resp.get_json()])
        assert ("rel=\"next\"" in resp.headers.get("Link", "")) == (page < 3)
    assert pages == [["NMK6811-0001", "NMK6811-0002"], ["NMK6811-0003", "NMK6811-0004"], ["NMK6811-0005"], []]
    link = client.get("/open311/v2/requests.json?page_size=2&status=open").headers["Link"]
    assert "page=2" in link and "status=open" in link


def test_page_size_defaults_to_50_and_is_capped_at_200(client, engine) -> None:
    now = utcnow()
    cat_id, division_id, _ = _categories(engine)[0]
    with session_scope(engine) as s:
        for n in range(1, 206):
            created = now - timedelta(minutes=n)
            s.add(Case(ticket=f"NMK6811-{n:04d}", category_id=cat_id, division_id=division_id,
                       description="x", created_at=created, updated_at=created))
    assert len(tickets(client)) == 50
    assert len(tickets(client, "?page_size=1000")) == 200
    assert tickets(client, "?page_size=200&page=2") == [f"NMK6811-{n:04d}" for n in range(201, 206)]


def test_public_output_masks_phones_and_blurs_the_exact_spot(client, engine):
    from models.complaint import Case
    from models.db import session_scope, utcnow
    from models.masking import mask_text

    with session_scope(engine) as s:
        s.add(Case(ticket="NMK6911-0901", description="ท่อแตกหน้าบ้าน โทร 081-234-5678 หรือ 0812345678 ค่ะ",
                   latitude=16.575712, longitude=103.495543, created_at=utcnow(), updated_at=utcnow()))
    (item,) = client.get("/open311/v2/requests/NMK6911-0901.json").get_json()
    assert "5678" not in item["description"] and "ท่อแตกหน้าบ้าน" in item["description"]
    assert (item["lat"], item["long"]) == (16.576, 103.496)
    # A house number in the description is where the problem is (tests/test_no_personal_data.py).
    assert mask_text("+66 81 234 5678 และบ้านเลขที่ 123/4 หมู่ 5") == "xxx-xxx-xxxx และบ้านเลขที่ 123/4 หมู่ 5"


def test_after_photos_as_media_url_only_when_the_setting_allows(client, app, engine) -> None:
    """A resolved case's first after-photo, at its signed public address; off by default (faces)."""
    from models.enums import MediaStatus
    from models.media import Media

    add_case(engine, "NMK6811-0031", status=CaseStatus.RESOLVED)
    add_case(engine, "NMK6811-0032", status=CaseStatus.IN_PROGRESS)
    with session_scope(engine) as s:
        for n, (ticket, purpose) in enumerate((("NMK6811-0031", "after"), ("NMK6811-0031", "after"),
                                               ("NMK6811-0032", "after"), ("NMK6811-0031", "complaint"))):
            case_id = s.exec(select(Case.id).where(Case.ticket == ticket)).scalars().one()
            s.add(Media(purpose=purpose, chat_key="staff:officer1", line_message_id=f"upload:{n}", case_id=case_id,
                        status=MediaStatus.STORED, path="after/x.jpg"))
    assert all("media_url" not in r for r in get_json(client, "/open311/v2/requests.json"))
    app.extensions["settings"].__dict__["open311_after_photos"] = True
    by_ticket = {r["service_request_id"]: r for r in get_json(client, "/open311/v2/requests.json")}
    with session_scope(engine) as s:
        first = min(s.exec(select(Media.id).where(Media.purpose == "after")).scalars().all())
    from bot.runtime.after_photos import photo_url

    assert by_ticket["NMK6811-0031"]["media_url"] == photo_url(app.extensions["settings"].public_url,
                                                               app.config["SECRET_KEY"], first)
    assert "media_url" not in by_ticket["NMK6811-0032"]  # not resolved: no "after" yet
    [one] = get_json(client, "/open311/v2/requests/NMK6811-0031.json")
    assert one["media_url"] == by_ticket["NMK6811-0031"]["media_url"]
