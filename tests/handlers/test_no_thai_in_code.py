"""Thai text lives in messages_th/ only: no Thai character in the code of bot/ and handlers/."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
THAI = re.compile("[\u0e00-\u0e7f]")


def test_no_thai_characters_in_bot_and_handlers() -> None:
    offenders = []
    for folder in ("bot", "handlers"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if THAI.search(line):
                    offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()[:80]}")
    assert not offenders, "Thai text belongs in messages_th/:\n" + "\n".join(offenders)


def test_the_check_sees_the_handlers() -> None:
    assert (ROOT / "handlers" / "dispatch.py").exists()
