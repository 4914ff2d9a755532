"""The floor for the webhook benchmark: a bare Flask app that only checks the signature."""
from __future__ import annotations

import base64
import hashlib
import hmac
import os

from flask import Flask, request


def create_app() -> Flask:
    app = Flask(__name__)
    secret = os.environ["LINE_CHANNEL_SECRET"].encode()

    @app.post("/callback")
    def callback():
        body = request.get_data()
        expected = base64.b64encode(hmac.new(secret, body, hashlib.sha256).digest()).decode()
        if not hmac.compare_digest(expected, request.headers.get("X-Line-Signature", "")):
            return "bad signature", 400
        return "OK"

    return app
