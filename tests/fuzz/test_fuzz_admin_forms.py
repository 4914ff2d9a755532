"""Fuzzing every form of the admin view (found by crawling it, so new pages are included) with what
staff might type or paste: Thai, markup, SQL, huge, empty, wrong numbers and dates, repeated
fields, fields left out. Never a 500 (the test client raises on any unhandled exception)."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict

from tests.fuzz.admin_forms import crawl
from tests.fuzz.profile import fuzz_settings
from tests.fuzz.strategies import CITIZEN_TEXT
from tests.security.conftest import _fast_password_hash, as_role, world  # noqa: F401  (fixtures)

VALUE = st.one_of(
    CITIZEN_TEXT, st.just(""), st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.sampled_from(["0", "-1", "1.5", "2568-13-45", "2025-02-30", "9999-12-31", "0001-01-01", "on", "true", "NaN",
                     "' OR 1=1 --", "<b>x</b>", "a" * 10_001, "๑๒๓", "1e309"]),
)


def _values(draw: st.DrawFn, form) -> MultiDict:
    data = MultiDict()
    for name, offered in form.fields.items():
        if name == "csrf_token" or draw(st.integers(0, 9)) == 0:  # now and then a field is left out
            continue
        for _ in range(draw(st.integers(1, 2))):  # and now and then sent twice
            use_offered = offered and draw(st.booleans())
            data.add(name, draw(st.sampled_from(offered)) if use_offered else draw(VALUE))
    return data


@pytest.fixture
def staff_forms(as_role, world):
    """(a logged-in client, its CSRF token, every form it meets), crawled once per test."""
    client, token = as_role("admin+integrity")
    pages, forms = crawl(client)
    posts = {f.action.split("?")[0] for f in forms if f.method == "post"}
    assert len(pages) >= 10 and len(posts) >= 10, (pages, posts)  # the crawl really found the admin view
    own = f"/admin/staff/{world['staff']['admin+integrity']}"  # not our own account: we would lock ourselves out
    return client, token, [f for f in forms if not f.action.startswith(own)]


@fuzz_settings(150)
@given(data=st.data())
def test_no_form_input_makes_a_500(staff_forms, data):
    client, token, forms = staff_forms
    form = data.draw(st.sampled_from(forms), label="form")
    values = data.draw(st.composite(lambda draw: _values(draw, form))(), label="values")
    if form.method == "post":
        values.setlist("csrf_token", [token])
        resp = client.post(form.action, data=values)
    else:
        resp = client.get(form.action.split("?")[0], query_string=values)
    assert resp.status_code < 500, (form.action, resp.status_code)
    assert resp.status_code != 302 or "/admin/login" not in resp.headers.get("Location", ""), "logged out by a form"
