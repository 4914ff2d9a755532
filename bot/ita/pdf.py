"""The PDF evidence report: an HTML template in Thai, Sarabun from the fontpkg-sarabun package
(never the network), charts as inline SVG, page numbers and the municipality's name in the page
margins, printed by WeasyPrint (which shapes Thai through Pango and HarfBuzz)."""
from __future__ import annotations

import logging
from pathlib import Path

import fontpkg
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from bot.admin.charts import SECOND, Bar, Series, bar_chart, column_chart, grouped_column_chart
from bot.ita import sheets
from bot.ita.pdf_text import fix_thai_text
from bot.ita.report import Report
from messages_th import ita as text
from messages_th.case_result import t as result_t
from messages_th.dates import MONTHS_SHORT, status_label, thai_date, thai_datetime
from models.stats_survey import INDICATORS
from models.xml_text import xml_safe

TEMPLATES = Path(__file__).with_name("templates")
ACTIONS_SHOWN = 40  # "you said, we did" lines in the PDF; the workbook has them all
# WeasyPrint logs every layout step at INFO: noise in `flask ita export` and the server log.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


def _printable(value: object) -> object:
    """Every value the template prints, without what XML cannot hold: a vertical tab pasted from Word
    into stored text made WeasyPrint lose the text layer of the whole PDF (models/xml_text.py)."""
    if isinstance(value, Markup):
        return Markup(xml_safe(value))  # a chart: dropping control characters leaves its markup intact
    return xml_safe(value) if isinstance(value, str) else value


_env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]),
                   trim_blocks=True, lstrip_blocks=True, finalize=_printable)


def _fonts() -> dict[str, str]:
    return {str(w): fontpkg.path("Sarabun", weight=w).as_uri() for w in (400, 700)}


def _month_parts(report: Report) -> list[tuple[str, str]]:
    return [(MONTHS_SHORT[m - 1], str(y)) for y, m in report.period.months]


def _columns(chart_id: str, title: str, report: Report, values: list[float | None], unit_text: str = "") -> Markup:
    bars = []
    for (label, year), value in zip(_month_parts(report), values):
        shown = "" if value is None else (f"{value:,.1f}" if isinstance(value, float) else f"{value:,}")
        bars.append(Bar(label, value or 0, sublabel=year, text=shown or text.tx("none"),
                        tooltip=f"{label} {year}: {shown or text.tx('none')}{unit_text}"))
    return column_chart(chart_id, title, bars)


def _per_question(questions: list) -> list[Bar]:
    """One bar per question over every service (the table below the chart has each service):
    the answer-weighted mean of the services' scores, in the questions' own order."""
    totals: dict[str, list[float]] = {}
    for q in questions:
        points, answers = totals.setdefault(q.question, [0.0, 0.0])
        totals[q.question] = [points + q.score * q.answers, answers + q.answers]
    return [Bar(name, round(points / answers, 1)) for name, (points, answers) in totals.items() if answers]


def _worth_drawing(report: Report, name: str) -> bool:
    """A chart per month only for more than one month and when any month has something: a lone
    bar or a row of zeros says nothing the table beside it does not."""
    values = _MONTHLY[name](report)
    return len(report.period.months) > 1 and any(v for v in values if v is not None)


_MONTHLY = {
    "corruption": lambda r: [m.received for m in r.corruption_months],
    "months": lambda r: [m.received for m in r.case_months],
    "median": lambda r: [m.median_days for m in r.case_months],
    "inquiries": lambda r: [m.asked for m in r.channel.inquiries],
    "answer_hours": lambda r: r.channel.answer_hours_months,
    "suggestions": lambda r: [m.received for m in r.participation.suggestions],
}


def charts(report: Report) -> dict[str, Markup | None]:
    tx, months = text.tx, _month_parts(report)
    p, ch = report.participation, report.channel
    questions = report.survey.questions
    categories = [Bar(r.name or tx("c6.no_category"), r.total) for r in report.categories]
    found = {
        "corruption": grouped_column_chart("chart-corruption", tx("pdf.chart.corruption"), months, [
            Series(tx("c5.received"), [m.received for m in report.corruption_months]),
            Series(tx("c5.finished"), [m.finished for m in report.corruption_months], SECOND)]),
        "months": _columns("chart-months", tx("pdf.chart.months"), report, [m.received for m in report.case_months]),
        "median": _columns("chart-median", tx("pdf.chart.median"), report,
                           [None if m.median_days is None else round(m.median_days, 1) for m in report.case_months]),
        "categories": bar_chart("chart-categories", tx("pdf.chart.categories"), categories) if categories else None,
        "survey": bar_chart("chart-survey", tx("pdf.chart.survey"), _per_question(questions)) if questions else None,
        "inquiries": grouped_column_chart("chart-inquiries", tx("pdf.chart.inquiries"), months, [
            Series(tx("c7.asked"), [m.asked for m in ch.inquiries]),
            Series(tx("c7.faq"), [m.faq for m in ch.inquiries], SECOND),
            Series(tx("c7.answered"), [m.answered for m in ch.inquiries], "#3d5a80")]),
        "answer_hours": _columns("chart-answer-hours", tx("pdf.chart.answer_hours"), report,
                                 [None if h is None else round(h, 1) for h in ch.answer_hours_months]),
        "suggestions": grouped_column_chart("chart-suggestions", tx("pdf.chart.suggestions"), months, [
            Series(tx("c8.received"), [m.received for m in p.suggestions]),
            Series(tx("c8.done"), [m.done for m in p.suggestions], SECOND)]),
    }
    drawn = {k: v for k, v in found.items() if k in ("categories", "survey") or _worth_drawing(report, k)}
    return {k: drawn.get(k) for k in found}


def render_html(report: Report) -> str:
    return _env.get_template("ita/report.html").render(
        r=report, tx=text.tx, fmt=text, fonts=_fonts(), charts=charts(report), months=report.period.months,
        month_label=text.month_short_year, period=text.period_label(report.period),
        period_range=text.period_range(report.period.start, report.period.end),
        previous=sheets.previous_label(report), generated=thai_datetime(report.generated_at),
        key_rows=list(zip(sheets.key_rows(report.key), sheets.key_rows(report.key_before))),
        participation=sheets.participation_rows(report), indicators=INDICATORS,
        actions=report.participation.actions[:ACTIONS_SHOWN], status_label=status_label, thai_date=thai_date,
        score_note=sheets.score_note(report), cell=sheets.cell_text, rt=result_t)


def warm_up() -> None:
    """Import WeasyPrint and print a line of Thai in both weights (Pango and the fonts load): what every
    PDF pays first, done by `flask ita export`'s PDF process while the figures are still being computed."""
    from weasyprint import HTML

    faces = "".join(f"@font-face{{font-family:Sarabun;font-weight:{w};src:url({uri})}}" for w, uri in _fonts().items())
    regular, bold = text.FONT_SAMPLE
    HTML(string=f"<style>{faces} p{{font-family:Sarabun}}</style><p>{regular}<b>{bold}</b></p>").write_pdf()


def write_pdf(report: Report, path: Path) -> None:
    from weasyprint import HTML  # imported here: Pango loads only when a PDF is made

    HTML(string=render_html(report), base_url=str(TEMPLATES)).write_pdf(path, finisher=fix_thai_text)
