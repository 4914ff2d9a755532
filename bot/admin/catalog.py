"""Divisions and complaint categories, for admins: add, rename, deactivate, and route each category
to its default division with the keywords that suggest it. Routing is data: a new complaint goes to
its category's division as it is when the complaint is filed; cases already filed keep theirs."""
from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for

from bot.admin import bp
from bot.admin.auth import db_engine, log_action, roles_required
from bot.admin.permissions import roles
from messages_th import admin_accounts as text
from models.complaint import Category, Division
from models.db import read_scope, session_scope
from models.staff_queries import categories, categories_routed_to, divisions, name_taken

MAX_NAME, MAX_KEYWORDS = 200, 10_000



def _back():
    return redirect(url_for("admin.catalog"))


def _name(raw: str) -> str:
    return " ".join(raw.split())


def _keywords(raw: str) -> str:
    """One keyword per line: trimmed, blank lines and repeats dropped, order kept."""
    return "\n".join(dict.fromkeys(k.strip() for k in raw.splitlines() if k.strip()))


@bp.get("/catalog")
@roles_required(*roles("catalog"))
def catalog():
    with read_scope(db_engine()) as s:
        all_divisions, all_categories = divisions(session=s), categories(session=s)
    return render_template("admin/catalog.html", title=text.t("catalog.title"), divisions=all_divisions,
                           categories=all_categories)


@bp.post("/catalog/divisions")
@roles_required(*roles("catalog"))
def catalog_division_add():
    name = _name(request.form.get("name", ""))
    with session_scope(db_engine()) as s:
        error = _name_error(Division, name, s)
        if not error:
            division = Division(name=name)
            s.add(division)
            s.flush()
            log_action("add_division", session=s, target_kind="division", target_id=str(division.id), detail=name)
    flash(text.t(error or "catalog.saved"), "error" if error else "info")
    return _back()


@bp.post("/catalog/divisions/<int:division_id>")
@roles_required(*roles("catalog"))
def catalog_division_update(division_id: int):
    """Rename (field "name") or switch on/off (field "active")."""
    with session_scope(db_engine()) as s:
        division = s.get(Division, division_id) or abort(404)
        if "active" in request.form:
            active = request.form["active"] == "1"
            routed = [] if active else categories_routed_to(division_id, session=s)
            # New complaints of these categories would go to a division nobody works in any more.
            error = text.t("error.division_in_use", names=", ".join(c.name for c in routed)) if routed else ""
            change = f"{'reactivate' if active else 'deactivate'}: {division.name}"
        else:
            new = _name(request.form.get("name", ""))
            wrong = _name_error(Division, new, s, division_id)
            error = text.t(wrong) if wrong else ""
            change, active = f"rename: {division.name} -> {new}", division.active
            if not error:
                division.name = new
        if not error:
            division.active = active
            s.add(division)
            log_action("update_division", session=s, target_kind="division", target_id=str(division_id), detail=change)
    flash(error or text.t("catalog.saved"), "error" if error else "info")
    return _back()


def _name_error(model: type[Division] | type[Category], name: str, s, except_id: int | None = None) -> str:
    if not name or len(name) > MAX_NAME:
        return "error.name"
    return "error.name_taken" if name_taken(model, name, session=s, except_id=except_id) else ""


def _category_fields(s, category_id: int | None = None) -> tuple[dict[str, Any], str]:
    """A category's fields from the form, and the key of the first thing wrong with them ("" if none)."""
    form = request.form
    wanted = form.get("division_id", "")
    division = s.get(Division, int(wanted)) if wanted.isdigit() and len(wanted) < 10 else None
    current = s.get(Category, category_id) if category_id else None
    fields: dict[str, Any] = {"name": _name(form.get("name", "")), "keywords": _keywords(form.get("keywords", "")),
              "division_id": division.id if division else None,
              "active": form.get("active") == "1" if category_id else True,
              "sort_order": form.get("sort_order", type=int, default=current.sort_order if current else 0)}
    error = _name_error(Category, fields["name"], s, category_id)
    # An inactive division is refused unless the category already routes there (nothing changes).
    if not error and wanted and (division is None or not (division.active or (current and current.division_id == division.id))):
        error = "error.division_unknown"
    if not error and len(fields["keywords"]) > MAX_KEYWORDS:
        error = "error.keywords"
    return fields, error


@bp.post("/catalog/categories")
@roles_required(*roles("catalog"))
def catalog_category_add():
    with session_scope(db_engine()) as s:
        fields, error = _category_fields(s)
        if not error:
            category = Category(**fields)
            s.add(category)
            s.flush()
            log_action("add_category", session=s, target_kind="category", target_id=str(category.id),
                       detail=_describe(category, s))
    flash(text.t(error or "catalog.saved"), "error" if error else "info")
    return _back()


@bp.get("/catalog/categories/<int:category_id>")
@roles_required(*roles("catalog"))
def catalog_category(category_id: int, values: dict[str, Any] | None = None, error: str = "", code: int = 200):
    with read_scope(db_engine()) as s:
        category = s.get(Category, category_id) or abort(404)
        choices = [d for d in divisions(session=s) if d.active or d.id == category.division_id]
    shown = values or {"name": category.name, "keywords": category.keywords, "division_id": category.division_id,
                       "active": category.active, "sort_order": category.sort_order}
    return render_template("admin/catalog_category.html", title=text.t("catalog.edit_title", name=category.name),
                           category=category, values=shown, divisions=choices, error=error), code


@bp.post("/catalog/categories/<int:category_id>")
@roles_required(*roles("catalog"))
def catalog_category_update(category_id: int):
    with session_scope(db_engine()) as s:
        category = s.get(Category, category_id) or abort(404)
        fields, error = _category_fields(s, category_id)
        if not error:
            for key, value in fields.items():
                setattr(category, key, value)
            s.add(category)
            log_action("update_category", session=s, target_kind="category", target_id=str(category_id),
                       detail=_describe(category, s))
    if error:  # shown again with what was typed
        return catalog_category(category_id, fields, error, 400)
    flash(text.t("catalog.saved"), "info")
    return redirect(url_for("admin.catalog_category", category_id=category_id))


def _describe(category: Category, s) -> str:
    """The audit detail of a category: what a reader needs to see what routing it had."""
    division = s.get(Division, category.division_id) if category.division_id else None
    keywords = len(category.keywords.splitlines()) if category.keywords else 0
    return f"{category.name} -> {division.name if division else '-'}; keywords={keywords}; active={category.active}"
