"""`flask nlu classify`: JSON lines from the database's categories, usable as a pipe."""
from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from sqlalchemy import update

from bot.cli.nlu import register_nlu_cli
from models.complaint import Category
from models.db import make_engine, session_scope

ROOT = Path(__file__).resolve().parents[1]
ROAD, LIGHT = "ถนน/ทางเท้า", "ไฟฟ้าสาธารณะ"


def _run(app, data: bytes):
    if "nlu" not in app.cli.commands:  # the lead wires it into bot/cli/__init__.py; until then, here
        register_nlu_cli(app)
    return app.test_cli_runner().invoke(args=["nlu", "classify"], input=data)


def _invoke(app, text: str) -> list[dict]:
    result = _run(app, text.encode("utf-8"))
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout_bytes.decode("utf-8").splitlines()]


def test_one_json_line_per_input_line_blank_lines_included(app) -> None:
    lines = ["ถนนหน้าบ้านเป็นหลุมใหญ่มาก", "", "ไฟทางหน้าวัดดับหลายคืนแล้ว", "สวัสดีค่ะ",
             "อยากสอบถามเรื่องภาษีที่ดินค่ะ", "   ", "ขยะล้นถังไม่มีใครมาเก็บ"]
    out = _invoke(app, "\n".join(lines) + "\n")
    assert out == [
        {"intent": "complaint", "category": ROAD},
        {"intent": "other", "category": None},
        {"intent": "complaint", "category": LIGHT},
        {"intent": "greeting", "category": None},
        {"intent": "inquiry", "category": None},
        {"intent": "other", "category": None},
        {"intent": "complaint", "category": "ขยะ/ความสะอาด"},
    ]


def test_thai_is_written_as_is_and_windows_line_ends_and_a_missing_last_newline_are_fine(app) -> None:
    result = _run(app, "ท่อตันน้ำขัง\r\nหมาจรจัดไล่กัด".encode())
    raw = result.stdout_bytes.decode("utf-8")
    assert "\\u" not in raw and "ท่อระบายน้ำ/น้ำท่วม" in raw
    assert [json.loads(x)["category"] for x in raw.splitlines()] == ["ท่อระบายน้ำ/น้ำท่วม", "สัตว์จรจัด"]


def test_categories_come_from_the_database(app, engine) -> None:
    with session_scope(engine) as s:
        s.execute(update(Category).where(Category.name == LIGHT).values(name="ไฟส่องทาง"))
        s.execute(update(Category).where(Category.name == ROAD).values(active=False))
        s.add(Category(name="ตลาดสด", keywords="แผงลอยในตลาด\nค่าเช่าแผง", sort_order=99))
    out = _invoke(app, "ไฟทางดับมืดมาก\nค่าเช่าแผงแพงเกินไป\nถนนหน้าบ้านเป็นหลุม\n")
    assert out[0] == {"intent": "complaint", "category": "ไฟส่องทาง"}  # renamed: the new name
    assert out[1] == {"intent": "complaint", "category": "ตลาดสด"}  # added by the municipality
    assert out[2]["category"] != ROAD  # inactive categories are never suggested


def test_non_complaints_carry_no_category(app) -> None:
    out = _invoke(app, "เจ้าหน้าที่เรียกเงินค่าทำเรื่อง 500 บาท ถนนก็ยังเป็นหลุม\n")
    assert out == [{"intent": "corruption", "category": None}]


def test_an_unmigrated_database_is_a_clear_error(app) -> None:
    app.extensions["db_engine"] = make_engine("sqlite://")  # an empty database: no category table
    result = _run(app, b"x\n")
    assert result.exit_code != 0 and "flask db upgrade" in result.output


@pytest.mark.slow
def test_works_as_a_pipe_answer_by_answer(database_url: str, engine, tmp_path: Path) -> None:
    """A caller writes one line and reads its answer before writing the next (needs a flush per line)."""
    script = ("from bot import create_app; from bot.cli.nlu import register_nlu_cli; app = create_app(); "
              "register_nlu_cli(app); ctx = app.app_context(); ctx.push(); "
              "app.cli.main(['nlu', 'classify'], prog_name='flask')")
    env = {**os.environ, "APP_ENV": "test", "DATABASE_URL": database_url, "WORKER_THREADS": "0",
           "INSTANCE_PATH": str(tmp_path / "instance"), "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, cwd=tmp_path, env=env)
    answers: queue.Queue[bytes] = queue.Queue()
    threading.Thread(target=lambda: [answers.put(line) for line in iter(proc.stdout.readline, b"")],
                     daemon=True).start()
    try:
        for text, category in (("ไฟกิ่งไม่ติด", LIGHT), ("ทางเท้าพังเดินสะดุด", ROAD)):
            proc.stdin.write(text.encode() + b"\n")
            proc.stdin.flush()
            assert json.loads(answers.get(timeout=60)) == {"intent": "complaint", "category": category}
        proc.stdin.close()
        assert proc.wait(timeout=30) == 0
    finally:
        proc.kill()
