"""The browser pages carry Sarabun themselves (bot/web/fonts.py): a machine without a Thai font showed
every Thai letter of the admin view and the simulator as a box."""
from __future__ import annotations

import re

import fontpkg

TTF_MAGIC = b"\x00\x01\x00\x00"  # a TrueType font's first four bytes


def test_the_faces_name_each_weight_the_pages_use_and_each_file_is_sarabun(client):
    resp = client.get("/fonts/sarabun.css")
    assert resp.status_code == 200 and resp.mimetype == "text/css"
    css = resp.get_data(as_text=True)
    urls = dict(re.findall(r'font-weight:(\d+);.*?url\("([^"]+)"\)', css))
    assert sorted(urls) == ["400", "600", "700"]
    assert css.count('font-family:"Sarabun"') == 3 and 'local("Sarabun")' in css
    for weight, url in urls.items():
        font = client.get(url)
        assert font.status_code == 200 and font.mimetype == "font/ttf"
        assert font.data[:4] == TTF_MAGIC
        assert font.data == fontpkg.path("Sarabun", weight=int(weight)).read_bytes()
        assert font.cache_control.max_age >= 30 * 24 * 3600  # fetched once per browser, not per page


def test_a_weight_not_served_is_not_found(client):
    assert client.get("/fonts/sarabun-500.ttf").status_code == 404
    assert client.get("/fonts/sarabun-..%2F..%2Fsecret.ttf").status_code == 404


def test_the_login_page_and_the_simulator_load_the_faces_first(client):
    for page in ("/admin/login", "/dev/chat/"):
        html = client.get(page).get_data(as_text=True)
        faces = html.index("/fonts/sarabun.css")
        assert faces < html.index(".css", faces + len("/fonts/sarabun.css")), page
