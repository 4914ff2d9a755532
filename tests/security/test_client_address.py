"""The client's address that the login throttle and the audit log see: the connection's own by
default (a forged X-Forwarded-For changes nothing), and behind TRUSTED_PROXIES proxies the one the
nearest proxy forwarded (trial 3: behind Heroku or nginx everyone shared the proxy's address)."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from bot import create_app
from models.audit import AuditLog
from models.db import session_scope
from models.staff_login import PAIR_MAX
from tests.security.conftest import ACCOUNTS, login

PROXY = "10.0.0.2"  # the reverse proxy on the private network


def _app(settings, services, proxies: int):
    app = create_app(settings.model_copy(update={"trusted_proxies": proxies}), services=services)
    app.config.update(TESTING=True)
    return app


def _behind_proxy(app, forwarded: str):
    client = app.test_client()
    client.environ_base.update(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded)
    return client


def _login_ips(engine) -> list[str]:
    with session_scope(engine) as s:
        return [a.ip for a in s.exec(select(AuditLog).order_by(AuditLog.id)).scalars() if a.action.startswith("login")]


def test_behind_a_proxy_the_audit_log_and_throttle_see_each_client(settings, services, world, engine):
    app = _app(settings, services, 1)
    admin = ACCOUNTS["admin"][0]
    # What a client sends itself comes first; the proxy appends the address it saw.
    attacker = _behind_proxy(app, "1.2.3.4, 198.51.100.7")
    for _ in range(PAIR_MAX):
        assert login(attacker, admin, "wrong-password!").status_code == 401
    assert login(attacker, admin).status_code == 401  # that client is locked out of that account
    colleague = _behind_proxy(app, "203.0.113.20")  # same proxy, another computer
    assert login(colleague, admin).status_code == 302
    assert _login_ips(engine) == ["198.51.100.7"] * (PAIR_MAX + 1) + ["203.0.113.20"]


def test_without_trusted_proxies_a_forged_header_changes_nothing(app, world, engine):
    assert app.extensions["settings"].trusted_proxies == 0  # the default
    forger = _behind_proxy(app, "203.0.113.99")
    assert login(forger, ACCOUNTS["admin"][0]).status_code == 302
    assert _login_ips(engine) == [PROXY]


@pytest.mark.parametrize("value", [-1, 6])
def test_trusted_proxies_must_be_a_small_count(value):
    from bot.settings import Settings

    with pytest.raises(ValueError, match="TRUSTED_PROXIES"):
        Settings(_env_file=None, trusted_proxies=value)  # type: ignore[call-arg]
