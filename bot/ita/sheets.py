"""The rows of the summary sheet and of the four indicator sheets (months as columns)."""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from bot.ita.report import KeyFigures, Report
from bot.ita.xlsx_writer import Cell
from messages_th.case_result import t as result_t
from messages_th.dates import status_label, thai_date, thai_datetime
from messages_th.ita import month_label, percent, period_label, period_range, score_change, tx
from models.stats_survey import INDICATORS, SCALE_FOUR

Row = list[object]


def _head(report: Report, title: str) -> list[Row]:
    return [[Cell(title, "title")], [period_label(report.period)],
            [period_range(report.period.start, report.period.end)], []]


def _month_header(report: Report, first: str) -> Row:
    return [Cell(first, "header"), *[Cell(month_label(*m), "header") for m in report.period.months],
            Cell(tx("col.total"), "header")]


def _line(label: str, values: Iterable[object], total: object, style: str = "total") -> Row:
    """A label, a value per month, and the total in bold."""
    if isinstance(total, Cell):
        total = total.value
    return [label, *values, None if total is None else Cell(total, style)]


def _pct(value: float | None) -> Cell | None:
    return None if value is None else Cell(value, "percent")


def _dec(value: float | None) -> Cell | None:
    """Days, hours or points with one decimal (None: nothing to show)."""
    return None if value is None else Cell(round(value, 1), "decimal")


def key_rows(k: KeyFigures) -> list[tuple[int, str, object]]:
    """(indicator, label, value) of the key figures; shared with the PDF."""
    c = k.cases
    rows: list[tuple[int, str, object]] = [
        (5, "c5.received", k.corruption.received), (5, "c5.finished", k.corruption.finished),
        (5, "c5.in_progress", k.corruption.in_progress),
        (6, "c6.received", c.received), (6, "c6.answered", c.answered), (6, "c6.within", c.within),
        (6, "c6.share", _pct(c.share)), (6, "c6.median", _dec(c.median_days)),
        (6, "c6.responses", k.responses),
        (7, "c7.asked", k.inquiries), (7, "c7.faq", k.inquiries_faq),
        (8, "c8.received", k.suggestions), (8, "c8.done", k.suggestions_done),
    ]
    if k.empty:  # "–" rather than 0: a period without any data is not a period without complaints
        rows = [(n, key, None) for n, key, _ in rows]
    return [(n, tx(key), value) for n, key, value in rows] + [
        (n, tx("score.row", n=n), _dec(k.scores[n].score)) for n in INDICATORS]


def previous_label(report: Report) -> str:
    """The previous period's column heading, saying when that period has no data at all."""
    label = period_label(report.previous)
    return tx("col.previous.none", period=label) if report.key_before.empty else label


def cell_text(value: object) -> str:
    """A key-figure value as written in the PDF and on the admin page (the workbook keeps numbers)."""
    if isinstance(value, Cell):
        number = value.value
        if not isinstance(number, (int, float)):  # _pct and _dec make these Cells, always from a number
            raise TypeError(f"a key figure's Cell holds a number, not {number!r}")
        return percent(number) if value.style == "percent" else f"{number:,.1f}"
    return tx("none") if value is None else f"{value:,}"


def summary(report: Report) -> Iterator[Row]:
    yield [Cell(tx("doc.title"), "title")]
    yield [tx("doc.subtitle", name=report.municipality)]
    yield [period_label(report.period)]
    yield [period_range(report.period.start, report.period.end)]
    yield [tx("doc.generated", when=thai_datetime(report.generated_at))]
    yield []
    yield [Cell(tx("col.indicator"), "header"), Cell(tx("col.item"), "header"), Cell(tx("col.this"), "header"),
           Cell(tx("col.previous"), "header")]
    yield ["", "", "", previous_label(report)]
    for (n, label, now), (_, _, before) in zip(key_rows(report.key), key_rows(report.key_before)):
        yield [tx("score.indicator", n=n), label, now, tx("none") if before is None else before]
    # today's count only: no previous figure (the follower table keeps no history)
    yield [tx("score.indicator", n=7), tx("c7.followers_now"), report.channel.followers_now, tx("none")]
    yield []
    yield [Cell(score_note(report), "note")]
    yield [Cell(tx("doc.privacy"), "note")]
    yield [Cell(tx("doc.dates"), "note")]


