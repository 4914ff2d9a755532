"""The chat simulator on a tiny Flask app whose /callback checks the signature like the real one."""
from __future__ import annotations

import base64
import json
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
import requests
from flask import Flask, abort, request
from linebot.v3 import WebhookParser
from linebot.v3.exceptions import InvalidSignatureError
from linebot.v3.messaging import (
    ApiClient,
    Configuration,
    FlexBox,
    FlexBubble,
    FlexButton,
    FlexMessage,
    FlexText,
    MessageAction,
    MessagingApi,
    PostbackAction,
    PushMessageRequest,
    QuickReply,
    QuickReplyItem,
    ReplyMessageRequest,
    TextMessage,
)
from linebot.v3.webhooks import (
    FileMessageContent,
    FollowEvent,
    ImageMessageContent,
    LocationMessageContent,
    MessageEvent,
    PostbackEvent,
    StickerMessageContent,
    TextMessageContent,
    UnfollowEvent,
)

from bot.devchat import register_devchat
from bot.devchat.fake_line import FakeLineStore
from bot.devchat.serving import ServedApp
from bot.devchat.simulator import citizen_id

from .conftest import image_bytes

SECRET = "simulator-test-secret"
DEVCHAT_DIR = Path(__file__).resolve().parents[2] / "bot" / "devchat"


class Harness:
    """A served app with the simulator, the fake API and a /callback that keeps what it got."""

    def __init__(self):
        self.store = FakeLineStore()
        self.settings = SimpleNamespace(channel_secret=SECRET, municipality_name="เทศบาลตำบลนามะเขือ")
        self.received: list = []  # (raw body, events) per webhook
        self.callback_status = 200
        app = Flask(__name__)
        register_devchat(app, self.store, lambda: self.settings)

        @app.post("/callback")
        def callback():
            raw = request.get_data()
            try:
                evs = WebhookParser(SECRET).parse(raw.decode("utf-8"), request.headers["X-Line-Signature"])
            except InvalidSignatureError:
                abort(400)
            self.received.append((raw, evs))
            return "OK", self.callback_status

        self.served = ServedApp(app).start()
        self.url = self.served.base_url
        self.user = citizen_id(1)

    def send(self, action, user=None):
        resp = requests.post(self.url + "/dev/chat/send", json={"user": user or self.user, "action": action},
                             timeout=10)
        return resp

    def events(self):
        return [e for _, evs in self.received for e in evs]

    def messages(self, after=0, user=None):
        resp = requests.get(self.url + "/dev/chat/messages",
                            params={"user": user or self.user, "after": after}, timeout=5)
        assert resp.status_code == 200
        return resp.json()

    def line_api(self):
        client = ApiClient(Configuration(host=self.url + "/dev/line-api", access_token="dev"))
        return MessagingApi(client)


@pytest.fixture
def sim():
    harness = Harness()
    yield harness
    harness.served.stop()


def test_page_renders_offline_like_a_line_chat(sim):
    resp = requests.get(sim.url + "/dev/", timeout=5)
    assert resp.status_code == 200 and resp.url.endswith("/dev/chat/")
    html = resp.text
    assert "เทศบาลตำบลนามะเขือ" in html and 'lang="th"' in html
    assert "<title>แชตจำลอง LINE" in html  # Thai UI text comes from ui_th.json
    # No CDN, no external font: every src/href is local (the app's own Sarabun, bot/web/fonts.py).
    for url in re.findall(r'(?:src|href)="([^"]+)"', html):
        assert url.startswith(("/dev/chat/", "/fonts/")) or url == "data:,", url  # data:, is the empty favicon
    faces = requests.get(sim.url + "/fonts/sarabun.css", timeout=5).text
    assert "url(\"/fonts/sarabun-400.ttf" in faces and "http" not in faces
    for name in ("chat.js", "render.js", "flex.js", "chat.css"):
        asset = requests.get(sim.url + "/dev/chat/static/devchat/" + name, timeout=5)
        text = asset.text.replace('"http://www.w3.org/2000/svg"', "")  # a namespace name, never fetched
        assert asset.status_code == 200 and "http://" not in text and "https://fonts" not in text


