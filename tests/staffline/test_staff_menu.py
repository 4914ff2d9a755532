"""The staff rich menu: deployed beside the citizens', linked per user to linked staff, relinked when
deployed again (the fake LINE API checks LINE's limits on the menu and its image)."""
from __future__ import annotations

from bot.line import staff_menu
from messages_th import staff_line
from tests.staffline.helpers import linked


def _deploy(app) -> str:
    result = app.test_cli_runner().invoke(args=["richmenu", "deploy"])
    assert result.exit_code == 0, result.output
    return result.output


def test_deploy_makes_both_menus_and_relinks_linked_staff(app, client, worker, fake_line, engine):
    officer = linked(client, worker, fake_line, engine, "menu1", ["officer"], "กองช่าง")  # before any menu
    out = _deploy(app)
    state = fake_line.store.rich_menus
    staff_ids = [k for k, m in state.menus.items() if m["name"].startswith("staff-main-menu ")]
    assert len(staff_ids) == 1 and state.default_id not in staff_ids  # citizens keep theirs as the default
    assert state.per_user == {officer.user_id: staff_ids[0]}
    assert "เจ้าหน้าที่ที่ผูก LINE แล้ว 1 คน" in out
    areas = [a["action"]["data"] for a in state.menus[staff_ids[0]]["areas"]]
    assert areas[:3] == ["st:mine", "st:new", "st:pick"] and "menu:complaint" in areas
    _deploy(app)
    again = [k for k, m in state.menus.items() if m["name"].startswith("staff-main-menu ")]
    assert len(again) == 1 and again != staff_ids and state.per_user == {officer.user_id: again[0]}


def test_menu_texts_fit_line(fake_line):
    menu = staff_menu.menu_definition()
    assert len(menu["chatBarText"]) <= 14 and all(len(e["label"]) <= 20 for e in staff_line.ENTRIES)
