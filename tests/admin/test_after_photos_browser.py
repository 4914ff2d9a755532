"""An officer resolves a case from a phone-sized browser with a photo straight off a phone's camera
(several MB, over the service's 1 MB request limit): the page shrinks it before sending, and the
citizen's news carries it."""
from __future__ import annotations

import io
import random

import pytest
from PIL import Image

from tests.admin.conftest import PASSWORD
from tests.citizen import Citizen, file_street_light_complaint

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def settings(settings):
    return settings.model_copy(update={"public_base_url": "https://bot.example.test"})


def camera_photo(path) -> int:
    """A 3000x2000 JPEG with grain, as a phone's camera writes: larger than the 1 MB request limit."""
    rng = random.Random(7)
    img = Image.new("RGB", (3000, 2000))
    img.putdata([(x % 256, (x * 7 + rng.randrange(60)) % 256, rng.randrange(256)) for x in range(3000 * 2000)])
    img.save(path, "JPEG", quality=95)
    return path.stat().st_size


@pytest.mark.browser
def test_a_camera_photo_is_shrunk_in_the_page_and_reaches_the_citizen(browser, live_app, client, worker, fake_line,
                                                                      staff, tmp_path):
    citizen = Citizen(client, worker, fake_line)
    ticket = file_street_light_complaint(citizen)
    photo = tmp_path / "IMG_0001.jpg"
    assert camera_photo(photo) > 1024 * 1024
    context = browser.new_context(viewport=PHONE, locale="th-TH")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(live_app.base_url + "/admin/login")
        page.fill('input[name="username"]', "officer1")
        page.fill('input[name="password"]', PASSWORD)
        page.click('button[type="submit"]')
        page.wait_for_url("**/admin/")
        page.goto(live_app.base_url + f"/admin/cases/{ticket}")
        page.select_option('select[name="status"]', "resolved")
        page.fill('form[action$="/status"] textarea[name="message"]', "เปลี่ยนหลอดไฟแล้วค่ะ")
        page.set_input_files('input[name="photos"]', str(photo))
        page.wait_for_function("document.querySelector('input[name=photos]').files[0].size < 1048576")
        page.click('form[action$="/status"] button[type="submit"]')
        page.wait_for_selector(".flash")
        assert "แนบรูปผลการดำเนินงาน 1 รูปแล้ว" in page.content()
        assert page.locator(".after-photos img").count() == 1
    finally:
        context.close()
    assert errors == []
    worker.drain()
    [push] = fake_line.store.pushes()
    assert [m["type"] for m in push["messages"]] == ["text", "image"]
    stored = client.get(push["messages"][1]["originalContentUrl"].removeprefix("https://bot.example.test"))
    assert stored.status_code == 200 and max(Image.open(io.BytesIO(stored.data)).size) <= 2048
