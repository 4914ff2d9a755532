"""A small streaming XLSX (Office Open XML) writer: each sheet goes into the zip as its rows arrive,
so a million-row sheet takes constant memory, and a row costs one string format, not a cell
object per value (a general library spends most of a big export there).

Strings are written inline, numbers as numbers with a display format; cell references are left
out (they are optional: a cell follows the one before it), and an empty cell is a bare <c/>.
A handful of styles cover the reports: see STYLES.
"""
from __future__ import annotations

import zipfile
from collections import deque
from collections.abc import Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import NamedTuple
from xml.sax.saxutils import escape

from models.xml_text import xml_safe

MAX_ROWS = 1_048_576  # rows in an Excel sheet, the header included
FONT = "Tahoma"  # on every Windows and Mac, with Thai letters; LibreOffice substitutes it well

# Style index -> (font id, number format id, wrap). Fonts: 0 normal, 1 bold, 2 title.
STYLES = {
    "text": 0, "header": 1, "int": 2, "decimal": 3, "percent": 4, "title": 5, "wrap": 6,
    "total": 7, "total_decimal": 8, "total_percent": 9, "note": 10,
}
_XF = [(0, 0, False), (1, 0, True), (0, 3, False), (0, 164, False), (0, 165, False), (2, 0, False),
       (0, 0, True), (1, 3, False), (1, 164, False), (1, 165, False), (3, 0, False)]


class Cell(NamedTuple):
    value: object
    style: str


def _xf(font: int, fmt: int, wrap: bool) -> str:
    applied = (' applyNumberFormat="1"' if fmt else "") + (' applyFont="1"' if font else "")
    head = f'<xf numFmtId="{fmt}" fontId="{font}" fillId="0" borderId="0" xfId="0"{applied}'
    return head + ' applyAlignment="1"><alignment wrapText="1" vertical="top"/></xf>' if wrap else head + "/>"


def _styles_xml() -> str:
    xfs = "".join(_xf(*xf) for xf in _XF)
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            '<numFmts count="2"><numFmt numFmtId="164" formatCode="#,##0.0"/>'
            '<numFmt numFmtId="165" formatCode="0.0%"/></numFmts>'
            f'<fonts count="4"><font><sz val="10"/><name val="{FONT}"/></font>'
            f'<font><b/><sz val="10"/><name val="{FONT}"/></font>'
            f'<font><b/><sz val="14"/><name val="{FONT}"/></font>'
            f'<font><i/><sz val="10"/><color rgb="FF59636E"/><name val="{FONT}"/></font></fonts>'
            '<fills count="2"><fill><patternFill patternType="none"/></fill>'
            '<fill><patternFill patternType="gray125"/></fill></fills>'
            '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
            f'<cellXfs count="{len(_XF)}">{xfs}</cellXfs>'
            '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
            '</styleSheet>')


def text_cell(value: str, style: int = 0) -> str:
    """An inline string cell (escaped; what XML cannot hold is dropped: a vertical tab pasted from Word
    into a suggestion's action made the whole workbook unreadable)."""
    return f'<c t="inlineStr" s="{style}"><is><t xml:space="preserve">{escape(xml_safe(value))}</t></is></c>'


def cell_xml(value: object) -> str:
    """One cell: a Cell(value, style name), a str, an int/float (int or one decimal), or None (empty)."""
    style = None
    if isinstance(value, Cell):
        style = STYLES[value.style]
        value = value.value
    if value is None:
        return "<c/>" if style is None else f'<c s="{style}"/>'
    if isinstance(value, bool):
        value = str(value)
    if isinstance(value, (int, float)):
        if style is None:
            style = STYLES["int"] if isinstance(value, int) else STYLES["decimal"]
        return f'<c s="{style}"><v>{value!r}</v></c>'
    return text_cell(str(value), style or 0)


def row_xml(values: Sequence[object], height: float | None = None) -> str:
    attrs = f' ht="{height}" customHeight="1"' if height else ""
    return f"<row{attrs}>" + "".join(cell_xml(v) for v in values) + "</row>"


