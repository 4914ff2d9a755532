"""One pager (admin/_pager.html) on every list: first, previous and next where they lead somewhere,
the same markup and words everywhere, and the list's own filter kept in every link."""
from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

import bot.admin

TEMPLATES = Path(bot.admin.__file__).parent / "templates" / "admin"


def links(page: str) -> dict[str, str]:
    nav = page.split('<nav class="pager no-print"')[1].split("</nav>")[0]
    return {rel: html.unescape(href) for href, rel in re.findall(r'href="([^"]+)" rel="(\w+)"', nav)}


def test_no_list_draws_its_own_pager() -> None:
    for path in TEMPLATES.glob("*.html"):
        if path.name == "_pager.html":
            continue
        text = path.read_text()
        for markup in ('rel="next"', 'rel="prev"', "page + 1", "adm-pager", 'class="pager'):
            assert markup not in text, (path.name, markup)


@pytest.mark.parametrize(("role", "url", "first", "prev"), [
    ("admin", "/admin/audit?action=login&page=3", "/admin/audit?action=login", "/admin/audit?page=2&action=login"),
    ("admin", "/admin/inquiries?show=answered&page=3", "/admin/inquiries?show=answered",
     "/admin/inquiries?page=2&show=answered"),
    ("admin", "/admin/suggestions?status=done&page=3", "/admin/suggestions?status=done",
     "/admin/suggestions?page=2&status=done"),
    ("integrity", "/admin/corruption?status=open&page=3", "/admin/corruption?status=open",
     "/admin/corruption?page=2&status=open"),
])
def test_numbered_lists_go_back_to_the_first_and_the_previous_page(as_role, role, url, first, prev) -> None:
    page = as_role(role).get(url).get_data(as_text=True)
    assert links(page) == {"first": first, "prev": prev}  # nothing after an empty third page
    assert "หน้า 3" in page and "« หน้าแรก" in page and "‹ หน้าก่อน" in page


def test_the_second_page_has_no_separate_first_link(as_role) -> None:
    page = as_role("admin").get("/admin/audit?page=2").get_data(as_text=True)
    assert links(page) == {"prev": "/admin/audit?page=1"}


def test_the_queue_uses_the_same_pager(app, engine, as_role) -> None:
    from tests.admin.cases import make_case

    app.config["QUEUE_PAGE_SIZE"] = 1
    for text in ("ถนนพัง", "ไฟดับ", "น้ำไม่ไหล"):
        make_case(engine, text)
    admin = as_role("admin")
    first_page = admin.get("/admin/cases").get_data(as_text=True)
    second = admin.get(links(first_page)["next"]).get_data(as_text=True)
    third = admin.get(links(second)["next"]).get_data(as_text=True)
    assert set(links(third)) == {"first", "prev"} and links(third)["first"] == "/admin/cases"
    assert "หน้าถัดไป ›" in second and "‹ หน้าก่อน" in second
