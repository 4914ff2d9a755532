"""The webhook events behind the demo's cases: ITA indicator 7 counts the people who wrote and the
messages received from the stored inbound events (models/stats_channel.py), so a demo with hundreds of
complaints and no events would show a two-way channel nobody used. Each complaint, inquiry and
suggestion brings the few text, photo and location messages a citizen sends to make it, stored as
handled events whose content is already erased (as `flask privacy purge` leaves old ones).
"""
from __future__ import annotations

import random

from bot.demo.sink import Batch
from models.enums import EventStatus
from models.privacy_anonymise import ERASED_PAYLOAD

EVENT_COLUMNS = ("webhook_event_id", "destination", "chat_key", "event_type", "timestamp_ms", "payload",
                 "is_redelivery", "status", "attempts", "not_before", "error", "received_at", "handled_at")
ID_PREFIX = "demo"  # what `--reset` recognises the demo's events by (real ones are LINE's ULIDs)
# Messages a citizen sends for each kind of case (most taps are postbacks, which are not messages).
MESSAGES = {"complaint": (3, 7), "inquiry": (1, 2), "suggestion": (1, 3)}


class Chats:
    def __init__(self, *, rng: random.Random, ts, until: float):
        self.rng, self.ts, self.until = rng, ts, until
        self.rows: list[tuple] = []
        self.count = 0

    def wrote(self, kind: str, line_id: str, at: float) -> None:
        """The messages `line_id` sent around `at` to make one case of `kind`."""
        low, high = MESSAGES[kind]
        t = at
        for _ in range(self.rng.randint(low, high)):
            if t > self.until:
                break
            self.count += 1
            self.rows.append((f"{ID_PREFIX}{self.count:022d}", "", f"user:{line_id}", "message", int(t * 1000),
                              ERASED_PAYLOAD, False, EventStatus.DONE.value, 1, self.ts(t), None, self.ts(t),
                              self.ts(t + 1)))
            t += 15 + self.rng.random() * 90

    def flush(self, batch: Batch) -> None:
        batch.write("inbound_event", EVENT_COLUMNS, self.rows)
        self.rows = []