def score_note(report: Report) -> str:
    return tx("score.note", four=", ".join(f"{p:g}" for p in report.score_map.four),
              stars=", ".join(f"{p:g}" for p in report.score_map.stars))


def indicator5(report: Report) -> Iterator[Row]:
    yield from _head(report, tx("ind.5"))
    yield [Cell(tx("c5.title"), "header")]
    months, total = report.corruption_months, report.key.corruption
    if total.received == 0:
        yield [Cell(tx("c5.none"), "title")]
        yield [tx("c5.none.detail")]
    yield _month_header(report, tx("col.item"))
    for field in ("received", "finished", "in_progress"):
        yield _line(tx(f"c5.{field}"), [getattr(m, field) for m in months], getattr(total, field))
    yield [tx("c5.median"), *[None] * len(months), _dec(report.corruption_median)]
    yield []
    yield [Cell(tx("c5.note"), "note")]


def indicator6(report: Report) -> Iterator[Row]:
    yield from _head(report, tx("ind.6"))
    months, total = report.case_months, report.key.cases
    yield [Cell(tx("c6.cases"), "header")]
    yield _month_header(report, tx("col.item"))
    for field in ("received", "answered", "within", "open"):
        yield _line(tx(f"c6.{field}"), [getattr(m, field) for m in months], getattr(total, field))
    yield _line(tx("c6.share"), [_pct(m.share) for m in months], _pct(total.share), "total_percent")
    yield _line(tx("c6.median"), [_dec(m.median_days) for m in months], _dec(total.median_days), "total_decimal")
    yield [Cell(tx("c6.answered.note"), "note")]
    yield []
    yield from reopened_rows(report)
    yield [Cell(tx("c6.by_category"), "header")]
    yield _month_header(report, tx("c6.category"))
    for row in report.categories:
        yield _line(row.name or tx("c6.no_category"), row.months, row.total)
    yield []
    yield [Cell(tx("c6.by_status"), "header"), Cell(tx("col.total"), "header")]
    for code, n in report.by_status.items():
        yield [status_label(code), n]
    yield []
    yield [Cell(tx("c6.by_division"), "header"), Cell(tx("col.total"), "header")]
    for d in report.by_division:
        yield [d.name or tx("c6.no_division"), d.count]
    yield []
    yield from _survey(report)


def reopened_rows(report: Report) -> Iterator[Row]:
    """Resolutions the citizen said were not fixed (models/stats_reopen.py), and how they are counted."""
    r = report.reopened
    yield [Cell(result_t("admin.stat.reopened"), "header"), Cell(tx("col.total"), "header")]
    yield [result_t("admin.stat.resolved"), r.resolved]
    yield [result_t("admin.stat.reopened_cases"), r.reopened]
    yield [result_t("admin.stat.reopened_share"), _pct(r.share)]
    yield [Cell(result_t("admin.stat.reopened_note"), "note")]
    yield []


def _survey(report: Report) -> Iterator[Row]:
    survey = report.survey
    yield [Cell(tx("c6.survey"), "header")]
    yield _month_header(report, tx("col.item"))
    yield _line(tx("c6.responses"), survey.per_month, survey.responses)
    yield []
    header = ("c6.service", "c6.question", "c6.indicator", "c6.answers", "c6.average", "c6.score")
    yield [*[Cell(tx(k), "header") for k in header], Cell(tx("c6.distribution"), "header")]
    if not survey.questions:
        yield [tx("c6.no_survey")]
    for q in survey.questions:
        levels = tx("c6.levels.four" if q.scale == SCALE_FOUR else "c6.levels.stars")
        yield [q.service or tx("c6.no_service"), q.question, q.indicator, q.answers, round(q.average, 2),
               Cell(round(q.score, 1), "decimal"), f"{levels}: " + " / ".join(str(n) for n in q.counts)]
    yield []
    yield from _scores(report)


