"""SQL injection: the search and every filter of every list page (and of the public Open311 API)
take the classic attacks as plain values: never an error, never a row more than the same filter
with a harmless wrong value shows, no table touched, no time spent sleeping in the database."""
from __future__ import annotations

import re
import time

import pytest

from tests.security.conftest import url_for_rule
from tests.security.routes import EXPECTED, fingerprint

ATTACKS = ["' OR '1'='1", '" OR ""="', "1; DROP TABLE complaint; --", "%", "\\", "NMK0000-0000' OR 'x'='x",
           "' UNION SELECT username, password_hash FROM staff --", "'; SELECT pg_sleep(3); --",
           "99999999999999999999", "qq\x00' OR '1'='1"]  # NUL: PostgreSQL text cannot hold it
HARMLESS = "zzqqzz"
# Query arguments tried on every list page, besides those its own GET forms and links use.
ARGS = ["q", "status", "page"]
OPEN311 = ["service_request_id", "service_code", "start_date", "end_date", "status", "page", "page_size",
           "jurisdiction_id"]
# A row is a link to its own page, or an Open311 request (text echoed into the search box is not).
ROWS = re.compile(r'href="(/admin/(?:cases|corruption|inquiries|suggestions|faq|staff)/[^"?/]+)"'
                  r'|"service_request_id": ?"([^"]+)"')


def rows(body: str) -> set[str]:
    return {"".join(m) for m in ROWS.findall(body)}


def page_args(url: str, html: str) -> set[str]:
    """The query arguments a page's own GET forms send and its own links carry (filters, paging)."""
    out = set()
    for form in re.findall(r"<form(?![^>]*method=\"post\")[^>]*>(.*?)</form>", html, re.S | re.I):
        out |= set(re.findall(r'name="([^"]+)"', form))
    for query in re.findall(r'href="' + re.escape(url) + r'\?([^"#]+)"', html):
        out |= {part.split("=", 1)[0] for part in query.replace("&amp;", "&").split("&")}
    return out - {"csrf_token", ""}


def _get(client, url: str, args: dict) -> tuple[int, str, float]:
    started = time.monotonic()
    resp = client.get(url, query_string=args)
    return resp.status_code, resp.get_data(as_text=True), time.monotonic() - started


@pytest.mark.parametrize("role", ["admin+integrity", "officer"])
def test_every_filter_takes_injection_as_a_plain_value(app, world, as_role, engine, role):
    client, _ = as_role(role)
    pages = sorted(url_for_rule(rule, world) for method, rule in EXPECTED
                   if method == "GET" and "<" not in rule and rule != "/admin/faq/new")
    if role == "officer":  # an officer's queue is a query of its own (scoped to the division)
        pages = ["/admin/cases", "/admin/inquiries", "/admin/suggestions"]
    before = fingerprint(engine)
    wrong = []
    for url in pages + ["/open311/v2/requests.json"]:
        status, html, _ = _get(client, url, {})
        if status != 200:
            continue  # not this role's page
        names = sorted((set(OPEN311) if "open311" in url else set(ARGS)) | page_args(url, html))
        for name in names:
            base_status, base, _ = _get(client, url, {name: HARMLESS})
            for attack in ATTACKS:
                code, body, took = _get(client, url, {name: attack})
                extra = rows(body) - rows(base) if base_status == code == 200 else set()
                if code >= 500 or extra or took > 2.5:
                    wrong.append(f"{url}?{name}={attack!r}: {code}, {took:.1f} s, extra rows {sorted(extra)[:3]}")
    assert not wrong, "\n".join(wrong)
    assert fingerprint(engine) == before  # views are logged on detail pages only; lists change nothing


def test_search_with_injection_finds_nothing_it_should_not(app, world, as_role):
    client, _ = as_role("admin+integrity")
    assert f'href="/admin/cases/{world["ticket"]}"' in client.get("/admin/cases").get_data(as_text=True)  # findable
    for attack in ATTACKS:
        body = client.get("/admin/cases", query_string={"q": attack}).get_data(as_text=True)
        assert f'href="/admin/cases/{world["ticket"]}"' not in body, attack


def test_a_ticket_in_the_url_is_a_value_not_sql(app, world, as_role):
    client, _ = as_role("admin+integrity")
    for attack in ATTACKS:
        for url in (f"/admin/cases/{attack}", f"/admin/corruption/{attack}", f"/open311/v2/requests/{attack}.json"):
            resp = client.get(url.replace("\\", "%5C"))
            assert resp.status_code in (404, 400, 308, 301), (url, resp.status_code)
