"""The role matrix again, in Chromium: each role logs in through the real form and opens every page."""
from __future__ import annotations

import pytest

from tests.admin.conftest import PASSWORD
from tests.security.conftest import ACCOUNTS, url_for_rule, world  # noqa: F401  (fixture)
from tests.security.routes import EXPECTED, HIDDEN


@pytest.mark.browser
def test_every_page_in_a_browser_for_every_role(browser, live_app, world):
    pages = sorted(rule for (method, rule) in EXPECTED if method == "GET" and rule.startswith("/admin"))
    wrong = []
    for role, (username, _, _) in sorted(ACCOUNTS.items()):
        context = browser.new_context()
        page = context.new_page()
        page.goto(live_app.base_url + "/admin/login")
        page.fill('input[name="username"]', username)
        page.fill('input[name="password"]', PASSWORD)
        page.click('button[type="submit"]')
        page.wait_for_url("**/admin/")
        for rule in pages:
            resp = page.goto(live_app.base_url + url_for_rule(rule, world))
            # An officer of another division is told a case of กองช่าง does not exist (404).
            allowed = role in EXPECTED[("GET", rule)] and not (role == "officer-other" and ("GET", rule) in HIDDEN)
            if (resp.status == 200) != allowed or (not allowed and resp.status not in (403, 404)):
                wrong.append(f"{role} {rule} -> {resp.status}")
        context.close()
    anonymous = browser.new_context().new_page()
    for rule in pages:
        anonymous.goto(live_app.base_url + url_for_rule(rule, world))
        if "/admin/login" not in anonymous.url:
            wrong.append(f"logged out {rule} -> {anonymous.url}")
    assert not wrong, "\n".join(wrong)
