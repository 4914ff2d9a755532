"""Every route of the app × every role × logged out, against an explicit table of who may do what.

The routes are read from app.url_map, so a route added without a line in EXPECTED or PUBLIC fails
here with a message saying so. Roles: admin, officer (กองช่าง), officer-other (an officer of another
division: the case of กองช่าง is 404 to them, as if it did not exist), executive, integrity,
admin+integrity. Logged out, every staff route redirects to the login page.
"""
from __future__ import annotations

import re

import pytest

from tests.security.conftest import ROLES, url_for_rule
from tests.security.routes import EXPECTED, HIDDEN

# Served without a staff login: the login itself, static files, LINE's webhook (signed by LINE),
# the health check, the public Open311 API, and after-photos at their signed addresses (LINE fetches
# pushed images without a login; a wrong signature is 404: tests/admin/test_case_result.py).
PUBLIC = {("GET", "/photos/after/<int:media_id>/<sig>.jpg"), ("GET", "/photos/after/<int:media_id>/<sig>/preview.jpg"),
          ("GET", "/admin/login"), ("POST", "/admin/login"), ("POST", "/admin/logout"),
          ("GET", "/admin/static/<path:filename>"), ("GET", "/static/<path:filename>"), ("POST", "/callback"),
          ("GET", "/healthz"), ("GET", "/open311/v2/services.json"), ("GET", "/open311/v2/requests.json"),
          ("GET", "/open311/v2/requests/<ticket>.json"),
          ("GET", "/fonts/sarabun.css"), ("GET", "/fonts/sarabun-<int:weight>.ttf")}
DEV_ONLY = "/dev/"  # the chat simulator and fake LINE API: never in production (test_production_mode.py)


def routes(app) -> set[tuple[str, str]]:
    return {(m, r.rule) for r in app.url_map.iter_rules() for m in r.methods - {"HEAD", "OPTIONS"}}


def test_every_route_is_in_the_table(app):
    unlisted = sorted(r for r in routes(app) - set(EXPECTED) - PUBLIC if not r[1].startswith(DEV_ONLY))
    assert not unlisted, ("routes without an expected role in tests/security/test_route_matrix.py; add each "
                          "to EXPECTED (who may use it) or PUBLIC (no login):\n"
                          + "\n".join(f"    {r}" for r in unlisted))
    gone = sorted((set(EXPECTED) | PUBLIC) - routes(app))
    assert not gone, f"the table lists routes the app no longer has: {gone}"


def _verdict(role: str, method: str, rule: str, resp) -> str | None:
    """None when the answer is as designed, else what was wrong."""
    code = resp.status_code
    if role == "logged out":
        ok = code == 302 and resp.headers.get("Location", "").startswith("/admin/login")
    elif role == "officer-other" and (method, rule) in HIDDEN:
        ok = code == 404
    elif role in EXPECTED[(method, rule)]:
        # 400: the empty form, refused after the check. A link code is shown in the POST's own answer
        # (a redirect would carry it in the readable session cookie): 200 is its design.
        posted = (302, 400, 200) if rule == "/admin/me/line-code" else (302, 400)
        ok = code == 200 if method == "GET" else code in posted
    else:
        ok = code == 403
    return None if ok else f"{role:16} {method:4} {rule} -> {code}"


@pytest.mark.parametrize("role", ROLES + ("logged out",))
def test_role_matrix(app, world, as_role, role):
    client, token = as_role(role)
    wrong = []
    for method, rule in sorted(EXPECTED):
        url = url_for_rule(rule, world)
        resp = client.get(url) if method == "GET" else client.post(url, data={"csrf_token": token})
        if problem := _verdict(role, method, rule, resp):
            wrong.append(problem)
        if role != "logged out":
            assert resp.status_code != 302 or "/admin/login" not in resp.headers.get("Location", ""), \
                f"{role} was logged out by {method} {url}"
    assert not wrong, "answers not as designed:\n" + "\n".join(wrong)


def test_public_routes_need_no_login_and_show_no_staff_data(app, world):
    client = app.test_client()
    for method, rule in sorted(PUBLIC):
        url = url_for_rule(rule, world)
        resp = client.get(url) if method == "GET" else client.post(url)
        assert resp.status_code < 500 and "/admin/login" not in resp.headers.get("Location", ""), url
        body = resp.get_data().decode("utf-8", "replace")  # a font is binary
        for private in ("U" + "1" * 32, world["ticket_c"], "เรียกเงินใต้โต๊ะ"):
            assert private not in body, f"{url} shows {private!r} without a login"


def test_ids_too_large_for_the_database_are_404_on_every_route(app, world, as_role):
    """Found by the photo test: <int:…> takes any size, and a 64-bit id made the database fail (500)."""
    client, token = as_role("admin+integrity")
    wrong = []
    for method, rule in sorted(EXPECTED):
        if "<int:" not in rule:
            continue
        for huge in (2**31, 2**63, 10**30):
            url = url_for_rule(re.sub(r"<int:[a-z_]+>", str(huge), rule), world)
            resp = client.get(url) if method == "GET" else client.post(url, data={"csrf_token": token})
            if resp.status_code != 404:
                wrong.append(f"{method} {url} -> {resp.status_code}")
    assert not wrong, "\n".join(wrong)


def test_the_menu_and_the_guards_give_a_page_to_the_roles_expected(app):
    """The menu (bot/admin NAV) and the pages' guards read one table, bot/admin/permissions.py;
    EXPECTED is written apart from it, so an entry of that table that disagrees fails here."""
    from bot.admin import NAV
    from bot.admin.permissions import PERMISSIONS

    rules = {r.endpoint: r.rule for r in app.url_map.iter_rules() if "GET" in r.methods}
    single = {"admin", "officer", "executive", "integrity"}  # EXPECTED's one-role accounts
    pages = [(endpoint, action) for endpoint, _, action in NAV] + [("admin.dashboard", "dashboard")]
    assert len(pages) >= 12
    for endpoint, action in pages:
        expected = {role for role in EXPECTED[("GET", rules[endpoint])] if role in single}
        assert {r.value for r in PERMISSIONS[action]} == expected, endpoint
