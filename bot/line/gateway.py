"""The only code that talks to LINE's Messaging API.

Over 250 lines on purpose: every LINE call and its timeout, error and retry classification in one
place is the point of this module.

Every call has a timeout and returns a plain `SendResult`; deciding whether to retry, when, and
whether to fall back from reply to push is the outbox's job (bot/runtime/outbox.py).

Reply, push and the profile (display name), the calls made for every event or new citizen, are
plain HTTPS requests over one keep-alive http.client connection per thread (bot/line/connections.py):
the SDK turned each message into pydantic models and back, about 3 ms of CPU per call, and urllib3's
pool cost 0.8 ms against 0.35, on the path that decides how many events a worker answers per second.
A worker pool's replies are written without waiting for the answer, which one thread waits for
on behalf of all (`reply_soon`, bot/line/in_flight.py). The outbox's stored JSON is sent as it is
(not decoded and encoded again). LINE validates the
messages either way (and the fake API in tests checks its limits). Photos are streamed through
urllib3 (size and time limits); quota and rich menus go through line-bot-sdk `linebot.v3`, loaded on
first use, so a process that never calls it (an event worker) does not carry it.
"""
from __future__ import annotations

import http.client
import json
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import version
from typing import Any
from urllib.parse import quote

import urllib3

from bot.line.connections import ThreadConnections
from bot.line.in_flight import InFlight
from bot.settings import LINE_API_DEFAULT, LINE_DATA_API_DEFAULT

log = logging.getLogger(__name__)
POOL_SIZE = 32  # connections kept to LINE: one per worker thread that may be sending at once
CONTENT_SECONDS = 30.0  # a photo's whole download; LINE's data API sends 10 MB in a second or two


@dataclass(frozen=True)
class SendResult:
    ok: bool
    status: int | None = None  # HTTP status; None when no answer came (timeout, refused)
    error: str = ""
    request_id: str = ""
    retry_after: float | None = None  # seconds, when a 429 or 503 said how long to wait

    @property
    def retryable(self) -> bool:
        """LINE's advice: retry on 5xx, 429 and when no answer came; never on other 4xx."""
        return self.status is None or self.status >= 500 or self.status == 429

    @property
    def invalid_reply_token(self) -> bool:
        return self.status == 400 and "reply token" in self.error.lower()


class GatewayError(Exception):
    def __init__(self, result: SendResult):
        super().__init__(f"LINE API {result.status}: {result.error}")
        self.result = result


@lru_cache(maxsize=1)
def _sdk_client_class() -> type:
    from linebot.v3.messaging import ApiClient

    class HostMappingApiClient(ApiClient):
        """The SDK hard-codes api-data.line.me for content calls; point them where settings say."""

        def __init__(self, configuration: Any, data_host: str):
            super().__init__(configuration)
            self._data_host = data_host

        def call_api(self, *args: Any, **kwargs: Any) -> Any:
            if kwargs.get("_host") == LINE_DATA_API_DEFAULT and self._data_host != LINE_DATA_API_DEFAULT:
                kwargs["_host"] = self._data_host
            return super().call_api(*args, **kwargs)

    return HostMappingApiClient


