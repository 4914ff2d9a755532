"""The fake LINE API, driven by the real line-bot-sdk client over HTTP."""
from __future__ import annotations

import threading
import time
import uuid

import pytest
import requests
from linebot.v3.messaging import (
    PostbackAction,
    PushMessageRequest,
    QuickReply,
    QuickReplyItem,
    ReplyMessageRequest,
    RichMenuArea,
    RichMenuBounds,
    RichMenuRequest,
    RichMenuSize,
    TextMessage,
)
from linebot.v3.messaging.exceptions import ApiException

from bot.devchat.fake_line import FakeLineServer, FakeLineStore

from .conftest import USER, image_bytes

AUTH = {"Authorization": "Bearer test-token"}


def reply(api, token, *texts):
    return api.reply_message(ReplyMessageRequest(
        reply_token=token, messages=[TextMessage(text=t) for t in texts or ("hi",)]))


def push(api, to=USER, text="news", retry_key=None):
    return api.push_message(PushMessageRequest(to=to, messages=[TextMessage(text=text)]),
                            x_line_retry_key=retry_key)


def error_of(call):
    with pytest.raises(ApiException) as info:
        call()
    return info.value


# --- replies and reply tokens -------------------------------------------------------------------
def test_reply_is_delivered_to_the_tokens_user(line_api, store):
    token = store.issue_reply_token(USER)
    resp = reply(line_api, token, "สวัสดีค่ะ", "มีอะไรให้ช่วยคะ")
    assert len(resp.sent_messages) == 2 and resp.sent_messages[0].quote_token
    assert [m["text"] for m in store.messages_for(USER)] == ["สวัสดีค่ะ", "มีอะไรให้ช่วยคะ"]
    (r,) = store.replies()
    assert r["reply_token"] == token and r["user_id"] == USER
    call = store.calls[-1]
    assert (call.method, call.path, call.status) == ("POST", "/v2/bot/message/reply", 200)
    assert call.json["replyToken"] == token and call.headers["Authorization"] == "Bearer test-token"
    assert store.violations == []


def test_a_reply_token_works_once(line_api, store):
    token = store.issue_reply_token(USER)
    reply(line_api, token)
    err = error_of(lambda: reply(line_api, token))
    assert err.status == 400 and "Invalid reply token" in err.body
    assert len(store.replies()) == 1


def test_expired_reply_tokens_are_refused(line_api, store):
    token = store.issue_reply_token(USER)
    store.expire_reply_token(token)
    assert error_of(lambda: reply(line_api, token)).status == 400
    store.reply_token_ttl = 0.05
    late = store.issue_reply_token(USER)
    time.sleep(0.1)
    assert error_of(lambda: reply(line_api, late)).status == 400
    assert store.replies() == []
    # The simulator's chat says why nothing arrived.
    assert any(e["from"] == "system" for e in store.chat_log(USER))


def test_unissued_tokens_work_once_unless_strict(line_api, store):
    reply(line_api, "made-up-token")
    assert error_of(lambda: reply(line_api, "made-up-token")).status == 400
    store.strict_tokens = True
    assert error_of(lambda: reply(line_api, "another-token")).status == 400


# --- limits ---------------------------------------------------------------------------------------
def test_limit_violations_are_refused_and_recorded(line_api, store):
    token = store.issue_reply_token(USER)
    items = [QuickReplyItem(action=PostbackAction(label="ตัวเลือกที่ยาวเกินกว่ายี่สิบตัวอักษรแน่นอน",
                                                  data="x"))]
    err = error_of(lambda: line_api.reply_message(ReplyMessageRequest(
        reply_token=token, messages=[TextMessage(text="a", quick_reply=QuickReply(items=items))])))
    assert err.status == 400 and "The request body has 1 error(s)" in err.body
    assert "messages[0].quickReply.items[0].action.label" in err.body
    assert len(store.violations) == 1 and "longer than 20" in store.violations[0]
    assert store.violations[0].startswith("POST /v2/bot/message/reply: ")
    # The token was not spent on a refused request, as with LINE.
    reply(line_api, token)


