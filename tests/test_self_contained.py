"""A fresh clone must pass its own tests with nothing beside it: no project file may read the session's
shared reference folder next to the repository (it is not there on anyone else's machine). The data the
tests need lives in tests/fixtures/."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SKIP_DIRS = {".git", ".venv", "__pycache__", ".pytest_cache", ".hypothesis", "instance", "node_modules", "build"}
DATA_SUFFIXES = {".csv", ".gz", ".png", ".jpg", ".jpeg", ".ttf", ".otf", ".woff", ".woff2", ".pdf", ".xlsx"}
# Up one folder, the absolute path, `parent / "<name>"` and `"<name>" / ...`: the ways a path to it is
# written. The name is spelled in two parts so that this file does not match itself.
SHARED = "sha" + "red"
PATTERNS = re.compile("|".join([
    r"\.\./" + SHARED + r"\b", r"/work/" + SHARED + r"\b",
    r"/\s*['\"]" + SHARED + r"['\"]", r"['\"]" + SHARED + r"['\"]\)?\s*/",
]))


def project_files() -> list[Path]:
    out = []
    for path in ROOT.rglob("*"):
        rel = path.relative_to(ROOT)
        if any(part in SKIP_DIRS or part.endswith(".egg-info") for part in rel.parts):
            continue
        if path.is_file() and path.suffix.lower() not in DATA_SUFFIXES:
            out.append(path)
    return out


def test_no_project_file_reads_the_shared_folder_beside_the_repository() -> None:
    files = project_files()
    assert len(files) > 100  # the walk really saw the project
    offenders = []
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        offenders += [f"{path.relative_to(ROOT)}: {m.group(0)}" for m in PATTERNS.finditer(text)]
    assert offenders == []


def test_the_pattern_sees_each_way_of_writing_the_path() -> None:
    for line in ['ROOT.parent / "{}" / "traffy"', "open('../{}/line/x.json')", "/work/{}/SPEC.md",
                 "Path('{}') / 'line'"]:
        assert PATTERNS.search(line.format(SHARED)), line
    assert not PATTERNS.search("Fixtures shared by the whole suite; a shared office computer")


def test_the_data_the_tests_read_is_in_the_repository() -> None:
    from tests.conftest import FIXTURES, TRAFFY_SAMPLE, webhook_fixtures

    assert (FIXTURES / "SIGNATURE_VECTORS.json").is_file() and len(webhook_fixtures()) >= 20
    assert TRAFFY_SAMPLE.stat().st_size > 500_000