def test_a_text_send_posts_a_signed_parsable_webhook(sim):
    resp = sim.send({"type": "text", "text": "ถนนหน้าบ้านเป็นหลุม"})
    assert resp.status_code == 200
    result = resp.json()
    assert result["ok"] and result["results"][0]["status"] == 200
    ((raw, (event,)),) = sim.received
    assert isinstance(event, MessageEvent) and isinstance(event.message, TextMessageContent)
    assert event.message.text == "ถนนหน้าบ้านเป็นหลุม" and event.source.user_id == sim.user
    assert b'"destination":"' + sim.store.bot_user_id.encode() + b'"' in raw
    # The reply token came from the store: the bot can answer with it, once.
    api = sim.line_api()
    api.reply_message(ReplyMessageRequest(reply_token=event.reply_token,
                                          messages=[TextMessage(text="รับเรื่องแล้วค่ะ\nเลขที่ NMK6911-0001")]))
    assert sim.store.messages_for(sim.user)[0]["text"].startswith("รับเรื่องแล้วค่ะ")


def test_messages_endpoint_returns_what_the_store_holds(sim):
    sim.send({"type": "text", "text": "สวัสดี"})
    (event,) = sim.events()
    api = sim.line_api()
    quick = QuickReply(items=[QuickReplyItem(action=PostbackAction(label="ร้องเรียน", data="flow=complaint",
                                                                   display_text="ร้องเรียน"))])
    api.reply_message(ReplyMessageRequest(reply_token=event.reply_token, messages=[
        TextMessage(text="สวัสดีค่ะ", quick_reply=quick),
        FlexMessage(alt_text="เมนู", contents=FlexBubble(body=FlexBox(layout="vertical", contents=[
            FlexText(text="เลือกบริการ"), FlexButton(action=MessageAction(label="ติดตามเรื่อง", text="ติดตามเรื่อง"))])))]))
    api.push_message(PushMessageRequest(to=sim.user, messages=[TextMessage(text="สถานะเปลี่ยนแล้ว")]))
    data = sim.messages()
    entries = data["entries"]
    assert [e["from"] for e in entries] == ["user", "bot", "bot", "bot"]
    assert entries[0]["message"] == {"type": "text", "text": "สวัสดี"}
    assert entries[1]["message"]["quickReply"]["items"][0]["action"]["data"] == "flow=complaint"
    assert entries[2]["message"]["type"] == "flex" and entries[3]["via"] == "push"
    assert [e["message"] for e in entries[1:]] == sim.store.messages_for(sim.user)
    assert data["last"] == entries[-1]["seq"]
    later = sim.messages(after=entries[1]["seq"])["entries"]
    assert [e["seq"] for e in later] == [entries[2]["seq"], entries[3]["seq"]]
    assert sim.messages(after=data["last"]) == {"entries": [], "last": data["last"], "friend": "none"}
    # Another citizen's chat is separate.
    assert sim.messages(user=citizen_id(2))["entries"] == []


def test_refused_replies_show_up_as_system_entries(sim):
    sim.send({"type": "text", "text": "x"})
    (event,) = sim.events()
    requests.post(sim.url + "/dev/line-api/v2/bot/message/reply", headers={"Authorization": "Bearer x"},
                  json={"replyToken": event.reply_token, "messages": [{"type": "text", "text": ""}]})
    entries = sim.messages()["entries"]
    assert entries[-1]["from"] == "system" and entries[-1]["message"]["type"] == "violation"


def test_postback_with_display_text(sim):
    sim.send({"type": "postback", "data": "flow=complaint", "displayText": "แจ้งเรื่องร้องเรียน"})
    (event,) = sim.events()
    assert isinstance(event, PostbackEvent) and event.postback.data == "flow=complaint"
    assert sim.messages()["entries"][0]["message"] == {"type": "text", "text": "แจ้งเรื่องร้องเรียน"}
    sim.send({"type": "postback", "data": "silent=1"})
    assert sim.messages()["entries"][1]["message"] == {"type": "postback", "data": "silent=1"}


