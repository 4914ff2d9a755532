"""Reading the ITA export's files back as a person's tools would: openpyxl for the workbook,
pypdf for the PDF's text (what copying or a search engine gets)."""
from __future__ import annotations

import re
import unicodedata
import zipfile
from pathlib import Path

import openpyxl
from pypdf import PdfReader


def sheets(path: Path) -> dict[str, list[tuple]]:
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        return {ws.title: [tuple(r) for r in ws.iter_rows(values_only=True)] for ws in book.worksheets}
    finally:
        book.close()


def row(rows: list[tuple], label: str, start: int = 0) -> tuple:
    """The first row from `start` whose first cell is `label`."""
    for r in rows[start:]:
        if r and r[0] == label:
            return r
    raise AssertionError(f"no row {label!r} in {[r[0] for r in rows if r]}")


def index(rows: list[tuple], label: str) -> int:
    for i, r in enumerate(rows):
        if r and r[0] == label:
            return i
    raise AssertionError(f"no row {label!r}")


def all_xml(path: Path) -> str:
    """Every part of the workbook's zip, decompressed: personal data must be in none of them."""
    with zipfile.ZipFile(path) as z:
        return "".join(z.read(n).decode("utf-8") for n in z.namelist())


def normal(text: str) -> str:
    """Thai as the PDF's text layer gives it back compared with what was meant: ำ and its
    decomposition ํา are the same (NFKC), and a tone mark before or after the nikhahit too."""
    text = unicodedata.normalize("NFKC", text)
    return re.sub("\u0e4d([\u0e48-\u0e4b])", "\\1\u0e4d", text)


def pdf_pages(path: Path) -> list[str]:
    return [normal(p.extract_text() or "") for p in PdfReader(path).pages]


def pdf_text(path: Path) -> str:
    return " ".join(pdf_pages(path))


def squash(text: str) -> str:
    """Without spaces and line breaks (a table cell may wrap anywhere)."""
    return re.sub(r"\s+", "", text)