class LineGateway:
    def __init__(self, *, access_token: str, api_base: str = LINE_API_DEFAULT,
                 data_api_base: str = LINE_DATA_API_DEFAULT, timeout: float = 5.0):
        self._token, self._base, self._data_base = access_token, api_base.rstrip("/"), data_api_base.rstrip("/")
        self.timeout = timeout
        self._http = urllib3.PoolManager(maxsize=POOL_SIZE, retries=False)  # photos (streamed)
        self._calls = ThreadConnections(self._base, timeout)  # reply, push, profile: once per event
        self._in_flight: InFlight | None = None  # replies sent without waiting (a worker pool's)
        self._lock = threading.Lock()
        self._headers = {"Authorization": f"Bearer {access_token}", "Content-Type": "application/json",
                         "User-Agent": f"line-bot-sdk-python/{version('line-bot-sdk')}"}
        self._sdk: tuple[Any, Any, Any] | None = None

    @property
    def _api(self) -> Any:
        return self._sdk_parts()[1]

    @property
    def _blob(self) -> Any:
        return self._sdk_parts()[2]

    def _sdk_parts(self) -> tuple[Any, Any, Any]:
        if self._sdk is None:
            from linebot.v3.messaging import Configuration, MessagingApi, MessagingApiBlob

            config = Configuration(host=self._base, access_token=self._token)
            config.retries = False  # the outbox retries, with backoff and a retry key
            config.connection_pool_maxsize = POOL_SIZE
            client = _sdk_client_class()(config, self._data_base)
            self._sdk = (client, MessagingApi(client), MessagingApiBlob(client))
        return self._sdk

    def close(self) -> None:
        self._http.clear()
        self._calls.close()
        if self._in_flight is not None:
            self._in_flight.close()
        if self._sdk is not None:
            self._sdk[0].close()

    # --- messages --------------------------------------------------------------------------------
    def reply(self, reply_token: str, messages: Messages) -> SendResult:
        """`messages`: a list, or the JSON of one as the outbox stores it (used as it is, not
        decoded and encoded again)."""
        return self._post("/v2/bot/message/reply", _body("replyToken", reply_token, messages))

    def push(self, to: str, messages: Messages, retry_key: str) -> SendResult:
        """A push with LINE's idempotency key: a repeat of an accepted request answers 409."""
        result = self._post("/v2/bot/message/push", _body("to", to, messages), {"X-Line-Retry-Key": retry_key})
        if result.status == 409:  # accepted earlier under this key: delivered, not to repeat
            return SendResult(ok=True, status=409, request_id=result.request_id)
        return result

    def reply_soon(self, reply_token: str, messages: Messages, done: Callable[[SendResult], None]) -> None:
        """`reply` without waiting for LINE's answer: `done` gets it, from the thread that waits for
        every such answer (bot/line/in_flight.py), and must be quick."""
        if self._in_flight is None:
            with self._lock:
                if self._in_flight is None:
                    self._in_flight = InFlight(self._calls.endpoint)
        self._in_flight.post("/v2/bot/message/reply", _body("replyToken", reply_token, messages), self._headers,
                             self.timeout, lambda resp, body, exc: done(_result(resp, body, exc)))

    def wait_replies(self, timeout: float) -> bool:
        """Wait until every `reply_soon` has had its answer; False if some had not by `timeout`."""
        return self._in_flight is None or self._in_flight.wait_idle(timeout)

    def _post(self, path: str, data: bytes, extra: dict[str, str] | None = None) -> SendResult:
        headers = {**self._headers, **extra} if extra else self._headers
        try:
            resp, body = self._calls.send("POST", path, data, headers, self.timeout)
        except Exception as exc:  # timeouts and refused connections: no answer at all
            return _result(None, b"", exc)
        return _result(resp, body, None)

    # --- reads ----------------------------------------------------------------------------------
    def get_content(self, message_id: str, max_bytes: int, deadline: float = CONTENT_SECONDS) -> tuple[bytes, str]:
        """The bytes of an image a user sent, and their content type. Read as a stream: more
        than `max_bytes` is refused as soon as it is announced or received (the SDK read a
        200 MB "image" whole before anyone could check its size), and the whole download must
        end within `deadline` seconds (a body sent at 1 KB/s held a worker for its length)."""
        url = f"{self._data_base}/v2/bot/message/{quote(message_id, safe='')}/content"
        headers = {"Authorization": self._headers["Authorization"], "User-Agent": self._headers["User-Agent"]}
        ends = time.monotonic() + deadline
        try:
            resp = self._http.request("GET", url, headers=headers, preload_content=False,
                                      timeout=urllib3.Timeout(connect=self.timeout, read=self.timeout))
        except Exception as exc:  # timeouts and refused connections: no answer at all
            raise GatewayError(SendResult(ok=False, error=f"{type(exc).__name__}: {exc}")) from exc
        try:
            if resp.status >= 300:
                raise GatewayError(SendResult(ok=False, status=resp.status, error=_message(resp.read(65536), resp.reason),
                                              retry_after=_seconds(resp.headers.get("retry-after", ""))))
            announced = resp.headers.get("content-length", "")
            if announced.isdigit() and int(announced) > max_bytes:
                raise _too_large(max_bytes)
            chunks, size = [], 0
            # read1: whatever has arrived, not a wait for a full chunk (at 1 KB/s, 64 KB took a minute)
            for chunk in iter(lambda: resp.read1(64 * 1024), b""):
                size += len(chunk)
                if size > max_bytes:
                    raise _too_large(max_bytes)
                if time.monotonic() > ends:  # retryable: LINE may be faster next time
                    raise GatewayError(SendResult(ok=False, error=f"content took longer than {deadline:.0f} s"))
                chunks.append(chunk)
        except GatewayError:
            raise
        except Exception as exc:  # cut off or timed out mid-body
            raise GatewayError(SendResult(ok=False, error=f"{type(exc).__name__}: {exc}")) from exc
        finally:
            resp.close()  # never drains what is left: that would read the rest of a huge body
        return b"".join(chunks), resp.headers.get("content-type", "application/octet-stream")

    def get_display_name(self, user_id: str) -> str | None:
        """The user's LINE display name, or None (no answer, or LINE refused). A plain GET like
        reply and push: the SDK's models cost ~3 ms of CPU per call, once per new citizen."""
        headers = {"Authorization": self._headers["Authorization"], "User-Agent": self._headers["User-Agent"]}
        try:
            resp, body = self._calls.send("GET", f"/v2/bot/profile/{quote(user_id, safe='')}", None, headers,
                                          self.timeout)
            if resp.status >= 300:
                log.info("profile of %s: LINE answered %s", user_id, resp.status)
                return None
            name = json.loads(body).get("displayName")
        except Exception as exc:  # no answer, or not JSON: the name is learnt another day
            log.info("profile of %s: %s: %s", user_id, type(exc).__name__, exc)
            return None
        return name if isinstance(name, str) else None

    def quota(self) -> tuple[int | None, int | None]:
        """(monthly push limit or None when unlimited/unknown, pushes used this month or None)."""
        try:
            q = self._api.get_message_quota(_request_timeout=self.timeout)
            used = self._api.get_message_quota_consumption(_request_timeout=self.timeout)
            limit = q.value if q.type == "limited" else None
            return limit, used.total_usage
        except Exception as exc:  # quota is informational: never break a page for it
            log.warning("quota lookup failed: %s", exc)
            return None, None

    # --- rich menus (used by `flask richmenu deploy`, never by the webhook path) ---------------------
    def create_rich_menu(self, menu: dict[str, Any]) -> tuple[SendResult, str | None]:
        """(result, the new rich menu's id or None)."""
        from linebot.v3.messaging import RichMenuRequest

        request = RichMenuRequest.from_dict(menu)
        box: dict[str, Any] = {}
        result = self._call(lambda: box.setdefault("resp", self._api.create_rich_menu_with_http_info(
            request, _request_timeout=self.timeout)))
        return result, (box["resp"].data.rich_menu_id if result.ok else None)

    def set_rich_menu_image(self, menu_id: str, data: bytes, content_type: str = "image/png") -> SendResult:
        """Upload the image through the data API (api-data.line.me, or where settings point it)."""
        return self._call(lambda: self._blob.set_rich_menu_image_with_http_info(
            menu_id, bytes(data), _headers={"Content-Type": content_type}, _request_timeout=self.timeout))

    def set_default_rich_menu(self, menu_id: str) -> SendResult:
        return self._call(lambda: self._api.set_default_rich_menu_with_http_info(
            menu_id, _request_timeout=self.timeout))

    def get_default_rich_menu_id(self) -> tuple[SendResult, str | None]:
        """(result, the default rich menu's id); LINE answers 404 when there is no default."""
        box: dict[str, Any] = {}
        result = self._call(lambda: box.setdefault("resp", self._api.get_default_rich_menu_id_with_http_info(
            _request_timeout=self.timeout)))
        return result, (box["resp"].data.rich_menu_id if result.ok else None)

    def list_rich_menus(self) -> tuple[SendResult, list[dict[str, Any]]]:
        """(result, the channel's rich menus as LINE's JSON: richMenuId, name, chatBarText, ...)."""
        box: dict[str, Any] = {}
        result = self._call(lambda: box.setdefault("resp", self._api.get_rich_menu_list_with_http_info(
            _request_timeout=self.timeout)))
        if not result.ok:
            return result, []
        return result, [m.to_dict() for m in box["resp"].data.richmenus or []]

    def delete_rich_menu(self, menu_id: str) -> SendResult:
        return self._call(lambda: self._api.delete_rich_menu_with_http_info(
            menu_id, _request_timeout=self.timeout))

    def link_rich_menu(self, user_id: str, menu_id: str) -> SendResult:
        """Give one user their own menu (a linked staff member's), over the default."""
        return self._call(lambda: self._api.link_rich_menu_id_to_user_with_http_info(
            user_id, menu_id, _request_timeout=self.timeout))

    def unlink_rich_menu(self, user_id: str) -> SendResult:
        """Back to the default menu."""
        return self._call(lambda: self._api.unlink_rich_menu_id_from_user_with_http_info(
            user_id, _request_timeout=self.timeout))

    # --- plumbing -------------------------------------------------------------------------------
    def _call(self, fn: Any) -> SendResult:
        from linebot.v3.messaging import ApiException

        try:
            resp = fn()
        except ApiException as exc:
            return SendResult(ok=False, status=exc.status or None, error=_error_text(exc),
                              request_id=_header(exc.headers, "x-line-request-id"),
                              retry_after=_seconds(_header(exc.headers, "retry-after")))
        except Exception as exc:  # timeouts and refused connections: no answer at all
            return SendResult(ok=False, status=None, error=f"{type(exc).__name__}: {exc}")
        return SendResult(ok=True, status=resp.status_code,
                          request_id=_header(resp.headers, "x-line-request-id"))


