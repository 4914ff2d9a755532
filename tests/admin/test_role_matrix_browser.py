"""The role matrix again, in Chromium: each role logs in through the real form and opens every page."""
from __future__ import annotations

import pytest

from tests.admin.conftest import PASSWORD
from tests.admin.test_role_matrix import EXPECTED, USERS, url_for_rule, world  # noqa: F401  (fixture)


@pytest.mark.browser
def test_every_page_in_a_browser_for_every_role(browser, live_app, world):  # noqa: ANN001, F811
    pages = sorted(rule for (method, rule) in EXPECTED if method == "GET")
    wrong = []
    for role, username in sorted(USERS.items()):
        context = browser.new_context()
        page = context.new_page()
        page.goto(live_app.base_url + "/admin/login")
        page.fill('input[name="username"]', username)
        page.fill('input[name="password"]', PASSWORD)
        page.click('button[type="submit"]')
        page.wait_for_url("**/admin/")
        for rule in pages:
            resp = page.goto(live_app.base_url + url_for_rule(rule, world))
            allowed = role in EXPECTED[("GET", rule)]
            if (resp.status == 200) != allowed or (not allowed and resp.status not in (403, 404)):
                wrong.append(f"{role} {rule} -> {resp.status}")
        context.close()
    anonymous = browser.new_context().new_page()
    for rule in pages:
        anonymous.goto(live_app.base_url + url_for_rule(rule, world))
        if "/admin/login" not in anonymous.url:
            wrong.append(f"logged out {rule} -> {anonymous.url}")
    assert not wrong, "\n".join(wrong)