def test_datetime_picker_sends_params(sim):
    sim.send({"type": "datetimepicker", "data": "appt", "mode": "datetime", "value": "2026-11-24T09:30"})
    (event,) = sim.events()
    assert event.postback.data == "appt" and event.postback.params == {"datetime": "2026-11-24T09:30"}


def test_photos_go_into_the_content_store(sim):
    png = image_bytes(40, 30)
    data_url = "data:image/png;base64," + base64.b64encode(png).decode()
    sim.send({"type": "image", "images": [{"data": data_url, "contentType": "image/png"}]})
    (event,) = sim.events()
    assert isinstance(event.message, ImageMessageContent) and event.message.image_set is None
    assert sim.store.get_content(event.message.id) == (png, "image/png")
    # The bot downloads it from the data API, mounted in the same app.
    got = requests.get(sim.url + f"/dev/line-api/v2/bot/message/{event.message.id}/content",
                       headers={"Authorization": "Bearer x"})
    assert got.content == png and got.headers["Content-Type"] == "image/png"
    entry = sim.messages()["entries"][0]["message"]
    assert entry == {"type": "image", "contentId": event.message.id}
    assert requests.get(sim.url + f"/dev/chat/content/{event.message.id}").content == png


def test_several_photos_share_an_image_set(sim):
    b64 = base64.b64encode(image_bytes(10, 10)).decode()
    sim.send({"type": "image", "images": [{"data": b64}, {"data": b64}, {"data": b64}]})
    evs = sim.events()
    assert len(evs) == 3 and len(sim.received) == 3  # one webhook each, as LINE does
    sets = [(e.message.image_set.id, e.message.image_set.index, e.message.image_set.total) for e in evs]
    assert len({s[0] for s in sets}) == 1 and [s[1:] for s in sets] == [(1, 3), (2, 3), (3, 3)]
    assert len({e.reply_token for e in evs}) == 3


def test_location_sticker_and_file(sim):
    sim.send({"type": "location", "latitude": "16.5757", "longitude": "103.4955",
              "title": "หน้าวัด", "address": "ต.นามะเขือ"})
    sim.send({"type": "sticker", "packageId": "11537", "stickerId": "52002734", "keywords": ["Happy"]})
    sim.send({"type": "file", "name": "หลักฐาน.pdf", "data": base64.b64encode(b"%PDF-1.4").decode(),
              "contentType": "application/pdf"})
    loc, sticker, file = sim.events()
    assert isinstance(loc.message, LocationMessageContent)
    assert (loc.message.latitude, loc.message.longitude, loc.message.title) == (16.5757, 103.4955, "หน้าวัด")
    assert isinstance(sticker.message, StickerMessageContent) and sticker.message.keywords == ["Happy"]
    assert isinstance(file.message, FileMessageContent) and file.message.file_size == 8
    assert sim.store.get_content(file.message.id)[0] == b"%PDF-1.4"


def test_follow_unfollow_and_unblock(sim):
    sim.send({"type": "follow"})
    sim.send({"type": "unfollow"})
    sim.send({"type": "follow"})
    first, gone, back = sim.events()
    assert isinstance(first, FollowEvent) and first.follow.is_unblocked is False and first.reply_token
    assert isinstance(gone, UnfollowEvent)
    assert back.follow.is_unblocked is True
    unfollow_body = sim.received[1][0]
    assert b"replyToken" not in unfollow_body


def test_webhook_failures_are_reported(sim):
    sim.settings.channel_secret = "wrong-secret"  # the app would refuse the signature
    result = sim.send({"type": "text", "text": "x"}).json()
    assert result["ok"] is False and result["results"][0]["status"] == 400
    sim.settings.channel_secret = SECRET
    sim.callback_status = 500
    assert sim.send({"type": "text", "text": "x"}).json()["results"][0]["status"] == 500


def test_bad_requests(sim):
    assert sim.send({"type": "text", "text": "x"}, user="nobody").status_code == 400
    assert sim.send({"type": "teleport"}).status_code == 400
    assert sim.send({"type": "text", "text": "  "}).status_code == 400
    assert sim.send({"type": "image", "images": [{"data": "***"}]}).status_code == 400
    assert sim.send({"type": "location", "latitude": "north", "longitude": 1}).status_code == 400
    assert requests.get(sim.url + "/dev/chat/messages", params={"user": "x"}).status_code == 400
    assert sim.received == []


