"""Photo downloads against a data API that misbehaves: a huge body is cut off at the size limit
without being held in memory, and a body sent slowly gives up at the deadline instead of holding
a worker thread for as long as the sender likes."""
from __future__ import annotations

import time
import tracemalloc
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler

import pytest

from bot.line.gateway import GatewayError, LineGateway
from bot.runtime.media_fetch import MediaFetcher
from bot.services import Services
from models.enums import MediaStatus
from tests.media_files import add_media, get
from tests.running import local_server

MB = 1024 * 1024
HUGE = 200 * MB


class Misbehaving(BaseHTTPRequestHandler):
    """/v2/bot/message/<id>/content: "huge" announces and sends 200 MB, "endless" sends zeros with
    no length until the client hangs up, "slow" sends 1 KB per 0.1 s of an announced 1 MB."""

    sent: dict[str, int] = {}

    def do_GET(self) -> None:
        kind = self.path.split("/")[4]
        self.send_response(200)
        self.send_header("Content-Type", "image/jpeg")
        if kind != "endless":
            self.send_header("Content-Length", str(HUGE if kind == "huge" else MB))
        self.end_headers()
        block, pause = (b"\0" * 1024, 0.1) if kind == "slow" else (b"\0" * (256 * 1024), 0.0)
        self.sent[kind] = 0
        try:
            while self.sent[kind] < HUGE:
                self.wfile.write(block)
                self.sent[kind] += len(block)
                time.sleep(pause)
        except OSError:
            pass  # the client hung up: what this test wants

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def data_api() -> Iterator[str]:
    with local_server(Misbehaving) as url:
        yield url


def _gateway(url: str) -> LineGateway:
    return LineGateway(access_token="t", api_base=url, data_api_base=url, timeout=2.0)


@pytest.mark.parametrize("kind", ["huge", "endless"])
def test_a_huge_photo_is_refused_without_holding_it(data_api, kind):
    gateway = _gateway(data_api)
    tracemalloc.start()
    try:
        with pytest.raises(GatewayError) as refused:
            gateway.get_content(kind, max_bytes=10 * MB)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
        gateway.close()
    assert refused.value.result.status == 413 and not refused.value.result.retryable
    assert peak < 25 * MB, f"{peak / MB:.0f} MB held for a photo refused at 10 MB"


def test_a_photo_sent_slowly_gives_up_at_the_deadline(data_api):
    gateway = _gateway(data_api)
    started = time.monotonic()
    with pytest.raises(GatewayError) as gave_up:
        gateway.get_content("slow", max_bytes=10 * MB, deadline=2.0)
    took = time.monotonic() - started
    gateway.close()
    assert took < 4.0, f"held for {took:.1f} s"  # the 1 MB would take 100 s
    assert gave_up.value.result.retryable  # LINE may be faster next time


def test_the_worker_marks_a_huge_photo_failed_for_good(data_api, services, engine):
    mid = add_media(engine, "huge")
    fetcher = MediaFetcher(Services(settings=services.settings, engine=engine, gateway=_gateway(data_api)))
    fetcher.fetch_due()
    m = get(engine, mid)
    assert m.status == MediaStatus.FAILED and "too large" in (m.error or "")
    assert Misbehaving.sent["huge"] < 50 * MB  # it hung up; it did not read 200 MB to find out