def test_too_many_messages_and_long_text(fake_line, store):
    token = store.issue_reply_token(USER)
    body = {"replyToken": token, "messages": [{"type": "text", "text": "a"}] * 6}
    resp = requests.post(fake_line.base_url + "/v2/bot/message/reply", json=body, headers=AUTH)
    assert resp.status_code == 400 and resp.json()["details"][0]["property"] == "messages"
    body = {"to": USER, "messages": [{"type": "text", "text": "ก" * 5001}]}
    resp = requests.post(fake_line.base_url + "/v2/bot/message/push", json=body, headers=AUTH)
    assert resp.status_code == 400
    assert len(store.violations) == 2 and store.pushes() == []


def test_watch_only_mode_delivers_but_records(line_api, store):
    store.reject_invalid = False
    token = store.issue_reply_token(USER)
    long_label = "ก" * 21
    line_api.reply_message(ReplyMessageRequest(reply_token=token, messages=[TextMessage(
        text="a", quick_reply=QuickReply(items=[QuickReplyItem(action=PostbackAction(label=long_label, data="d"))]))]))
    assert len(store.replies()) == 1 and len(store.violations) == 1


# --- push, retry keys, quota ----------------------------------------------------------------------
def test_push_with_a_repeated_retry_key_answers_409_and_is_not_delivered_twice(line_api, store):
    key = str(uuid.uuid4())
    first = push(line_api, retry_key=key)
    err = error_of(lambda: push(line_api, retry_key=key))
    assert err.status == 409
    accepted = store.calls_to("/message/push")[0]
    assert err.headers["x-line-accepted-request-id"]
    assert '"sentMessages"' in err.body and first.sent_messages[0].id in err.body
    assert len(store.pushes()) == 1 and store.push_count == 1
    assert accepted.status == 200


def test_a_failed_push_can_be_retried_with_the_same_key(line_api, store):
    key = str(uuid.uuid4())
    store.fail_next("/message/push", status=500)
    assert error_of(lambda: push(line_api, retry_key=key)).status == 500
    push(line_api, retry_key=key)
    assert len(store.pushes()) == 1 and store.pushes()[0]["retry_key"] == key


def test_quota(line_api, store):
    store.quota_limit = 2
    assert line_api.get_message_quota().value == 2
    push(line_api)
    push(line_api)
    err = error_of(lambda: push(line_api))
    assert err.status == 429 and "monthly limit" in err.body
    assert line_api.get_message_quota_consumption().total_usage == 2
    token = store.issue_reply_token(USER)
    reply(line_api, token)  # replies are free and never refused for quota
    assert store.push_count == 2


def test_quota_without_limit(line_api):
    assert line_api.get_message_quota().type.value == "none"


# --- faults, latency, timeouts --------------------------------------------------------------------
def test_fail_next_injects_errors_a_number_of_times(line_api, store):
    store.fail_next("/message/push", status=503, times=2, body={"message": "busy"})
    assert error_of(lambda: push(line_api)).status == 503
    err = error_of(lambda: push(line_api))
    assert err.status == 503 and "busy" in err.body
    push(line_api)
    assert [c.status for c in store.calls_to("/message/push")] == [503, 503, 200]
    assert len(store.pushes()) == 1


def test_fail_next_delay(line_api, store):
    store.fail_next("/v2/bot/info", status=500, delay=0.2)
    started = time.monotonic()
    assert error_of(line_api.get_bot_info).status == 500
    assert time.monotonic() - started >= 0.2


def test_latency_applies_to_every_call(line_api, store):
    store.latency = 0.1
    started = time.monotonic()
    line_api.get_bot_info()
    assert time.monotonic() - started >= 0.1


def test_hang_with_delivery_is_a_lost_answer_that_a_retry_key_protects(fake_line, store):
    store.hang_next("/message/push", 1.0)
    key = str(uuid.uuid4())
    body = {"to": USER, "messages": [{"type": "text", "text": "status changed"}]}
    headers = {**AUTH, "X-Line-Retry-Key": key}
    with pytest.raises(requests.Timeout):
        requests.post(fake_line.base_url + "/v2/bot/message/push", json=body, headers=headers, timeout=0.3)
    retry = requests.post(fake_line.base_url + "/v2/bot/message/push", json=body, headers=headers, timeout=5)
    assert retry.status_code == 409 and retry.headers["x-line-accepted-request-id"]
    assert len(store.pushes()) == 1


def test_hang_without_delivery_drops_the_request(fake_line, store):
    store.hang_next("/message/push", 0.5, deliver=False)
    body = {"to": USER, "messages": [{"type": "text", "text": "x"}]}
    with pytest.raises(requests.Timeout):
        requests.post(fake_line.base_url + "/v2/bot/message/push", json=body, headers=AUTH, timeout=0.2)
    store.wait_for(lambda: store.calls[-1].status is not None, timeout=3)
    assert store.calls[-1].status == 504 and store.pushes() == []