def test_profiles_and_users(sim):
    users = requests.get(sim.url + "/dev/chat/users").json()["users"]
    assert len(users) >= 3 and all(re.fullmatch(r"U[0-9a-f]{32}", u["userId"]) for u in users)
    renamed = requests.post(sim.url + "/dev/chat/profile", json={"user": sim.user, "name": "ลุงมี"}).json()
    assert renamed["user"]["displayName"] == "ลุงมี"
    assert sim.line_api().get_profile(sim.user).display_name == "ลุงมี"
    new = requests.post(sim.url + "/dev/chat/profile", json={"name": "ป้าแดง"}).json()["user"]
    assert re.fullmatch(r"U[0-9a-f]{32}", new["userId"]) and new["userId"] != sim.user
    sim.send({"type": "text", "text": "hi"}, user=new["userId"])
    assert sim.events()[0].source.user_id == new["userId"]


def test_rich_menu_endpoint(sim):
    assert requests.get(sim.url + "/dev/chat/richmenu", params={"user": sim.user}).json() == {"menu": None}
    auth = {"Authorization": "Bearer x"}
    menu = {"size": {"width": 2500, "height": 843}, "selected": True, "name": "m", "chatBarText": "เมนู",
            "areas": [{"bounds": {"x": 0, "y": 0, "width": 2500, "height": 843},
                       "action": {"type": "postback", "data": "menu=1"}}]}
    menu_id = requests.post(sim.url + "/dev/line-api/v2/bot/richmenu", json=menu, headers=auth).json()["richMenuId"]
    requests.post(sim.url + f"/dev/line-api/v2/bot/richmenu/{menu_id}/content", data=image_bytes(2500, 843),
                  headers={**auth, "Content-Type": "image/png"}).raise_for_status()
    requests.post(sim.url + f"/dev/line-api/v2/bot/user/all/richmenu/{menu_id}", headers=auth).raise_for_status()
    shown = requests.get(sim.url + "/dev/chat/richmenu", params={"user": sim.user}).json()
    assert shown["menu"]["chatBarText"] == "เมนู"
    assert requests.get(sim.url + shown["image"]).content == image_bytes(2500, 843)


def test_no_thai_in_devchat_python_files():
    thai = re.compile("[\u0e00-\u0e7f]")
    for path in DEVCHAT_DIR.glob("*.py"):
        assert not thai.search(path.read_text(encoding="utf-8")), path


def test_register_devchat_exempts_the_fake_api_but_not_the_simulator_from_csrf():
    from flask_wtf import CSRFProtect

    app = Flask(__name__)
    app.config.update(SECRET_KEY="k")
    csrf = CSRFProtect(app)
    store = FakeLineStore()
    settings = SimpleNamespace(channel_secret=SECRET, municipality_name="x")
    fake_api, simulator = register_devchat(app, store, lambda: settings, csrf=csrf)
    assert (fake_api.name, simulator.name) == ("fake_line", "simulator")
    client = app.test_client()
    assert client.post("/dev/chat/profile", json={"name": "a"}).status_code == 400  # no token
    token = json.loads(re.search(r'id="devchat-config">(.*?)<', client.get("/dev/chat/").get_data(as_text=True)).group(1))
    assert client.post("/dev/chat/profile", json={"name": "a"}, headers={"X-CSRFToken": token["csrf"]}).status_code == 200
    token = store.issue_reply_token(citizen_id(1))
    resp = client.post("/dev/line-api/v2/bot/message/reply", headers={"Authorization": "Bearer x"},
                       json={"replyToken": token, "messages": [{"type": "text", "text": "hi"}]})
    assert resp.status_code == 200 and resp.headers["x-line-request-id"]
    assert client.get("/dev").status_code in (301, 308)