Messages = list[dict[str, Any]] | str


def _body(key: str, value: str, messages: Messages) -> bytes:
    """{key: value, "messages": ...} as UTF-8 JSON; messages already in JSON are put in as they are."""
    encoded = messages if isinstance(messages, str) else json.dumps(messages, ensure_ascii=False,
                                                                    separators=(",", ":"))
    return f'{{{json.dumps(key)}:{json.dumps(value, ensure_ascii=False)},"messages":{encoded}}}'.encode()


def _result(resp: http.client.HTTPResponse | None, body: bytes, exc: Exception | None) -> SendResult:
    """LINE's answer to a message call as a SendResult (no response: timeouts, refused connections)."""
    if resp is None:
        return SendResult(ok=False, status=None, error=f"{type(exc).__name__}: {exc}")
    request_id = resp.getheader("x-line-request-id", "")
    if resp.status < 300:
        return SendResult(ok=True, status=resp.status, request_id=request_id)
    return SendResult(ok=False, status=resp.status, error=_message(body, resp.reason),
                      request_id=request_id, retry_after=_seconds(resp.getheader("retry-after", "")))


def _too_large(max_bytes: int) -> GatewayError:
    # 413: not retryable, the same content will be as large next time.
    return GatewayError(SendResult(ok=False, status=413, error=f"too large: more than {max_bytes} bytes"))


def _header(headers: Any, name: str) -> str:
    if not headers:
        return ""
    for k, v in dict(headers).items():
        if k.lower() == name:
            return str(v)
    return ""


def _seconds(value: str) -> float | None:
    """Retry-After in seconds (the HTTP-date form is rare for APIs and treated as absent)."""
    value = value.strip()
    return float(value) if value.isdigit() else None


def _error_text(exc: Any) -> str:
    return _message(exc.body, exc.reason)


def _message(body: Any, reason: str | None) -> str:
    """LINE's error "message" from a JSON error body, else the body or the HTTP reason."""
    if isinstance(body, (bytes, bytearray)):
        body = body.decode("utf-8", "replace")
    try:
        return str(json.loads(body).get("message", body))
    except Exception:
        return str(body or reason or "")
