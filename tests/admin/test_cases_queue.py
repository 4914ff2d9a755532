"""The queue at /admin/cases: filters, search, sorting, keyset pages, counts per status and who sees what."""
from __future__ import annotations

import re
from datetime import datetime, timedelta

from models.db import utcnow
from models.enums import CaseStatus
from tests.admin.cases import make_case
from tests.admin.pages import listed


def test_queue_needs_a_queue_role(client, as_role):
    assert client.get("/admin/cases").status_code == 302  # not logged in: the login page
    assert as_role("integrity").get("/admin/cases").status_code == 403
    page = as_role("admin").get("/admin/").get_data(as_text=True)
    assert 'href="/admin/cases"' in page  # the menu shows it


def test_officer_sees_only_own_division(engine, as_role):
    works = make_case(engine, "ถนนพัง", category="ถนน/ทางเท้า")  # กองช่าง, the officer's division
    health = make_case(engine, "ขยะล้นถัง", category="ขยะ/ความสะอาด")  # กองสาธารณสุขและสิ่งแวดล้อม
    officer = as_role("officer")
    assert listed(officer) == [works]
    # Asking for another division does not widen the scope.
    health_division = "/admin/cases?division=4"
    assert listed(officer, health_division) == [works]
    assert listed(officer, "/admin/cases?q=" + health) == []
    assert set(listed(as_role("admin"))) == {works, health}
    assert set(listed(as_role("executive"))) == {works, health}


def test_filters_status_category_division_overdue_and_dates(engine, as_role):
    now = utcnow()
    old_open = make_case(engine, "ทางเท้าแตก", created_at=now - timedelta(days=20))
    old_done = make_case(engine, "ทางเท้าแตกอีกจุด", created_at=now - timedelta(days=20), status=CaseStatus.RESOLVED)
    fresh = make_case(engine, "ไฟทางดับ", category="ไฟฟ้าสาธารณะ", created_at=now - timedelta(days=1))
    dog = make_case(engine, "สุนัขจรจัดเห่าทั้งคืน", category="สัตว์จรจัด", created_at=now - timedelta(days=2),
                    status=CaseStatus.IN_PROGRESS)
    admin = as_role("admin")
    assert listed(admin, "/admin/cases?status=in_progress") == [dog]
    assert set(listed(admin, "/admin/cases?status=all&category=1")) == {old_open, old_done}  # ถนน/ทางเท้า: the first
    assert listed(admin, "/admin/cases?category=1") == [old_open]  # by default the unfinished ones
    assert listed(admin, "/admin/cases?overdue=1") == [old_open]  # open and past the 15 days
    assert listed(admin, "/admin/cases?status=resolved") == [old_done]
    day = (now - timedelta(days=20) + timedelta(hours=7)).date().isoformat()  # a Bangkok calendar day
    assert set(listed(admin, f"/admin/cases?status=all&from={day}&to={day}")) == {old_open, old_done}
    since = (now - timedelta(days=3)).date().isoformat()
    assert set(listed(admin, f"/admin/cases?from={since}")) == {fresh, dog}
    works = listed(admin, "/admin/cases?status=all&division=3")  # กองช่าง: roads and street lights
    assert set(works) == {old_open, old_done, fresh}
    page = admin.get(f"/admin/cases?from={day}").get_data(as_text=True)
    assert "วันที่แจ้ง" in page and str(int(day[:4]) + 543) in page  # the range shown in the Buddhist era
    bad = admin.get("/admin/cases?from=31/11/2568").get_data(as_text=True)  # 23/11/2568 is a day: see test_be_dates
    assert "รูปแบบวันที่ไม่ถูกต้อง" in bad
    assert "รูปแบบวันที่ไม่ถูกต้อง" in admin.get("/admin/cases?from=0001-01-01").get_data(as_text=True)
    be_day = f"{int(day[:4]) + 543}{day[4:]}"  # the same day typed with a Buddhist-era year
    assert set(listed(admin, f"/admin/cases?status=all&from={be_day}&to={be_day}")) == {old_open, old_done}


def test_unknown_filter_values_are_ignored_not_errors(engine, as_role):
    ticket = make_case(engine, "ถนนพัง")
    admin = as_role("admin")
    for query in ("status=nonsense", "category=abc", "sort=sideways", "after=garbage", "before=1.2.3",
                  "after=99999999999999999999.1", "after=1.99999999999", "before=1.-5", "division=-1",
                  "category=99999999999", "q=" + "ก" * 500):
        assert admin.get("/admin/cases?" + query).status_code == 200, query
    assert listed(admin, "/admin/cases?status=nonsense&sort=sideways") == [ticket]


def test_sorting_newest_oldest_and_due(engine, as_role):
    now = utcnow()
    a = make_case(engine, "เรื่องแรก", created_at=now - timedelta(days=3))
    b = make_case(engine, "เรื่องสอง", created_at=now - timedelta(days=2))
    c = make_case(engine, "เรื่องสาม", created_at=now - timedelta(days=1))
    admin = as_role("admin")
    assert listed(admin) == [c, b, a]
    assert listed(admin, "/admin/cases?sort=oldest") == [a, b, c]
    assert listed(admin, "/admin/cases?sort=due") == [a, b, c]  # the soonest deadline first


