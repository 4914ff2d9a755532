"""CSRF: every POST route of the admin view refuses a request without its session's token (none, a
made-up one, or another session's) with 400, and changes nothing in the database."""
from __future__ import annotations

import pytest

from tests.security.conftest import url_for_rule
from tests.security.routes import (
    EXPECTED,
    fingerprint,
)

POSTS = sorted(rule for method, rule in EXPECTED if method == "POST") + ["/admin/login", "/admin/logout"]
FORM = {"username": "sec-admin", "password": "x", "note": "บันทึก", "status": "in_progress", "name": "ใหม่",
        "text": "ข้อความ", "answer": "คำตอบ", "reason": "เหตุผล", "active": "0"}


@pytest.mark.parametrize("forgery", ["no token", "made-up token", "another session's token"])
def test_every_post_route_refuses_a_forged_request(app, world, as_role, engine, forgery):
    client, _ = as_role("admin+integrity")  # a role that may use every POST route but none of the others'
    _, foreign = as_role("admin")
    token = {"no token": None, "made-up token": "IjQ5ZjM2Y2Q4NGI2YTQ1YjkiLg.aaaa.bbbb",
             "another session's token": foreign}[forgery]
    before = fingerprint(engine)
    wrong = []
    for rule in POSTS:
        data = dict(FORM, **({"csrf_token": token} if token else {}))
        resp = client.post(url_for_rule(rule, world), data=data)
        if resp.status_code != 400:
            wrong.append(f"{rule} -> {resp.status_code}")
    assert not wrong, f"accepted with {forgery}:\n" + "\n".join(wrong)
    after = fingerprint(engine)
    assert after == before, {k: (before[k], after[k]) for k in before if before[k] != after[k]}
    assert client.get("/admin/").status_code == 200  # the forged logout did not log us out either


def test_the_same_request_with_the_right_token_goes_through(app, world, as_role, engine):
    """The control: what refused the forgeries was the token, not the form."""
    client, token = as_role("admin+integrity")
    before = fingerprint(engine)
    resp = client.post(url_for_rule("/admin/cases/<ticket>/note", world), data=dict(FORM, csrf_token=token))
    assert resp.status_code == 302
    assert fingerprint(engine) != before


def test_the_webhook_needs_no_csrf_token_but_lines_signature(client):
    assert client.post("/callback", data=b'{"events": []}').status_code == 400  # unsigned: refused