def test_concurrent_requests_are_served_while_one_hangs(fake_line, store):
    store.hang_next("/v2/bot/info", 1.0)
    threading.Thread(target=lambda: requests.get(fake_line.base_url + "/v2/bot/info", headers=AUTH),
                     daemon=True).start()
    store.wait_for(lambda: store.calls_to("/v2/bot/info"), timeout=2)
    started = time.monotonic()
    assert requests.get(fake_line.base_url + "/v2/bot/message/quota", headers=AUTH).ok
    assert time.monotonic() - started < 0.5


# --- auth, headers, other endpoints ---------------------------------------------------------------
def test_authorization_is_required(fake_line, store):
    resp = requests.get(fake_line.base_url + "/v2/bot/info")
    assert resp.status_code == 401 and "message" in resp.json()
    store.access_token = "right"
    resp = requests.get(fake_line.base_url + "/v2/bot/info", headers={"Authorization": "Bearer wrong"})
    assert resp.status_code == 401
    resp = requests.get(fake_line.base_url + "/v2/bot/info", headers={"Authorization": "Bearer right"})
    assert resp.status_code == 200 and resp.headers["x-line-request-id"]


def test_profile_content_and_bot_info(line_api, line_blob, store):
    store.set_profile(USER, "สมชาย ใจดี")
    profile = line_api.get_profile(USER)
    assert (profile.display_name, profile.user_id) == ("สมชาย ใจดี", USER)
    stranger = "U" + "9" * 32
    assert line_api.get_profile(stranger).display_name  # a generated name, never empty
    store.put_content("325708", b"\xff\xd8jpeg-bytes", "image/jpeg")
    assert bytes(line_blob.get_message_content("325708")) == b"\xff\xd8jpeg-bytes"
    assert error_of(lambda: line_blob.get_message_content("404404")).status == 404
    info = line_api.get_bot_info()
    assert info.user_id == store.bot_user_id and info.chat_mode == "bot"


def test_unknown_endpoint_is_404_and_recorded(fake_line, store):
    resp = requests.post(fake_line.base_url + "/v2/bot/message/broadcast", json={}, headers=AUTH)
    assert resp.status_code == 404 and resp.json() == {"message": "Not found"}
    assert store.calls[-1].path == "/v2/bot/message/broadcast"


def test_loading_animation_and_validate(fake_line):
    resp = requests.post(fake_line.base_url + "/v2/bot/chat/loading/start", json={"chatId": USER}, headers=AUTH)
    assert resp.status_code == 202
    ok = {"messages": [{"type": "text", "text": "a"}]}
    assert requests.post(fake_line.base_url + "/v2/bot/message/validate/reply", json=ok, headers=AUTH).ok
    bad = {"messages": [{"type": "text", "text": ""}]}
    assert requests.post(fake_line.base_url + "/v2/bot/message/validate/push", json=bad,
                         headers=AUTH).status_code == 400


# --- rich menus -----------------------------------------------------------------------------------
def menu_request(chat_bar="เมนูหลัก"):
    return RichMenuRequest(size=RichMenuSize(width=2500, height=843), selected=True, name="main",
                           chat_bar_text=chat_bar, areas=[RichMenuArea(
                               bounds=RichMenuBounds(x=0, y=0, width=1250, height=843),
                               action=PostbackAction(label="ร้องเรียน", data="menu=complaint"))])


def test_rich_menu_lifecycle(line_api, line_blob, store):
    menu_id = line_api.create_rich_menu(menu_request()).rich_menu_id
    err = error_of(lambda: line_api.set_default_rich_menu(menu_id))
    assert err.status == 400 and "upload" in err.body  # no image yet
    line_blob.set_rich_menu_image(menu_id, body=bytearray(image_bytes(2500, 843)),
                                  _headers={"Content-Type": "image/png"})
    err = error_of(lambda: line_blob.set_rich_menu_image(menu_id, body=bytearray(image_bytes(2500, 843)),
                                                          _headers={"Content-Type": "image/png"}))
    assert err.status == 400  # an image is uploaded once
    line_api.set_default_rich_menu(menu_id)
    assert line_api.get_default_rich_menu_id().rich_menu_id == menu_id
    menus = line_api.get_rich_menu_list().richmenus
    assert [m.rich_menu_id for m in menus] == [menu_id] and menus[0].chat_bar_text == "เมนูหลัก"
    line_api.cancel_default_rich_menu()
    assert error_of(line_api.get_default_rich_menu_id).status == 404
    line_api.delete_rich_menu(menu_id)
    assert line_api.get_rich_menu_list().richmenus == []
    assert error_of(lambda: line_api.delete_rich_menu(menu_id)).status == 404


