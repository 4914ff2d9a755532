"""The state behind the fake LINE API: what the bot sent, what LINE would have said, and knobs.

Thread-safe: the fake server answers requests on many threads while a test reads the results.
"""
from __future__ import annotations

import inspect
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .events import DEFAULT_DESTINATION
from .fake_parts import Call, Fault, Faults, ReplyTokens
from .fake_richmenus import RichMenuState

__all__ = ["Call", "FakeLineStore", "Fault"]


@dataclass(eq=False)  # one store is one fake LINE: compared and hashed by identity
class FakeLineStore:
    access_token: str | None = None  # None: any non-empty bearer token is accepted
    reply_token_ttl: float = 60.0
    strict_tokens: bool = False  # True: only tokens from issue_reply_token() are valid
    quota_limit: int | None = None  # None: no monthly target ("type": "none")
    reject_invalid: bool = True  # answer 400 like LINE when a request breaks a limit
    latency: float = 0.0  # seconds added to every answer; 0.1 mimics the real API
    bot_user_id: str = DEFAULT_DESTINATION
    bot_display_name: str = "Dev LINE OA"
    push_count: int = 0
    rich_menus: RichMenuState = field(default_factory=RichMenuState)
    # The simulator's own address (`make run`: http://127.0.0.1:PORT): it serves the after-photos in
    # place of the public https host, so image URLs under it are checked as if they were https. None
    # (tests, benchmarks): LINE's rule exactly.
    own_origin: str | None = None

    def __post_init__(self) -> None:
        self._lock = threading.RLock()
        self._changed = threading.Condition(self._lock)
        self._clear()

    @property
    def lock(self) -> threading.RLock:
        """Held by the fake API around check-then-act steps (retry keys, quota)."""
        return self._lock

    def _clear(self) -> None:
        self._calls: list[Call] = []
        self._violations: list[str] = []
        self._log: list[dict] = []
        self._deliveries: list[dict] = []
        self._contents: dict[str, tuple[bytes, str]] = {}
        self._profiles: dict[str, dict] = {}
        self._tokens = ReplyTokens()
        self._retry_keys: dict[str, dict] = {}
        self._faults = Faults()
        self._seq = 0

    # --- set-up used by tests and the simulator -----------------------------------------------
    def issue_reply_token(self, user_id: str) -> str:
        """A token for an event of this user; the bot's reply with it reaches this user's chat."""
        return self._tokens.issue(user_id)

    def expire_reply_token(self, token: str) -> None:
        self._tokens.expire(token)

    def put_content(self, message_id: str, data: bytes, content_type: str = "image/jpeg") -> None:
        with self._lock:
            self._contents[str(message_id)] = (bytes(data), content_type)

    def get_content(self, message_id: str) -> tuple[bytes, str] | None:
        with self._lock:
            return self._contents.get(str(message_id))

    def set_profile(self, user_id: str, display_name: str, picture_url: str | None = None,
                    status_message: str | None = None, language: str = "th") -> None:
        profile = {"userId": user_id, "displayName": display_name, "language": language}
        if picture_url:
            profile["pictureUrl"] = picture_url
        if status_message:
            profile["statusMessage"] = status_message
        with self._lock:
            self._profiles[user_id] = profile

    def profile(self, user_id: str) -> dict:
        """The profile LINE would return; users nobody named get a generated name."""
        with self._lock:
            known = self._profiles.get(user_id)
        return dict(known) if known else {"userId": user_id, "language": "th",
                                          "displayName": f"LINE user {user_id[-4:]}"}

    def profiles(self) -> list[dict]:
        with self._lock:
            return [dict(p) for p in self._profiles.values()]

    def fail_next(self, path_suffix: str, status: int = 500, times: int = 1, delay: float = 0.0,
                  body: Any = None, headers: dict[str, str] | None = None) -> None:
        """The next `times` requests whose path ends with `path_suffix` answer `status`, unprocessed
        (with `headers` added to the answer, e.g. {"Retry-After": "2"} on a 429)."""
        self._faults.add(Fault(path_suffix, status, times, delay, body, headers=headers))

    def hang_next(self, path_suffix: str, seconds: float, deliver: bool = True) -> None:
        """The next matching request answers only after `seconds` (a client timeout).

        deliver=True: it takes effect at once and only the answer is late (the case a push retry
        key exists for); deliver=False: it is dropped and finally answered 504.
        """
        self._faults.add(Fault(path_suffix, 504, 1, seconds, None, hang=True, deliver=deliver))

    def take_fault(self, path: str) -> Fault | None:
        return self._faults.take(path)

    def reset(self) -> None:
        """Forget everything recorded (profiles and contents too); keep the settings."""
        with self._changed:
            self._clear()
            self.push_count = 0
            self.rich_menus = RichMenuState()
            self._changed.notify_all()

    # --- recording, used by the fake API ------------------------------------------------------
    def record_call(self, call: Call) -> Call:
        with self._changed:
            self._calls.append(call)
            self._changed.notify_all()
        return call

    def finish_call(self, call: Call, status: int) -> None:
        with self._changed:
            call.status = status
            self._changed.notify_all()

    def add_violations(self, where: str, problems: list[str], user_id: str | None = None) -> None:
        with self._changed:
            for problem in problems:
                self._violations.append(f"{where}: {problem}")
                if user_id:
                    self._append_log(user_id, "system", {"type": "violation", "text": problem})
            self._changed.notify_all()

    def note(self, user_id: str | None, text: str) -> None:
        """A line for the simulator's chat: something LINE did not deliver, and why."""
        if user_id:
            with self._changed:
                self._append_log(user_id, "system", {"type": "notice", "text": text})
                self._changed.notify_all()

    def log_user_message(self, user_id: str, message: dict) -> int:
        """What the simulated citizen did, so the chat shows both sides in order."""
        with self._changed:
            seq = self._append_log(user_id, "user", message)
            self._changed.notify_all()
            return seq

    def _append_log(self, user_id: str, sender: str, message: dict, via: str | None = None) -> int:
        self._seq += 1
        self._log.append({"seq": self._seq, "user_id": user_id, "from": sender, "via": via,
                          "message": message, "time": time.time()})
        return self._seq

    def token_user(self, token: str) -> str | None:
        return self._tokens.user_of(token)

    def use_reply_token(self, token: str | None) -> bool:
        """A token works once, within `reply_token_ttl` seconds of being issued."""
        return self._tokens.use(token, self.reply_token_ttl, self.strict_tokens)

    def accepted_retry(self, key: str | None) -> dict | None:
        with self._lock:
            return self._retry_keys.get(key) if key else None

    def deliver(self, kind: str, user_id: str | None, body: dict, sent: list[dict],
                request_id: str, reply_token: str | None = None, retry_key: str | None = None,
                headers: dict | None = None) -> None:
        messages = body["messages"]
        with self._changed:
            self._deliveries.append({"kind": kind, "user_id": user_id, "to": user_id,
                                     "reply_token": reply_token, "retry_key": retry_key,
                                     "messages": messages, "body": body, "headers": headers or {},
                                     "sent_messages": sent,
                                     "request_id": request_id, "time": time.time()})
            if kind == "push":
                self.push_count += 1
            if retry_key:
                self._retry_keys[retry_key] = {"request_id": request_id, "sent_messages": sent}
            if user_id:
                for msg in messages:
                    self._append_log(user_id, "bot", msg, via=kind)
            self._changed.notify_all()

    # --- reading, used by tests and the simulator ---------------------------------------------
    @property
    def calls(self) -> list[Call]:
        with self._lock:
            return list(self._calls)

    @property
    def violations(self) -> list[str]:
        with self._lock:
            return list(self._violations)

    def calls_to(self, path_suffix: str) -> list[Call]:
        return [c for c in self.calls if c.path.endswith(path_suffix)]

    def replies(self) -> list[dict]:
        """Accepted replies, oldest first: {"reply_token", "user_id", "messages", "body" (the JSON
        request), "headers", "sent_messages", "request_id", "time"}."""
        with self._lock:
            return [dict(d) for d in self._deliveries if d["kind"] == "reply"]

    def pushes(self) -> list[dict]:
        """Accepted pushes, oldest first: {"to", "messages", "retry_key", "body", ...} as for replies."""
        with self._lock:
            return [dict(d) for d in self._deliveries if d["kind"] == "push"]

    def messages_for(self, user_id: str) -> list[dict]:
        """Every message object delivered to this user (replies and pushes), in order."""
        with self._lock:
            return [e["message"] for e in self._log if e["user_id"] == user_id and e["from"] == "bot"]

    def chat_log(self, user_id: str, after: int = 0) -> list[dict]:
        """The simulator's view: user, bot and system entries with a sequence number above `after`."""
        with self._lock:
            return [dict(e) for e in self._log if e["user_id"] == user_id and e["seq"] > after]

    def wait_for(self, predicate: Callable[..., Any], timeout: float = 5.0) -> Any:
        """Block until predicate() (or predicate(store)) is truthy; return its value or raise TimeoutError."""
        wants_store = len(inspect.signature(predicate).parameters) >= 1
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                value = predicate(self) if wants_store else predicate()
                if value:
                    return value
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"fake LINE: condition not met within {timeout} s; "
                                       f"{len(self._calls)} calls, violations: {self._violations}")
                self._changed.wait(min(left, 0.05))
