"""Dates far outside anything the service can hold (year 1, year 9999, an offset that pushes 9999-12-31
past the last representable instant) are refused with 400 and a clear message, never a 500.

Found by the security review: Open311 and /admin/audit converted such a date to UTC or added a day to
it and crashed (OverflowError), answering an HTML 500 to an API client."""
from __future__ import annotations

import pytest

from tests.admin.conftest import login, make_staff
from tests.open311_cases import add_case, assert_error

FAR_DATES = {
    "start_date=0001-01-01": "start_date",
    "end_date=9999-12-31T23:59:59-12:00": "end_date",
    "end_date=9999-12-31": "end_date",
    "start_date=0001-01-01T00:00:00%2B14:00": "start_date",
    "start_date=9999-12-31&end_date=9999-12-31": "start_date",
    "end_date=0001-01-01": "end_date",
}


@pytest.mark.parametrize("query", list(FAR_DATES))
def test_open311_far_dates_answer_400_json(client, engine, query: str) -> None:
    add_case(engine, "NMK6911-0001")
    resp = client.get(f"/open311/v2/requests.json?{query}")
    assert resp.status_code == 400, resp.get_data(as_text=True)
    assert resp.mimetype == "application/json"
    body = resp.get_json()
    assert_error(body, 400)
    # The description names the parameter and the dates that are accepted.
    assert FAR_DATES[query] in body[0]["description"] and "1957-01-01" in body[0]["description"]


def test_open311_dates_inside_the_range_still_work(client, engine) -> None:
    add_case(engine, "NMK6911-0001")
    resp = client.get("/open311/v2/requests.json?start_date=2000-01-01&end_date=2150-12-31T23:59:59-12:00")
    assert resp.status_code == 200 and [r["service_request_id"] for r in resp.get_json()] == ["NMK6911-0001"]


@pytest.mark.parametrize("query", ["date_to=9999-12-31", "date_from=0001-01-01", "date_from=9999-12-31",
                                   "date_to=0001-01-01&date_from=0001-01-01"])
def test_audit_far_dates_answer_400_with_a_thai_page(client, engine, query: str) -> None:
    from messages_th.admin import t

    make_staff(engine, "auditadmin", "admin")
    login(client, "auditadmin")
    resp = client.get(f"/admin/audit?{query}")
    assert resp.status_code == 400
    assert resp.mimetype == "text/html"
    assert t("error.date_range.title") in resp.get_data(as_text=True)


def test_audit_ordinary_dates_still_filter(client, engine) -> None:
    make_staff(engine, "auditadmin", "admin")
    login(client, "auditadmin")
    assert client.get("/admin/audit?date_from=2025-10-01&date_to=2026-09-30").status_code == 200


@pytest.mark.parametrize("query", ["from=9999-12-31", "to=0001-01-01", "from=1800-01-01", "to=9999-12-31"])
def test_queue_far_dates_are_refused_on_the_page(client, engine, query: str) -> None:
    """The queue names a bad date filter on the page and lists without it (tests/admin/test_cases_queue.py);
    its bound is the same as everywhere else (models/date_bounds.py)."""
    from messages_th.admin_cases import ct

    make_staff(engine, "queueadmin", "admin")
    login(client, "queueadmin")
    resp = client.get(f"/admin/cases?{query}")
    assert resp.status_code == 200 and ct("queue.bad_date") in resp.get_data(as_text=True)


@pytest.mark.parametrize("query", ["from=2025-10-01&to=2026-09-30", "from=2568-10-01&to=2569-09-30"])
def test_queue_ordinary_dates_still_filter(client, engine, query: str) -> None:
    make_staff(engine, "queueadmin", "admin")
    login(client, "queueadmin")
    assert client.get(f"/admin/cases?{query}").status_code == 200


def test_the_range_is_the_buddhist_era_years_periods_accept() -> None:
    from datetime import date, datetime, timedelta, timezone

    from models import date_bounds

    assert date_bounds.in_range(date(1957, 1, 1)) and date_bounds.in_range(date(2157, 12, 31))
    assert not date_bounds.in_range(date(1956, 12, 31)) and not date_bounds.in_range(date(2158, 1, 1))
    # The offset is not applied to decide: applying it is what overflows at the calendar's ends.
    assert not date_bounds.in_range(datetime(9999, 12, 31, 23, 59, tzinfo=timezone(timedelta(hours=-12))))
    with pytest.raises(date_bounds.DateOutOfRange, match="end_date"):
        date_bounds.check("end_date", date(9999, 12, 31))


@pytest.mark.parametrize("period", ["fy:9999", "fy:2500", "half:2500-H1", "quarter:2500-Q1", "month:2500-01",
                                    "month:1-01", "fy:2026"])
def test_ita_period_out_of_range_is_a_thai_400(client, engine, period: str) -> None:
    """2500 is the first year a period may name, but the page compares with the period before it,
    which a bare PeriodError used to turn into a 500."""
    make_staff(engine, "itaadmin", "admin")
    login(client, "itaadmin")
    resp = client.get(f"/admin/ita?period={period}")
    assert resp.status_code == 400
    assert "ปี พ.ศ." in resp.get_data(as_text=True)


def test_ita_period_cli_refuses_a_period_without_one_before(app, tmp_path) -> None:
    result = app.test_cli_runner().invoke(args=["ita", "export", "--month", "2500-01", "--out", str(tmp_path)])
    assert result.exit_code != 0 and "2499" in result.output and "Traceback" not in result.output