def test_rich_menu_checks(fake_line, line_api, line_blob, store):
    # The SDK refuses a 15-character chat bar text itself, so send the JSON by hand.
    menu = menu_request().to_dict()
    menu["chatBarText"] = "ก" * 15
    resp = requests.post(fake_line.base_url + "/v2/bot/richmenu", json=menu, headers=AUTH)
    assert resp.status_code == 400 and "chatBarText" in resp.text
    menu_id = line_api.create_rich_menu(menu_request()).rich_menu_id
    err = error_of(lambda: line_blob.set_rich_menu_image(
        menu_id, body=bytearray(image_bytes(2500, 1686)), _headers={"Content-Type": "image/png"}))
    assert err.status == 400 and "does not match" in err.body
    assert any("does not match" in v for v in store.violations)


# --- helpers for tests ----------------------------------------------------------------------------
def test_wait_for_returns_the_value_or_times_out(line_api, store):
    token = store.issue_reply_token(USER)
    threading.Timer(0.1, lambda: reply(line_api, token, "later")).start()
    got = store.wait_for(lambda s: s.messages_for(USER), timeout=3)
    assert got[0]["text"] == "later"
    with pytest.raises(TimeoutError):
        store.wait_for(lambda: store.pushes(), timeout=0.1)


def test_reset_forgets_recorded_state(line_api, store):
    push(line_api)
    store.reset()
    assert store.calls == [] and store.pushes() == [] and store.push_count == 0
    push(line_api)
    assert len(store.pushes()) == 1


def test_server_context_manager_with_own_store():
    store = FakeLineStore(access_token="abc")
    with FakeLineServer(store) as server:
        assert server.store is store and server.base_url.startswith("http://127.0.0.1:")
        assert requests.get(server.base_url + "/v2/bot/info",
                            headers={"Authorization": "Bearer abc"}).ok
    with pytest.raises(requests.ConnectionError):
        requests.get(server.base_url + "/v2/bot/info", timeout=1)


def test_deliveries_keep_the_request_body(line_api, store):
    token = store.issue_reply_token(USER)
    reply(line_api, token, "a")
    push(line_api, text="b")
    (r,) = store.replies()
    assert r["body"]["replyToken"] == token and r["body"]["messages"] == [{"type": "text", "text": "a"}]
    assert r["headers"]["Authorization"] == "Bearer test-token"
    assert store.pushes()[0]["body"]["to"] == USER and store.pushes()[0]["messages"][0]["text"] == "b"
    call = store.calls[-1]  # calls read as objects or as mappings
    assert call["path"] == call.path == "/v2/bot/message/push" and call.get("status") == 200
    with pytest.raises(KeyError):
        call["nothing"]


def test_the_simulators_own_http_address_stands_in_for_the_public_https_host_and_nothing_else():
    """`make run` serves after-photos over http on its own address: the simulator's fake takes that
    address for the public host (so the citizen sees the photos there); any other http URL, and the
    same URL when the fake is not the simulator's, is refused as LINE refuses it."""
    own = "http://127.0.0.1:5000"

    def push_image(store: FakeLineStore, url: str) -> int:
        with FakeLineServer(store) as line:
            body = {"to": USER, "messages": [{"type": "image", "originalContentUrl": url + "/a.jpg",
                                              "previewImageUrl": url + "/a-preview.jpg"}]}
            return requests.post(line.base_url + "/v2/bot/message/push", json=body, timeout=5,
                                 headers={**AUTH, "X-Line-Retry-Key": str(uuid.uuid4())}).status_code

    assert push_image(FakeLineStore(own_origin=own), own + "/photos/after/1/sig") == 200
    assert push_image(FakeLineStore(own_origin=own), "http://elsewhere.test/photos") == 400
    assert push_image(FakeLineStore(own_origin=own), "http://127.0.0.1:50001/photos") == 400
    assert push_image(FakeLineStore(), own + "/photos/after/1/sig") == 400