def _chromium() -> str | None:
    import shutil
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.browser
@pytest.mark.skipif(_chromium() is None, reason="Debian's chromium is not installed")
def test_the_page_in_a_browser(sim):
    sync_api = pytest.importorskip("playwright.sync_api")
    sim.send({"type": "text", "text": "สวัสดี"})
    (event,) = sim.events()
    quick = QuickReply(items=[QuickReplyItem(action=MessageAction(label="ติดตามเรื่อง", text="ติดตามเรื่อง"))])
    sim.line_api().reply_message(ReplyMessageRequest(reply_token=event.reply_token, messages=[
        TextMessage(text="บรรทัดแรก\n<b>บรรทัดสอง</b>"),
        FlexMessage(alt_text="สรุป", contents=FlexBubble(body=FlexBox(layout="vertical", contents=[
            FlexText(text="เรื่องร้องเรียน", weight="bold"),
            FlexButton(style="primary", action=PostbackAction(label="ยืนยัน", data="ok=1", display_text="ยืนยัน"))]))),
        TextMessage(text="เลือกได้เลยค่ะ", quick_reply=quick)]))
    errors: list[str] = []
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=_chromium(), args=["--no-sandbox"])
        try:
            page = browser.new_page()
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(sim.url + "/dev/chat/")
            page.wait_for_selector(".quick-item")
            bubbles = page.locator(".bubble.bot").all_inner_texts()
            assert "บรรทัดแรก\n<b>บรรทัดสอง</b>" in bubbles  # escaped, line break kept
            assert page.locator(".bubble.bot b").count() == 0
            assert page.locator(".fx-text").first.inner_text() == "เรื่องร้องเรียน"
            page.click(".quick-item")
            page.wait_for_selector(".row.user >> text=ติดตามเรื่อง")
            assert page.locator("#quick").is_hidden()  # quick replies go once the user acts
            page.click(".fx-button")
            page.wait_for_selector(".row.user >> text=ยืนยัน")
        finally:
            browser.close()
    assert errors == []
    texts = [e.message.text for e in sim.events() if isinstance(e, MessageEvent)]
    postbacks = [e.postback.data for e in sim.events() if isinstance(e, PostbackEvent)]
    assert texts == ["สวัสดี", "ติดตามเรื่อง"] and postbacks == ["ok=1"]


# --- friendship, blocking, and the page's own strings ---------------------------------------------

def test_friendship_follows_the_log_and_a_blocked_user_cannot_write(sim):
    def friend():
        return sim.messages()["friend"]

    assert friend() == "none"  # never followed: the page offers "add friend", sending still works
    assert sim.send({"type": "text", "text": "สวัสดี"}).status_code == 200
    sim.send({"type": "follow"})
    assert friend() == "friend"
    sim.send({"type": "unfollow"})
    assert friend() == "blocked"
    refused = sim.send({"type": "text", "text": "ยังอยู่ไหม"})
    assert refused.status_code == 409 and "blocked" in refused.json()["error"]
    assert sim.send({"type": "unfollow"}).status_code == 409
    assert len(sim.events()) == 3  # nothing reached the webhook while blocked
    sim.send({"type": "follow"})
    assert friend() == "friend" and sim.events()[-1].follow.is_unblocked is True


def test_unblock_is_known_from_the_log_even_to_a_new_simulator(sim):
    sim.send({"type": "follow"})
    sim.send({"type": "unfollow"})
    # A restarted simulator on the same store: what it knows of the friendship comes from the log.
    from bot.devchat.simulator import create_simulator_blueprint

    posted: list[dict] = []

    def post(url, **kwargs):
        posted.append(kwargs)
        return SimpleNamespace(status_code=200, text="OK")

    app = Flask("restarted")
    app.register_blueprint(create_simulator_blueprint(sim.store, lambda: sim.settings, post=post),
                           url_prefix="/dev/chat")
    client = app.test_client()
    assert client.get(f"/dev/chat/messages?user={sim.user}").json["friend"] == "blocked"
    assert client.post("/dev/chat/send", json={"user": sim.user, "action": {"type": "follow"}}).status_code == 200
    assert b'"isUnblocked":true' in posted[0]["data"]
    assert client.get(f"/dev/chat/messages?user={sim.user}").json["friend"] == "friend"