def _scores(report: Report) -> Iterator[Row]:
    yield [Cell(tx("score.title"), "header")]
    yield [Cell(tx(k), "header") for k in ("col.indicator", "score.answers", "score.value", "score.previous",
                                           "score.change")]
    for n in INDICATORS:
        now, before = report.key.scores[n], report.key_before.scores[n]
        yield [tx("score.indicator", n=n), now.answers, _dec(now.score), _dec(before.score),
               score_change(now.score, before.score)]
    yield [Cell(score_note(report), "note")]


def indicator7(report: Report) -> Iterator[Row]:
    yield from _head(report, tx("ind.7"))
    ch = report.channel
    yield [Cell(tx("c7.channel"), "header")]
    yield [tx("c7.followers_now"), ch.followers_now]
    yield _month_header(report, tx("col.item"))
    for field in ("new_followers", "unfollowed", "messages"):
        values = [getattr(m, field) for m in ch.months]
        yield _line(tx(f"c7.{field}"), values, sum(values))
    yield _line(tx("c7.people"), [m.people for m in ch.months], ch.people)
    yield [Cell(tx("c7.followers.note"), "note")]
    yield []
    yield [Cell(tx("c7.inquiries"), "header")]
    yield _month_header(report, tx("col.item"))
    for field in ("asked", "faq", "answered", "waiting", "closed", "helpful", "not_helpful"):
        yield _line(tx(f"c7.{field}"), [getattr(m, field) for m in ch.inquiries], getattr(ch.inquiry_total, field))
    yield _line(tx("c7.answer_hours"), [_dec(h) for h in ch.answer_hours_months], _dec(ch.answer_hours),
                "total_decimal")
    yield [tx("c7.faq_offered"), ch.faq_offered]


def indicator8(report: Report) -> Iterator[Row]:
    yield from _head(report, tx("ind.8"))
    p = report.participation
    yield [Cell(tx("c8.suggestions"), "header")]
    yield _month_header(report, tx("col.item"))
    for field in ("received", "done", "not_adopted", "open"):
        yield _line(tx(f"c8.{field}"), [getattr(m, field) for m in p.suggestions], getattr(p.suggestion_total, field))
    yield []
    yield [Cell(tx("c8.actions"), "header")]
    yield [Cell(tx(k), "header") for k in ("c8.ticket", "c8.date", "c8.topic", "c8.status", "c8.action",
                                           "c8.action_at")]
    if not p.actions:
        yield [tx("c8.actions.none")]
    for a in p.actions:
        yield [a.ticket, thai_date(a.received), a.topic or tx("c8.no_topic"), tx(f"c8.status.{a.status}"),
               Cell(a.action, "wrap"), thai_date(a.action_at) if a.action_at else None]
    yield []
    yield [Cell(tx("c8.participation"), "header")]
    yield [Cell(tx(k), "header") for k in ("c8.activity", "c8.people", "c8.times", "c8.result", "c8.use")]
    yield from participation_rows(report)
    yield []
    yield [Cell(tx("c8.eservice"), "header")]
    yield _month_header(report, tx("c8.service"))
    for code, uses in p.services.items():
        yield _line(tx(f"act.{code}"), uses, sum(uses))


def participation_rows(report: Report) -> list[Row]:
    """(activity, people, times, result, use) per activity; shared with the PDF."""
    k = report.key
    results = {
        "complaint": tx("result.complaint", answered=k.cases.answered,
                        share=f"{k.cases.share * 100:.1f}%" if k.cases.share is not None else tx("none")),
        "survey": tx("result.survey", score=_fmt(k.scores[6].score)),
        "inquiry": tx("result.inquiry", faq=k.inquiries_faq, answered=report.channel.inquiry_total.answered),
        "suggestion": tx("result.suggestion", done=k.suggestions_done),
    }
    return [[tx(f"act.{p.activity}"), p.people, p.times, results[p.activity], tx(f"use.{p.activity}")]
            for p in report.participation.participation]


def _fmt(value: float | None) -> str:
    return tx("none") if value is None else f"{value:.1f}"
