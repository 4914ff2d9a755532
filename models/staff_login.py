"""Wrong staff passwords, counted in the database so that every web process sees the same counts.

Only failures count (a busy office logging in all morning is never slowed), and they count per
(typed username, client address): an attacker who guesses one account's password from one address
is stopped there, while the owner, from an address that has not failed, still gets in with the
right password. A second cap per address across usernames stops one address from trying many
accounts. Unknown usernames are counted exactly like real ones, so the answers never tell which
usernames exist."""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Index, delete, func
from sqlmodel import Field, Session, SQLModel, col, select

from models.db import utcnow

PAIR_MAX = 5  # wrong passwords for one username from one address within WINDOW
CLIENT_MAX = 20  # wrong passwords from one address, whatever the usernames, within WINDOW
WINDOW = timedelta(minutes=15)


class LoginFailure(SQLModel, table=True):
    __tablename__ = "login_failure"
    __table_args__ = (Index("ix_login_failure_client", "client", "at"),
                      Index("ix_login_failure_pair", "username", "client", "at"))

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow)
    username: str = Field(max_length=64)  # as typed (lower case), whether or not such an account exists
    client: str = Field(max_length=64)  # the client's address (bot/admin/auth.py: client_ip)


def username_key(username: str) -> str:
    return username.strip().lower()[:64]


def login_refusal(username: str, client: str, *, session: Session) -> str:
    """"throttled" when this address has failed too often, "locked" when this username has from
    this address, else "" (go on and check the password)."""
    since = utcnow() - WINDOW
    from_client = session.exec(select(func.count()).select_from(LoginFailure)
                               .where(LoginFailure.client == client, col(LoginFailure.at) >= since)).one()
    if from_client >= CLIENT_MAX:
        return "throttled"
    pair = session.exec(select(func.count()).select_from(LoginFailure)
                        .where(LoginFailure.username == username_key(username), LoginFailure.client == client,
                               col(LoginFailure.at) >= since)).one()
    return "locked" if pair >= PAIR_MAX else ""


def note_failure(username: str, client: str, *, session: Session) -> None:
    session.exec(delete(LoginFailure).where(col(LoginFailure.at) < utcnow() - WINDOW))
    session.add(LoginFailure(username=username_key(username), client=client[:64]))


def forget_failures(username: str, client: str | None = None, *, session: Session) -> None:
    """After the right password: this username starts afresh from this client; after a new
    password (client None): from everywhere."""
    stmt = delete(LoginFailure).where(col(LoginFailure.username) == username_key(username))
    if client is not None:
        stmt = stmt.where(col(LoginFailure.client) == client)
    session.exec(stmt)
