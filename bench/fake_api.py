"""The fake LINE API for the benchmark, in its own process so that its work does not share a GIL
with the load generator: `python -m bench.fake_api PORT [LATENCY_SECONDS]`.

It is the project's fake (bot/devchat: LINE's answers and limits), answering after 100 ms like
the real API, with two additions: any message id has a photo behind it, and GET /_bench/deliveries
lists the replies and pushes it accepted (kind, reply token, recipient, arrival time), for the benchmark to match
against what it sent.
"""
from __future__ import annotations

import io
import os
import sys
import threading
import time

from flask import Flask, jsonify
from gunicorn.app.base import BaseApplication

from bot.devchat.fake_line import FakeLineStore, create_fake_line_blueprint


def _photo() -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (640, 480), (90, 120, 160)).save(buf, "JPEG", quality=70)
    return buf.getvalue()


class BenchStore(FakeLineStore):
    """Every message id is a photo a citizen sent (the benchmark cannot upload them first)."""

    def __post_init__(self) -> None:
        super().__post_init__()
        self._jpeg = _photo()

    def get_content(self, message_id: str) -> tuple[bytes, str] | None:
        return super().get_content(message_id) or (self._jpeg, "image/jpeg")


def create_app(latency: float) -> Flask:
    store = BenchStore(latency=latency)
    app = Flask(__name__)
    app.register_blueprint(create_fake_line_blueprint(store))

    @app.get("/_bench/deliveries")
    def deliveries():
        """Accepted replies and pushes with the time each request reached the fake (before its
        100 ms answer time), and LINE-limit violations."""
        rows = []
        for call in store.calls:
            kind = call.path.rsplit("/", 1)[-1]
            if call.status == 200 and kind in ("reply", "push") and isinstance(call.json, dict):
                rows.append({"kind": kind, "reply_token": call.json.get("replyToken"),
                             "to": call.json.get("to"), "time": call.time})
        return jsonify({"deliveries": rows, "violations": store.violations[:20],
                        "calls": len(store.calls)})

    @app.post("/_bench/reset")
    def reset():
        store.reset()
        return jsonify({})

    return app


def _exit_with_parent() -> None:
    """The benchmark may be interrupted: do not outlive it."""
    parent = os.getppid()
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(0)


class _Server(BaseApplication):
    """gunicorn, one process (the store is in its memory) with many threads, keeping connections
    alive like LINE's API: werkzeug's server closes every connection, so each reply cost the bot a
    new TCP connection it never pays with LINE."""

    def __init__(self, app: Flask, port: int):
        self.app, self.port = app, port
        super().__init__()

    def load_config(self) -> None:
        for key, value in {"bind": f"127.0.0.1:{self.port}", "workers": 1, "worker_class": "gthread",
                           "threads": 256, "keepalive": 75, "timeout": 120, "accesslog": None,
                           "loglevel": "warning", "control_socket_disable": True}.items():
            if key in self.cfg.settings:
                self.cfg.set(key, value)

    def load(self) -> Flask:
        return self.app  # its worker exits by itself when this master is gone (gunicorn checks)


def main() -> None:
    port = int(sys.argv[1])
    latency = float(sys.argv[2]) if len(sys.argv) > 2 else 0.1
    threading.Thread(target=_exit_with_parent, daemon=True).start()
    _Server(create_app(latency), port).run()


if __name__ == "__main__":
    main()
