"""Fixtures for the fake LINE API and the simulator: real HTTP servers on 127.0.0.1."""
from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from linebot.v3.messaging import ApiClient, Configuration, MessagingApi, MessagingApiBlob

from bot.devchat.fake_line import FakeLineServer, FakeLineStore
from tests.conftest import FIXTURES

USER = "U" + "1234abcd" * 4


def reference_file(name: str) -> Path:
    """A file of LINE's published reference material (tests/fixtures/line, kept in the repository)."""
    path = FIXTURES / name
    assert path.is_file(), f"LINE reference fixture missing: {path}"
    return path


def reference_json(name: str) -> dict:
    return json.loads(reference_file(name).read_text(encoding="utf-8"))


def image_bytes(width: int, height: int, fmt: str = "PNG") -> bytes:
    from PIL import Image
    buf = io.BytesIO()
    Image.new("RGB", (width, height), (6, 199, 85)).save(buf, format=fmt)
    return buf.getvalue()


@pytest.fixture
def store() -> FakeLineStore:
    return FakeLineStore()


@pytest.fixture
def fake_line(store):
    with FakeLineServer(store) as server:
        yield server


@pytest.fixture
def api_client(fake_line):
    config = Configuration(host=fake_line.base_url, access_token="test-token")
    with ApiClient(config) as client:
        yield client


@pytest.fixture
def line_api(api_client) -> MessagingApi:
    return MessagingApi(api_client)


@pytest.fixture
def line_blob(api_client) -> MessagingApiBlob:
    return MessagingApiBlob(api_client)
