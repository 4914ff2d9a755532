"""Photos by guessed URL: every media id (and ids that do not exist), through every route that serves
photos and through paths that might reach the files directly, for every role and logged out. A photo
is served only to whom the table says; everyone else gets the login page, 403 or 404, never bytes."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from models.db import read_scope
from models.media import Media
from tests.security.conftest import JPEG, ROLES

SEES_CASE_PHOTO = {"admin", "officer", "executive", "admin+integrity"}  # not an officer of another division
SEES_EVIDENCE = {"integrity", "admin+integrity"}
SEES_SUGGESTION_PHOTO = SEES_CASE_PHOTO | {"officer-other"}  # suggestions belong to no division


def _allowed(role: str, route: str, media_id: int, w: dict) -> bool:
    if route == "media":
        return ((media_id == w["photo"] and role in SEES_CASE_PHOTO)
                or (media_id == w["suggestion_photo"] and role in SEES_SUGGESTION_PHOTO))
    return media_id == w["evidence"] and role in SEES_EVIDENCE


@pytest.mark.parametrize("role", ROLES + ("logged out",))
def test_guessed_media_ids_serve_only_what_the_role_may_see(app, world, engine, as_role, role):
    client, _ = as_role(role)
    with read_scope(engine) as s:
        highest = s.exec(select(func.max(Media.id))).scalar_one()
    guesses = list(range(0, highest + 5)) + [2**31, 2**63, 10**30]
    wrong = []
    for route in ("media", "corruption/evidence"):
        for media_id in guesses:
            resp = client.get(f"/admin/{route}/{media_id}")
            if _allowed(role, route, media_id, world):
                ok = resp.status_code == 200 and resp.data == JPEG
            elif role == "logged out":
                ok = resp.status_code == 302 and resp.headers["Location"].startswith("/admin/login")
            else:
                ok = resp.status_code in (403, 404) and resp.data != JPEG
            if not ok:
                wrong.append(f"{role} /admin/{route}/{media_id} -> {resp.status_code}")
    assert not wrong, "\n".join(wrong)


def test_served_photos_are_private_and_never_sniffed(app, world, as_role):
    client, _ = as_role("admin")
    resp = client.get(f"/admin/media/{world['photo']}")
    assert resp.status_code == 200 and resp.mimetype == "image/jpeg"
    assert "no-store" in resp.headers["Cache-Control"] and resp.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("path", [
    "/admin/static/../media/cases/a.jpg", "/admin/static/%2e%2e/%2e%2e/instance/media/cases/a.jpg",
    "/admin/static/..%2f..%2f..%2finstance%2fmedia%2fcases%2fa.jpg", "/static/../instance/media/cases/a.jpg",
    "/media/cases/a.jpg", "/instance/media/cases/a.jpg", "/instance/media/confidential/c.jpg",
    "/admin/media/cases/a.jpg", "/admin/media/../confidential/c.jpg", "/dev/chat/content/sec-m2",
    "/admin/corruption/evidence/..%2f1", "/open311/v2/requests/..%2f..%2fmedia.json",
])
def test_no_path_reaches_the_photo_files(app, world, as_role, path):
    for role in ("logged out", "officer-other"):
        client, _ = as_role(role)
        resp = client.get(path)
        assert resp.data != JPEG, f"{role} got the photo at {path}"
        assert resp.status_code in (302, 308, 400, 403, 404), (role, path, resp.status_code)