def test_sticker_entries_keep_their_keywords(sim):
    sim.send({"type": "sticker", "packageId": "11537", "stickerId": "52002750", "keywords": ["Thanks"],
              "emoji": "x"})
    (entry,) = sim.messages()["entries"]
    assert entry["message"]["keywords"] == ["Thanks"]


def test_ui_strings_do_not_shadow_dict_methods():
    # The template reads them as t.name: a key like "clear" or "items" would print a dict method.
    from bot.devchat.simulator import load_ui_strings
    assert not set(load_ui_strings()) & set(dir(dict))


def test_the_page_draws_its_icons_without_an_emoji_font(sim):
    html = requests.get(sim.url + "/dev/chat/", timeout=5).text
    bottom = html[html.index('<div id="menu-bar"'):html.index("</form>")]
    tools = bottom.count('class="tool"')
    assert tools >= 6 and bottom.count("<svg") == tools  # photo, file, location, sticker, menu, keyboard
    assert not re.search("[\U0001F000-\U0001FFFF]|&#1[23][0-9]{4};", bottom)


def _browser_page(p, viewport):
    browser = p.chromium.launch(executable_path=_chromium(), args=["--no-sandbox", "--disable-gpu"])
    page = browser.new_page(viewport=viewport)
    return browser, page


@pytest.mark.browser
@pytest.mark.skipif(_chromium() is None, reason="Debian's chromium is not installed")
def test_on_a_phone_the_composer_and_quick_replies_stay_on_screen(sim):
    sync_api = pytest.importorskip("playwright.sync_api")
    sim.send({"type": "text", "text": "สวัสดี"})
    (event,) = sim.events()
    quick = QuickReply(items=[QuickReplyItem(action=MessageAction(label=f"ตัวเลือก {i}", text=str(i)))
                              for i in range(8)])
    sim.line_api().reply_message(ReplyMessageRequest(reply_token=event.reply_token, messages=[
        TextMessage(text="ข้อความยาว\n" * 40), TextMessage(text="เลือกได้เลยค่ะ", quick_reply=quick)]))
    errors: list[str] = []
    with sync_api.sync_playwright() as p:
        browser, page = _browser_page(p, {"width": 390, "height": 844})
        try:
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(sim.url + "/dev/chat/")
            page.wait_for_selector(".quick-item")
            for selector in ("#composer", "#quick", ".bar"):
                box = page.locator(selector).bounding_box()
                assert box and box["y"] >= 0 and box["y"] + box["height"] <= 844, (selector, box)
            assert page.evaluate("document.scrollingElement.scrollHeight") <= 844  # only the chat scrolls
            assert page.locator("#friend-bar").is_visible()  # not a friend yet
            page.click("#friend-add")
            page.wait_for_selector(".note >> text=" + sim_strings()["followed"])
            page.wait_for_function("document.getElementById('friend-bar').hidden")
        finally:
            browser.close()
    assert errors == []


@pytest.mark.browser
@pytest.mark.skipif(_chromium() is None, reason="Debian's chromium is not installed")
def test_a_coloured_flex_header_fills_the_header_as_in_line(sim):
    sync_api = pytest.importorskip("playwright.sync_api")
    sim.send({"type": "text", "text": "x"})
    (event,) = sim.events()
    bubble = {"type": "bubble", "size": "kilo",
              "header": {"type": "box", "layout": "vertical", "backgroundColor": "#0B6E4F",
                         "contents": [{"type": "text", "text": "สรุปเรื่องร้องเรียน", "color": "#FFFFFF"}]},
              "body": {"type": "box", "layout": "vertical", "contents": [{"type": "text", "text": "รายละเอียด"}]},
              "footer": {"type": "box", "layout": "vertical", "paddingAll": "0px",
                         "contents": [{"type": "button", "action": {"type": "postback", "label": "ยืนยัน",
                                                                    "data": "ok"}}]}}
    requests.post(sim.url + "/dev/line-api/v2/bot/message/reply", headers={"Authorization": "Bearer x"},
                  json={"replyToken": event.reply_token,
                        "messages": [{"type": "flex", "altText": "สรุป", "contents": bubble}]}).raise_for_status()
    with sync_api.sync_playwright() as p:
        browser, page = _browser_page(p, {"width": 1280, "height": 800})
        try:
            page.goto(sim.url + "/dev/chat/")
            page.wait_for_selector(".fx-bubble")
            sizes = page.evaluate("""() => {
                const bubble = document.querySelector('.fx-bubble');
                const root = (name) => document.querySelector('.fx-' + name + ' > .fx-box');
                const style = (name) => getComputedStyle(root(name));
                return {bubble: bubble.getBoundingClientRect().width,
                        header: root('header').getBoundingClientRect().width,
                        headerTop: root('header').getBoundingClientRect().top - bubble.getBoundingClientRect().top,
                        headerPad: style('header').paddingLeft, bodyPad: style('body').paddingLeft,
                        footerPad: style('footer').paddingLeft};
            }""")
        finally:
            browser.close()
    # The green box is the whole header: edge to edge, from the bubble's top, its text inset by padding.
    assert sizes["header"] == sizes["bubble"] and sizes["headerTop"] == 0
    assert sizes["headerPad"] == "13px" and sizes["bodyPad"] == "13px"  # kilo's defaults
    assert sizes["footerPad"] == "0px"  # the box's own padding wins


