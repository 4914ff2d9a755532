"""Development aids: a fake LINE Messaging API and a local chat simulator (never in production)."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Blueprint, Flask, redirect

from .fake_line import FakeLineServer, FakeLineStore, create_fake_line_blueprint
from .simulator import create_simulator_blueprint

__all__ = [
    "FAKE_API_PREFIX",
    "SIMULATOR_PREFIX",
    "FakeLineServer",
    "FakeLineStore",
    "create_fake_line_blueprint",
    "create_simulator_blueprint",
    "register_devchat",
]

FAKE_API_PREFIX = "/dev/line-api"
SIMULATOR_PREFIX = "/dev/chat"


def register_devchat(app: Flask, store: FakeLineStore, get_settings: Callable[[], Any],
                     csrf: Any = None) -> tuple[Blueprint, Blueprint]:
    """Mount the fake LINE API at /dev/line-api and the simulator at /dev/chat; /dev/ leads there.

    The fake API takes JSON POSTs without a CSRF token (LINE's SDK does not send one): pass the
    app's CSRFProtect as `csrf` to exempt it. The simulator's POSTs carry the page's token (a
    cross-site page must not make the simulator sign events), so it is never exempted.
    """
    fake_api = create_fake_line_blueprint(store)
    simulator = create_simulator_blueprint(store, get_settings)
    app.register_blueprint(fake_api, url_prefix=FAKE_API_PREFIX)
    app.register_blueprint(simulator, url_prefix=SIMULATOR_PREFIX)
    from bot.web import fonts

    if fonts.bp.name not in app.blueprints:  # a simulator on an app of its own (tests) needs them too
        app.register_blueprint(fonts.bp)
    if csrf is not None:
        csrf.exempt(fake_api)

    def to_simulator():
        return redirect(SIMULATOR_PREFIX + "/")

    app.add_url_rule("/dev/", "devchat_index", to_simulator)  # "/dev" redirects here by itself
    return fake_api, simulator
