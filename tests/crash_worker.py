"""Run by tests/test_crash.py as a separate process that the test kills with SIGKILL mid-event.

usage: python -m tests.crash_worker MODE DATABASE_URL FAKE_LINE_URL MARKER_FILE
MODE "in-handler": stall inside the handler's transaction (before anything is committed);
MODE "in-reply": stall inside the HTTP call that sends the reply (after the commit).
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

import bot.runtime.worker as worker_module
from bot.services import Services
from bot.settings import Settings
from tests.conftest import ACCESS_TOKEN, CHANNEL_SECRET


def main() -> None:
    mode, url, fake, marker = sys.argv[1:5]
    settings = Settings(_env_file=None, app_env="test", database_url=url, line_channel_secret=CHANNEL_SECRET,
                        line_channel_access_token=ACCESS_TOKEN, line_api_base_url=fake, line_data_api_base_url=fake,
                        worker_threads=0, event_settle_seconds=0, worker_lease_seconds=1.0,
                        line_timeout_seconds=30.0)
    services = Services.build(settings)
    if mode == "in-handler":
        real = worker_module.dispatch

        def stalled(incoming, state, ctx):
            out = real(incoming, state, ctx)
            Path(marker).write_text("in handler")
            time.sleep(600)
            return out

        worker_module.dispatch = stalled
    else:
        real_reply = services.gateway.reply

        def stalled_reply(token, messages):
            Path(marker).write_text("in reply")
            return real_reply(token, messages)  # the fake LINE API is told to hang on this call

        services.gateway.reply = stalled_reply  # type: ignore[method-assign]
    worker_module.Worker(services, name="doomed").drain(timeout=600)


if __name__ == "__main__":
    main()