class Workbook:
    """Sheets are written in the order they are added; close() adds the workbook's own parts."""

    def __init__(self, path: Path, *, compresslevel: int = 1, append: bool = False, part: str = "sheet") -> None:
        """`append`: add to a zip that part_done() left (its sheets come in by adopt()); `part`: how this
        writer names its sheets' files, so two writers of one workbook never pick the same one."""
        # Level 1: a big sheet of short repeated strings packs almost as well as at 6, much faster.
        self._zip = zipfile.ZipFile(path, "a" if append else "w", compression=zipfile.ZIP_DEFLATED,
                                    compresslevel=compresslevel)
        self._names: list[str] = []
        self._parts: list[str] = []
        self._part = part
        self._shared: dict[str, int] = {}

    def add_sheet(self, name: str, rows: Iterable[Sequence[object]], *, widths: Sequence[float] = (),
                  freeze: int = 0) -> int:
        """Write a sheet of rows of values (see cell_xml); returns how many rows it has."""
        return self.add_sheet_xml(name, (row_xml(r).encode() for r in rows), widths=widths, freeze=freeze)

    def add_sheet_xml(self, name: str, rows: Iterable[bytes], *, widths: Sequence[float] = (),
                      freeze: int = 0, chunk: int = 5000) -> int:
        """Write a sheet from ready <row> elements in UTF-8 (the fast path for big sheets: Thai text
        made into bytes once per distinct cell, not once per row, which cost more than the rest)."""
        name = _sheet_name(name, self._names)
        self._names.append(name)
        self._parts.append(f"xl/worksheets/{self._part}{len(self._names)}.xml")
        pane = (f'<pane ySplit="{freeze}" topLeftCell="A{freeze + 1}" activePane="bottomLeft" state="frozen"/>'
                if freeze else "")
        cols = "".join(f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>' for i, w in enumerate(widths, 1))
        head = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                f'<sheetViews><sheetView workbookViewId="0">{pane}</sheetView></sheetViews>'
                '<sheetFormatPr defaultRowHeight="15"/>' + (f"<cols>{cols}</cols>" if cols else "") + "<sheetData>")
        count, buffer = 0, list[bytes]()
        # Compressing (zlib lets go of the GIL) runs in a thread while the next rows are made: a
        # million rows spend a second in it, on the second core when one is free. Chunks go in order,
        # at most two waiting, and an error in the thread is raised here.
        with self._zip.open(self._parts[-1], "w", force_zip64=True) as out, \
                ThreadPoolExecutor(1, thread_name_prefix="xlsx-deflate") as deflate:
            pending: deque[Future[int]] = deque()

            def write(data: bytes) -> None:
                pending.append(deflate.submit(out.write, data))
                if len(pending) > 2:
                    pending.popleft().result()

            write(head.encode())
            for row in rows:
                count += 1
                if count > MAX_ROWS:
                    raise ValueError(f"sheet {name!r} has more than {MAX_ROWS} rows")
                buffer.append(row)
                if len(buffer) >= chunk:
                    write(b"".join(buffer))
                    buffer.clear()
            write(b"".join(buffer) + b"</sheetData></worksheet>")
            while pending:
                pending.popleft().result()
        return count

    def shared_cell(self, value: str) -> str:
        """A text cell by reference to the workbook's table of shared strings: for a big sheet's few
        distinct texts (names, dates, statuses), 20 bytes a cell instead of 60-90 inline bytes of Thai,
        which a million rows spent a second making and compressing. Only one writer of a workbook may
        use it (the raw rows' one, bot/ita/workbook.py): it writes the table in part_done() or close()."""
        number = self._shared.setdefault(value, len(self._shared))
        return f'<c t="s"><v>{number}</v></c>'

    def _write_shared(self) -> None:
        if self._shared:
            items = "".join(f'<si><t xml:space="preserve">{escape(xml_safe(v))}</t></si>' for v in self._shared)
            self._zip.writestr(SHARED, '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                               f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                               f'uniqueCount="{len(self._shared)}">{items}</sst>')

    def sheets(self) -> list[tuple[str, str]]:
        """(name, file in the zip) of the sheets written so far."""
        return list(zip(self._names, self._parts))

    def adopt(self, sheets: Sequence[tuple[str, str]]) -> None:
        """Sheets another writer put into this zip already (see sheets() and part_done())."""
        for name, part in sheets:
            self._names.append(_sheet_name(name, self._names))
            self._parts.append(part)

    def part_done(self) -> None:
        """Close the zip without the workbook's own parts: another writer adds to it (append=True)."""
        self._write_shared()
        self._zip.close()

    def close(self) -> None:
        self._write_shared()
        shared = SHARED in self._zip.namelist()  # written here or by the writer that began the zip
        sheets = "".join(f'<sheet name="{escape(n)}" sheetId="{i}" r:id="rId{i}"/>'
                         for i, n in enumerate(self._names, 1))
        rels = "".join(f'<Relationship Id="rId{i}" Type="{_REL}/worksheet" Target="{p.removeprefix("xl/")}"/>'
                       for i, p in enumerate(self._parts, 1))
        n = len(self._names)
        overrides = "".join(f'<Override PartName="/{p}" ContentType="{_CT}.worksheet+xml"/>' for p in self._parts)
        if shared:
            overrides += f'<Override PartName="/{SHARED}" ContentType="{_CT}.sharedStrings+xml"/>'
            rels += f'<Relationship Id="rId{len(self._names) + 2}" Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/>'
        parts = {
            "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{_CT}.sheet.main+xml"/>'
            f'<Override PartName="/xl/styles.xml" ContentType="{_CT}.styles+xml"/>{overrides}</Types>',
            "_rels/.rels": f'<Relationships xmlns="{_PKG_REL}"><Relationship Id="rId1" '
            f'Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
            "xl/workbook.xml": '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            f'xmlns:r="{_REL}"><bookViews><workbookView/></bookViews><sheets>{sheets}</sheets></workbook>',
            "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{_PKG_REL}">{rels}<Relationship '
            f'Id="rId{n + 1}" Type="{_REL}/styles" Target="styles.xml"/></Relationships>',
            "xl/styles.xml": _styles_xml(),
        }
        for name, xml in parts.items():
            if not xml.startswith("<?xml"):
                xml = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' + xml
            self._zip.writestr(name, xml)
        self._zip.close()


SHARED = "xl/sharedStrings.xml"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"


def _sheet_name(name: str, taken: list[str]) -> str:
    """Excel's rules: at most 31 characters, none of []:*?/\\ , unique."""
    clean = "".join("-" if ch in "[]:*?/\\\n" else ch for ch in xml_safe(name))[:31] or "Sheet"
    candidate, n = clean, 2
    while candidate in taken:
        suffix = f" ({n})"
        candidate, n = clean[:31 - len(suffix)] + suffix, n + 1
    return candidate
