"""Scale-out as the README describes it: two instances of the service (gunicorn the Procfile way) on two
"machines" sharing one PostgreSQL database, each with its own MEDIA_DIR. A citizen files a complaint
with a photo through the first; its event worker fetches the photo from LINE. A member of staff logged
in to the second sees the case and its photo. With photos written to the fetching machine's folder
(MEDIA_STORE=files, what every deployment did before models/media_store.py) the second answers 404.
"""
from __future__ import annotations

import time
from typing import Any

import pytest
import requests
from sqlalchemy import select

from models.complaint import Case
from models.db import session_scope
from models.enums import MediaStatus
from models.media import Media
from tests.admin.conftest import PASSWORD, csrf_from, make_staff
from tests.citizen import Citizen, file_street_light_complaint
from tests.faults.web_process import WebProcess
from tests.media_files import JPEG

pytestmark = pytest.mark.slow


class _HttpClient:
    """What Citizen needs of a Flask test client, over real HTTP to one instance."""

    def __init__(self, url: str):
        self.url = url

    def post(self, path: str, *, data: bytes, headers: dict[str, str]) -> Any:
        resp = requests.post(self.url + path, data=data, headers=headers, timeout=10)
        resp.data = resp.content  # type: ignore[attr-defined]
        return resp


class _WaitForAnswer:
    """Citizen's `worker.drain()`: the instance's own event worker answers; wait for its reply."""

    def __init__(self, store):
        self.store, self.citizen = store, None

    def drain(self) -> None:
        c = self.citizen
        self.store.wait_for(lambda: len(self.store.messages_for(c.user_id)) > c.seen, timeout=60)


def _wait(predicate, timeout: float = 60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError("timed out")


def _stored_photo(engine) -> Media | None:
    with session_scope(engine) as s:
        return s.exec(select(Media).where(Media.status == MediaStatus.STORED)).scalars().first()


def _staff_session(url: str, username: str) -> requests.Session:
    web = requests.Session()
    token = csrf_from(web.get(url + "/admin/login", timeout=10).text)
    resp = web.post(url + "/admin/login", data={"username": username, "password": PASSWORD, "csrf_token": token},
                    timeout=10, allow_redirects=False)
    assert resp.status_code in (302, 303), resp.text[:500]
    return web


@pytest.mark.parametrize("store", ["auto", "files"])
def test_a_photo_fetched_on_one_machine_is_served_by_another(engine, fake_line, database_url, tmp_path, store):
    if not database_url.startswith("postgresql"):
        pytest.skip("SQLite is one machine's file: two machines cannot share it, so its photos stay in MEDIA_DIR")
    common = {"MEDIA_STORE": store, "EVENT_SETTLE_SECONDS": "0", "WEB_CONCURRENCY": "1"}
    # Machine A handles events (an event-worker process beside its web process); machine B only serves
    # staff, so every photo it shows was fetched and stored by A.
    a = WebProcess(database_url=database_url, line_url=fake_line.base_url, instance=tmp_path / "a",
                   log=tmp_path / "a.log", MEDIA_DIR=str(tmp_path / "a-media"), WORKER_PROCESSES="1", **common)
    b = WebProcess(database_url=database_url, line_url=fake_line.base_url, instance=tmp_path / "b",
                   log=tmp_path / "b.log", MEDIA_DIR=str(tmp_path / "b-media"), WORKER_PROCESSES="0",
                   WORKER_THREADS="0", **common)
    a.start()
    b.start()
    try:
        answers = _WaitForAnswer(fake_line.store)
        citizen = Citizen(_HttpClient(a.url), answers, fake_line, user_id="U" + "5" * 32)
        answers.citizen = citizen
        ticket = file_street_light_complaint(citizen)
        photo = _wait(lambda: _stored_photo(engine))
        with session_scope(engine) as s:
            case = s.exec(select(Case).where(Case.ticket == ticket)).scalars().one()
        assert photo.case_id == case.id

        make_staff(engine, "scale-admin", "admin")
        staff = _staff_session(b.url, "scale-admin")
        page = staff.get(f"{b.url}/admin/cases/{ticket}", timeout=10)
        assert page.status_code == 200 and f"/admin/media/{photo.id}" in page.text
        served = staff.get(f"{b.url}/admin/media/{photo.id}", timeout=10)
        if store == "files":  # the way it failed: the photo is on A's disk only
            assert served.status_code == 404
            assert list((tmp_path / "a-media").rglob("*.jpg")) and not (tmp_path / "b-media").exists()
            return
        assert served.status_code == 200 and served.content == JPEG
        assert served.headers["Content-Type"] == "image/jpeg"
        assert served.headers["Cache-Control"] == "private, no-store"
        # Neither machine wrote it to its own folder: the database holds it, for both.
        assert not (tmp_path / "a-media").exists() and not (tmp_path / "b-media").exists()
        logged_out = requests.get(f"{b.url}/admin/media/{photo.id}", timeout=10, allow_redirects=False)
        assert logged_out.status_code in (302, 401, 404) and logged_out.content != JPEG
    finally:
        a.stop()
        b.stop()