def test_keyset_pages_forward_and_back(app, engine, as_role):
    app.config["QUEUE_PAGE_SIZE"] = 2
    start = utcnow() - timedelta(days=1)
    same = start + timedelta(minutes=5)  # two cases at the same instant: the id breaks the tie
    tickets = [make_case(engine, "ถนนพัง", created_at=t) for t in
               (start, start + timedelta(minutes=1), same, same, start + timedelta(minutes=9))]
    newest_first = [tickets[4], tickets[3], tickets[2], tickets[1], tickets[0]]
    admin = as_role("admin")
    seen, url, pages = [], "/admin/cases", []
    while url:
        html = admin.get(url).get_data(as_text=True)
        rows = listed(admin, url)
        pages.append((url, rows))
        seen += rows
        nxt = re.search(r'href="([^"]+)" rel="next"', html)
        url = nxt.group(1).replace("&amp;", "&") if nxt else ""
    assert seen == newest_first and [len(r) for _, r in pages] == [2, 2, 1]
    # From the last page, "previous" goes back to the second one.
    last_html = admin.get(pages[-1][0]).get_data(as_text=True)
    prev = re.search(r'href="([^"]+)" rel="prev"', last_html).group(1).replace("&amp;", "&")
    assert listed(admin, prev) == pages[1][1]
    assert 'rel="prev"' not in admin.get("/admin/cases").get_data(as_text=True)


def test_counts_per_status_follow_the_other_filters(engine, as_role):
    make_case(engine, "ถนนพัง")
    make_case(engine, "ถนนพังอีก", status=CaseStatus.IN_PROGRESS)
    make_case(engine, "ไฟดับ", category="ไฟฟ้าสาธารณะ", status=CaseStatus.IN_PROGRESS)
    make_case(engine, "ขยะ", category="ขยะ/ความสะอาด", status=CaseStatus.RESOLVED)
    admin = as_role("admin")

    def tabs(url: str) -> dict[str, str]:
        html = admin.get(url).get_data(as_text=True)
        nav = html.split('class="status-tabs"')[1].split("</nav>")[0]
        return dict(re.findall(r'>([^<>]+?) <span class="count">([^<]+)</span>', nav))

    assert tabs("/admin/cases") == {"ยังไม่เสร็จ": "3", "ทั้งหมด": "4", "รับเรื่องแล้ว": "1", "กำลังดำเนินการ": "2", "เสร็จสิ้น": "1",
                                    "ส่งต่อหน่วยงานอื่น": "0", "ไม่รับพิจารณา/ยุติเรื่อง": "0", "ยกเลิกโดยผู้แจ้ง": "0"}
    by_road = tabs("/admin/cases?category=1&status=received")
    assert by_road["ทั้งหมด"] == "2" and by_road["กำลังดำเนินการ"] == "1"
    assert tabs("/admin/cases?q=ถนน")["ทั้งหมด"] == "2"


def test_counts_stop_at_the_cap(engine, monkeypatch):
    from models import case_queries as cq
    from models.db import session_scope

    for i in range(4):
        make_case(engine, f"ถนนพัง {i}")
    with session_scope(engine) as s:
        counts = cq.status_counts(cq.QueueFilter(), session=s, now=utcnow(), cap=2)
    assert counts.by_status["received"] == 3  # cap + 1: "more than 2", without reading further


def test_rows_show_thai_dates_deadline_and_overdue_mark(engine, as_role):
    created = datetime(2025, 10, 1, 3, 0, tzinfo=utcnow().tzinfo)  # 1 ต.ค. 2568, 10.00 น. in Bangkok
    make_case(engine, "ถนนพังหน้าวัด", created_at=created)
    html = as_role("admin").get("/admin/cases").get_data(as_text=True)
    assert "1 ต.ค. 68 10.00 น." in html  # created, Buddhist era
    assert "16 ตุลาคม 2568" in html  # the 15-day deadline
    assert "เกินกำหนด" in html and "is-overdue" in html
    assert 'data-label="เลขที่"' in html  # readable as cards on a phone


def test_the_queue_opens_on_the_unfinished_cases_with_their_assignee(engine, as_role):
    """Staff open the queue to work: the "not finished" tab is the default (closed cases one tab
    away, and the filter form keeps the tab), and each row says who has the case."""
    from sqlalchemy import select

    from models.complaint import Case
    from models.db import session_scope
    from models.staff import create_staff

    now = utcnow()
    done = make_case(engine, "ถนนพังซ่อมแล้ว", created_at=now - timedelta(hours=1), status=CaseStatus.RESOLVED)
    waiting = make_case(engine, "ไฟทางดับ", category="ไฟฟ้าสาธารณะ", created_at=now - timedelta(days=3))
    taken = make_case(engine, "ท่อแตก", created_at=now - timedelta(days=2), status=CaseStatus.IN_PROGRESS)
    with session_scope(engine) as s:
        somchai = create_staff("somchai.q", "a-long-password-1", roles=["officer"], display_name="สมชาย ใจดี", session=s)
        s.flush()
        s.exec(select(Case).where(Case.ticket == taken)).scalar_one().assigned_staff_id = somchai.id  # type: ignore[call-overload]
    admin = as_role("admin")
    assert listed(admin) == [taken, waiting]
    html = admin.get("/admin/cases").get_data(as_text=True)
    nav = html.split('class="status-tabs"')[1].split("</nav>")[0]
    assert re.search(r'aria-current="page">ยังไม่เสร็จ <span class="count">2</span>', nav)
    assert 'name="status"' not in html.split('role="search"')[1].split("</form>")[0]  # a search: every case
    assert listed(admin, f"/admin/cases?q={done}") == [done]  # a finished ticket asked about is found
    assert "สมชาย ใจดี" in html and "ยังไม่มอบหมาย" in html and "ผู้รับผิดชอบ" in html
    assert listed(admin, "/admin/cases?status=all") == [done, taken, waiting]
    assert 'name="status" value="all"' in admin.get("/admin/cases?status=all").get_data(as_text=True)  # kept
