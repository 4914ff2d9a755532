"""quota_low: LINE's figures against ALERTS_DIGEST_ONLY_BELOW; what nobody knows is never low."""
from __future__ import annotations

from bot.runtime import quota
from bot.runtime.quota import quota_low, runs_low


def test_low_only_when_lines_figures_say_so(services, fake_line):
    assert quota_low(services) is False  # no monthly target ("type": "none")
    quota.forget(services)
    fake_line.store.quota_limit, fake_line.store.push_count = 300, 200
    assert quota_low(services) is False  # 100 left: not fewer than 100
    quota.forget(services)
    fake_line.store.push_count = 201
    assert quota_low(services) is True
    calls = len(fake_line.store.calls_to("/v2/bot/message/quota"))
    fake_line.store.push_count = 0
    assert quota_low(services) is True  # kept for QUOTA_TTL: LINE is not asked again
    assert len(fake_line.store.calls_to("/v2/bot/message/quota")) == calls
    services.settings.alerts_digest_only_below = 0
    assert quota_low(services) is False  # 0: always alert


def test_unknown_is_not_low(services, fake_line):
    fake_line.store.quota_limit = 10
    fake_line.store.fail_next("/v2/bot/message/quota", 500)
    assert quota_low(services) is False
    assert runs_low(300, None, 100) is False and runs_low(None, 299, 100) is False
    assert runs_low(300, 300, 100) is True and runs_low(300, 999, 100) is True
