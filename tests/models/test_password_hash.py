"""Staff passwords are stored with a strong, slow hash (scrypt), never as text."""
from __future__ import annotations

from models.db import session_scope
from models.staff import authenticate, create_staff


def test_passwords_are_scrypt_hashes(engine):
    with session_scope(engine) as s:
        staff = create_staff("hash-check", "a-long-enough-password", ["officer"], session=s)
        assert staff.password_hash.startswith("scrypt:")
        assert "a-long-enough-password" not in staff.password_hash
        assert authenticate("hash-check", "a-long-enough-password", session=s, client="127.0.0.1")[0] is not None