def sim_strings() -> dict:
    from bot.devchat.simulator import load_ui_strings
    return load_ui_strings()


def _deploy_menu(sim, chat_bar_text="เมนูบริการ"):
    auth = {"Authorization": "Bearer x"}
    menu = {"size": {"width": 2500, "height": 843}, "selected": True, "name": "m", "chatBarText": chat_bar_text,
            "areas": [{"bounds": {"x": 0, "y": 0, "width": 1250, "height": 843},
                       "action": {"type": "postback", "data": "menu=complaint", "displayText": "แจ้งเรื่อง"}},
                      {"bounds": {"x": 1250, "y": 0, "width": 1250, "height": 843},
                       "action": {"type": "message", "text": "ติดตามเรื่อง"}}]}
    menu_id = requests.post(sim.url + "/dev/line-api/v2/bot/richmenu", json=menu, headers=auth).json()["richMenuId"]
    requests.post(sim.url + f"/dev/line-api/v2/bot/richmenu/{menu_id}/content", data=image_bytes(2500, 843),
                  headers={**auth, "Content-Type": "image/png"}).raise_for_status()
    requests.post(sim.url + f"/dev/line-api/v2/bot/user/all/richmenu/{menu_id}", headers=auth).raise_for_status()


@pytest.mark.browser
@pytest.mark.skipif(_chromium() is None, reason="Debian's chromium is not installed")
def test_rich_menu_bar_and_keyboard_switch_like_line(sim):
    sync_api = pytest.importorskip("playwright.sync_api")
    _deploy_menu(sim)
    errors: list[str] = []
    with sync_api.sync_playwright() as p:
        browser, page = _browser_page(p, {"width": 390, "height": 844})
        try:
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(sim.url + "/dev/chat/")
            page.wait_for_selector("#richmenu:not([hidden])")

            def shown():
                return {k: page.locator(k).is_visible() for k in ("#menu-bar", "#richmenu", "#composer")}

            # Menu mode: the bar and the open menu, no text input (as LINE shows a selected menu).
            assert shown() == {"#menu-bar": True, "#richmenu": True, "#composer": False}
            assert page.locator("#menu-bar-button").inner_text().startswith("เมนูบริการ")
            page.click("#menu-bar-button")
            assert shown() == {"#menu-bar": True, "#richmenu": False, "#composer": False}
            page.click("#menu-bar-button")
            page.locator(".richmenu-area").nth(0).click()
            page.wait_for_selector(".row.user >> text=แจ้งเรื่อง")
            # Keyboard mode: the input, and a button back to the menu.
            page.click("#to-keyboard")
            assert shown() == {"#menu-bar": False, "#richmenu": False, "#composer": True}
            page.fill("#text", "ไฟดับ")
            page.press("#text", "Enter")
            page.wait_for_selector(".row.user >> text=ไฟดับ")
            page.click("#to-menu")
            assert shown() == {"#menu-bar": True, "#richmenu": True, "#composer": False}
            for selector in ("#menu-bar", "#richmenu"):
                box = page.locator(selector).bounding_box()
                assert box["y"] + box["height"] <= 844, selector
        finally:
            browser.close()
    assert errors == []
    postbacks = [e.postback.data for e in sim.events() if isinstance(e, PostbackEvent)]
    texts = [e.message.text for e in sim.events() if isinstance(e, MessageEvent)]
    assert postbacks == ["menu=complaint"] and texts == ["ไฟดับ"]


