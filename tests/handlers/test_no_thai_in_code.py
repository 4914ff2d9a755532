"""Thai text a person reads lives in messages_th/ only: no Thai string literal in bot/ and handlers/.

Comments and docstrings may quote Thai (examples of what citizens type, why a glyph is special); a
string the program uses may not, because that is text someone will read and translate or correct."""
from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
THAI = re.compile("[\u0e01-\u0e2e]")  # a Thai consonant: words, not the marks and ranges text processing names


def _docstrings(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                ids.add(id(first.value))
    return ids


def thai_literals(source: str) -> list[tuple[int, str]]:
    tree = ast.parse(source)
    skip = _docstrings(tree)
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip
            and THAI.search(node.value)]


def modules(folder: str) -> list[Path]:
    """Every Python module under a top-level folder of the project, subpackages included."""
    return sorted((ROOT / folder).rglob("*.py"))


def offenders(folders: tuple[str, ...]) -> list[str]:
    found = []
    for folder in folders:
        for path in modules(folder):
            for number, value in thai_literals(path.read_text(encoding="utf-8")):
                found.append(f"{path.relative_to(ROOT)}:{number}: {value.strip()[:80]!r}")
    return found


def test_no_thai_strings_in_bot_and_handlers() -> None:
    found = offenders(("bot", "handlers"))
    assert not found, "Thai text belongs in messages_th/:\n" + "\n".join(found)


def test_the_check_finds_a_literal_but_not_a_comment() -> None:
    source = '"""เอกสาร"""\n# ความเห็น\nx = "ข้อความ"\n'
    assert thai_literals(source) == [(3, "ข้อความ")]


def test_the_check_scans_the_real_code() -> None:
    """The scan reads the project's modules, subpackages included (a wrong ROOT or pattern would
    scan nothing and pass), and finds Thai where it does live."""
    bot, handlers = modules("bot"), modules("handlers")
    assert len(bot) >= 60 and len(handlers) >= 20, (len(bot), len(handlers))
    assert {"dispatch.py", "understanding.py"} <= {p.name for p in handlers}
    assert any(p.parent.name == "admin" for p in bot)  # a subpackage of bot/
    assert len(offenders(("messages_th",))) > 100  # the same scan over the strings sees them
