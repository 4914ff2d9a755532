"""Pieces of the fake LINE API's state: recorded calls, injected faults, reply tokens."""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Any

from .events import new_reply_token


@dataclass
class Call:
    """One request the fake received; `status` is filled in once it has been answered."""
    method: str
    path: str
    headers: dict[str, str]
    json: Any
    body: bytes
    query: dict[str, str]
    time: float
    status: int | None = None

    # Also readable as a mapping (call["path"]), the way the recorded deliveries are.
    def __getitem__(self, key: str) -> Any:
        if key not in self.__dataclass_fields__:
            raise KeyError(key)
        return getattr(self, key)

    def get(self, key: str, default: Any = None) -> Any:
        return getattr(self, key, default) if key in self.__dataclass_fields__ else default


@dataclass
class Fault:
    path_suffix: str
    status: int = 500
    times: int = 1
    delay: float = 0.0
    body: Any = None
    hang: bool = False  # a hang delays the answer past the client's timeout
    deliver: bool = True  # for a hang: whether the request still takes effect (a lost answer)
    headers: dict[str, str] | None = None  # extra answer headers, e.g. {"Retry-After": "3"} on a 429


class Faults:
    """Injected failures, consumed by the requests whose path ends with their suffix."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._faults: list[Fault] = []

    def add(self, fault: Fault) -> None:
        with self._lock:
            self._faults.append(fault)

    def take(self, path: str) -> Fault | None:
        with self._lock:
            for fault in self._faults:
                if path.endswith(fault.path_suffix):
                    fault.times -= 1
                    if fault.times <= 0:
                        self._faults.remove(fault)
                    return fault
        return None


@dataclass
class _Token:
    user_id: str
    issued: float
    used: bool = False
    expired: bool = False


class ReplyTokens:
    """A reply token works once, within a time limit; LINE answers 400 otherwise."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._tokens: dict[str, _Token] = {}
        self._unissued_used: set[str | None] = set()  # a hand-made body may carry no token at all

    def issue(self, user_id: str) -> str:
        token = new_reply_token()
        with self._lock:
            self._tokens[token] = _Token(user_id, time.monotonic())
        return token

    def expire(self, token: str) -> None:
        with self._lock:
            if token in self._tokens:
                self._tokens[token].expired = True
            else:
                self._unissued_used.add(token)

    def user_of(self, token: str) -> str | None:
        with self._lock:
            rec = self._tokens.get(token)
            return rec.user_id if rec else None

    def use(self, token: str | None, ttl: float, strict: bool) -> bool:
        """strict: a token never issued is refused; otherwise it is accepted once (hand-made bodies)."""
        with self._lock:
            rec = self._tokens.get(token) if token is not None else None
            if rec is None:
                if strict or token in self._unissued_used:
                    return False
                self._unissued_used.add(token)
                return True
            if rec.used or rec.expired or time.monotonic() - rec.issued > ttl:
                return False
            rec.used = True
            return True