@pytest.mark.browser
@pytest.mark.skipif(_chromium() is None, reason="Debian's chromium is not installed")
def test_the_chat_opens_at_the_newest_message_with_the_rich_menu_shown(sim):
    """The trial: with the rich menu shown, the simulator opened scrolled above the newest message (the
    menu's picture loads after the chat is scrolled down, and takes its room from the chat)."""
    sync_api = pytest.importorskip("playwright.sync_api")
    _deploy_menu(sim)
    sim.send({"type": "text", "text": "สวัสดี"})
    (event,) = sim.events()
    sim.line_api().reply_message(ReplyMessageRequest(reply_token=event.reply_token, messages=[
        TextMessage(text=f"ข้อความที่ {i}\n" + "บรรทัด\n" * 6) for i in range(4)] + [
        TextMessage(text="ข้อความล่าสุด")]))
    with sync_api.sync_playwright() as p:
        browser, page = _browser_page(p, {"width": 390, "height": 844})
        try:
            page.goto(sim.url + "/dev/chat/")
            page.wait_for_selector("#richmenu:not([hidden])")
            page.wait_for_function("document.getElementById('richmenu-image').complete"
                                   " && document.getElementById('richmenu-image').naturalWidth > 0")
            page.wait_for_timeout(800)  # a poll more, and the layout after the picture
            gap = page.evaluate("(() => { const c = document.getElementById('chat');"
                                " return c.scrollHeight - c.scrollTop - c.clientHeight; })()")
            newest = page.locator(".row >> text=ข้อความล่าสุด").bounding_box()
            chat = page.locator("#chat").bounding_box()
        finally:
            browser.close()
    assert gap <= 2, gap  # scrolled to the very bottom
    assert newest["y"] + newest["height"] <= chat["y"] + chat["height"] + 1  # the newest message in view


@pytest.mark.browser
@pytest.mark.skipif(_chromium() is None, reason="Debian's chromium is not installed")
def test_switching_citizens_does_not_carry_quick_replies_over(sim):
    sync_api = pytest.importorskip("playwright.sync_api")
    sim.send({"type": "text", "text": "สวัสดี"})
    (event,) = sim.events()
    quick = QuickReply(items=[QuickReplyItem(action=MessageAction(label="ยืนยัน", text="ยืนยัน"))])
    sim.line_api().reply_message(ReplyMessageRequest(reply_token=event.reply_token, messages=[
        TextMessage(text="ยืนยันไหมคะ", quick_reply=quick)]))
    with sync_api.sync_playwright() as p:
        browser, page = _browser_page(p, {"width": 1280, "height": 800})
        try:
            page.goto(sim.url + "/dev/chat/")
            page.select_option("#user", sim.user)
            page.wait_for_selector(".quick-item")
            page.select_option("#user", citizen_id(2))
            page.wait_for_timeout(1500)  # two polls
            assert page.locator("#quick").is_hidden() and page.locator("#chat .row").count() == 0
        finally:
            browser.close()


def test_make_run_shows_the_production_rich_menu(tmp_path):
    """In development without LINE credentials the built-in fake carries the real rich menu."""
    from bot import create_app
    from bot.settings import Settings

    app = create_app(Settings(_env_file=None, instance_path=str(tmp_path), worker_threads=0))
    menu = app.test_client().get("/dev/chat/richmenu?user=U" + "0" * 32).get_json()["menu"]
    datas = sorted(a["action"]["data"] for a in menu["areas"])
    assert datas == sorted(["menu:complaint", "menu:corruption", "menu:track", "menu:inquiry", "menu:survey",
                            "menu:suggest"])
