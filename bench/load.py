"""The load generator: many distinct, signed LINE events over keep-alive connections.

Plain http.client, not requests: the client shares two cores with the server it measures, so it
must cost as little as possible per request. Each event is built and signed just before it is
sent, so its timestamp is its sending time (reply tokens age from there, as with LINE).
"""
from __future__ import annotations

import http.client
import itertools
import json
import statistics
import threading
import time
from dataclasses import dataclass, field

from bench.flows import schedule
from bot.devchat.events import new_message_id, new_reply_token, sign, webhook_body


@dataclass
class Sent:
    token: str
    flow: str
    sent_at: float  # wall clock, to compare with the fake LINE API's arrival times
    ack_seconds: float
    status: int


@dataclass
class Burst:
    sent: list[Sent] = field(default_factory=list)
    elapsed: float = 0.0

    @property
    def acked(self) -> list[Sent]:
        return [s for s in self.sent if s.status == 200]

    @property
    def acks_per_second(self) -> float:
        return len(self.acked) / self.elapsed if self.elapsed else 0.0

    def ack_ms(self, p: float) -> float:
        return pct([s.ack_seconds * 1000 for s in self.sent], p)


def pct(values: list[float], p: float) -> float:
    """The p-th percentile (inclusive method); NaN for no values."""
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(p) - 1]


def burst(port: int, secret: str, n_events: int, n_users: int, concurrency: int,
          rate: float = 0.0, scenario: str = "mixed") -> Burst:
    """POST n_events as fast as `concurrency` connections allow, or at `rate` events/s if given."""
    plan = schedule(n_events, n_users, scenario)
    counter = itertools.count()
    results: list[Sent | None] = [None] * len(plan)
    start = time.perf_counter()

    def run() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while (i := next(counter)) < len(plan):
            if rate:
                delay = start + i / rate - time.perf_counter()
                if delay > 0:
                    time.sleep(delay)
            user, step, flow = plan[i]
            token = new_reply_token()
            sent_at = time.time()
            event = step(user, token, int(sent_at * 1000), new_message_id())
            raw = json.dumps(webhook_body([event]), ensure_ascii=False, separators=(",", ":")).encode()
            headers = {"Content-Type": "application/json; charset=utf-8", "X-Line-Signature": sign(raw, secret)}
            t0 = time.perf_counter()
            try:
                conn.request("POST", "/callback", raw, headers)
                resp = conn.getresponse()
                resp.read()
                status = resp.status
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                status = 0
            results[i] = Sent(token, flow, sent_at, time.perf_counter() - t0, status)
        conn.close()

    threads = [threading.Thread(target=run, name=f"load-{n}") for n in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return Burst(sent=[r for r in results if r is not None], elapsed=time.perf_counter() - start)
