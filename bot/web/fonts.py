"""Sarabun for the browser pages (admin view, chat simulator), served from the fontpkg-sarabun package
the PDFs and the rich menu already use: a clerk's machine, or a fresh Linux box trying `make run`,
without a Thai font showed every Thai letter as a box. Served by the app itself, never a CDN (no
machine here reaches one, and a municipality's network may not either); public, as fonts are.
"""
from __future__ import annotations

from flask import Blueprint, Response, abort, send_file, url_for

bp = Blueprint("fonts", __name__)
WEIGHTS = (400, 600, 700)  # body text, buttons and labels, headings (bot/admin/static/admin/admin.css)
YEAR = 365 * 24 * 3600  # the files change only with the package, and then their URLs' version does


@bp.get("/fonts/sarabun.css")
def faces() -> Response:
    """@font-face rules for the weights the pages use; an installed Sarabun is used first (local())."""
    rules = "".join(
        f'@font-face{{font-family:"Sarabun";font-style:normal;font-weight:{w};font-display:swap;'
        f'src:local("Sarabun"),url("{url_for("fonts.face", weight=w, v=_version())}") format("truetype")}}\n'
        for w in WEIGHTS)
    resp = Response(rules, mimetype="text/css")
    resp.cache_control.public = True
    resp.cache_control.max_age = 3600
    return resp


@bp.get("/fonts/sarabun-<int:weight>.ttf")
def face(weight: int) -> Response:
    if weight not in WEIGHTS:
        abort(404)
    import fontpkg

    try:
        path = fontpkg.path("Sarabun", weight=weight)
    except Exception:  # the package missing or broken: the pages fall back to the system's fonts
        abort(404)
    return send_file(path, mimetype="font/ttf", max_age=YEAR, conditional=True)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("fontpkg-sarabun")
    except PackageNotFoundError:
        return "0"
