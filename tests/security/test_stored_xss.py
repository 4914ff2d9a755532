"""Stored XSS: markup a citizen (or a LINE display name) carries in is shown as text on every admin
page, never run. The complaint and the corruption report go through the real webhook and worker;
the inquiry and suggestion rows are written as their chat flows store them."""
from __future__ import annotations

import re

from sqlalchemy import select

from models.complaint import Case
from models.corruption import CorruptionReport
from models.db import read_scope
from tests.admin.feedback_rows import make_inquiry, make_suggestion
from tests.citizen import Citizen
from tests.security.conftest import url_for_rule
from tests.security.routes import EXPECTED


def payload(n: int) -> str:
    """Markup that would run in each HTML context it could land in: text, attribute, URL."""
    return f"""ไฟดับ<script>xss{n}()</script>"><img src=x onerror=xss{n}()>'><svg onload=xss{n}()>javascript:xss{n}()"""


RAW = re.compile(r"<script>xss\d+|<img src=x onerror|<svg onload|href=\"?javascript:", re.I)


def file_complaint(c: Citizen, text: str, title: str, address: str) -> None:
    c.say(text)
    # The markup starts with "ไฟดับ" beside a road: the bot may be sure of a category or offer a few.
    c.tap("ใช่ หมวดนี้" if "ใช่ หมวดนี้" in c.labels() else "ถนน/ทางเท้า")
    c.postback("cx:next")  # no photo
    c.location(13.75, 100.5, title, address)
    c.postback("cx:line")  # "use my LINE name": the display name becomes the reporter name
    c.postback("cx:ok")


def file_report(c: Citizen, accused: str, what: str) -> None:
    c.postback("menu:corruption")
    c.say(accused)
    c.say(what)
    if "ข้าม" in c.labels():
        c.tap("ข้าม")
    c.postback("cr:next")
    c.postback("cr:anon")
    c.postback("cr:ok")


def test_citizen_markup_is_escaped_on_every_admin_page(app, client, worker, fake_line, engine, world, as_role):
    user = "U" + "e" * 32
    fake_line.store.set_profile(user, display_name=payload(1))
    c = Citizen(client, worker, fake_line, user_id=user)
    c.follow()  # learns the display name
    file_complaint(c, payload(2) + " ถนนหน้าวัดเป็นหลุมลึก รถล้มบ่อย", payload(3)[:190], payload(4))
    file_report(Citizen(client, worker, fake_line, user_id="U" + "9" * 32), payload(5), payload(6))
    inquiry = make_inquiry(engine, question=payload(7))
    suggestion, _ = make_suggestion(engine, text=payload(8))
    with read_scope(engine) as s:
        case = s.exec(select(Case).where(Case.reporter_line_id == user)).scalars().one()
        report = s.exec(select(CorruptionReport)).scalars().all()[-1]
    assert "xss1" in case.reporter_name and "xss3" in case.location_title, "the payload did not get stored"
    assert "xss5" in report.accused + report.description

    admin, token = as_role("admin+integrity")
    admin.post(f"/admin/cases/{case.ticket}/note", data={"csrf_token": token, "note": payload(9)})
    mine = dict(world, ticket=case.ticket, ticket_c=report.ticket, inquiry_id=inquiry, suggestion_id=suggestion)
    pages = sorted({url_for_rule(rule, mine) for method, rule in EXPECTED if method == "GET"}
                   | {"/admin/cases?q=xss", "/admin/audit", f"/admin/corruption/{report.ticket}"})
    shown, wrong = set(), []
    for url in pages:
        resp = admin.get(url)
        if not resp.content_type.startswith("text/html"):
            continue
        html = resp.get_data(as_text=True)
        shown |= set(re.findall(r"xss(\d+)\(\)", html))
        if found := RAW.search(html):
            wrong.append(f"{url}: {html[max(found.start() - 80, 0):found.end() + 40]!r}")
    assert not wrong, "citizen markup rendered as markup:\n" + "\n".join(wrong)
    # Each stored field was really on some page (escaped), so the check above looked at it.
    assert {"1", "2", "3", "4", "5", "6", "7", "8", "9"} <= shown, shown


def test_open311_serves_citizen_text_as_json_not_html(client, worker, fake_line, engine):
    c = Citizen(client, worker, fake_line, user_id="U" + "7" * 32)
    file_complaint(c, payload(10) + " ถนนหน้าวัดเป็นหลุมลึก", "ซอย 1", "หมู่ 2")
    resp = client.get("/open311/v2/requests.json")
    assert resp.status_code == 200 and resp.content_type.startswith("application/json")
    assert resp.headers.get("X-Content-Type-Options", "nosniff") == "nosniff"
