"""The rich menu: its definition and image, and `flask richmenu deploy` against the fake LINE API."""
from __future__ import annotations

import io
import json

import pytest
from PIL import Image

from bot.cli.richmenu import register_richmenu_cli
from bot.devchat.limits import check_rich_menu, check_rich_menu_image
from bot.devchat.text_units import grapheme_count, utf16_len
from bot.line import richmenu
from handlers import postback as pb
from messages_th.richmenu import CHAT_BAR_TEXT, CLI, ENTRIES

SIX = ("complaint", "corruption", "track", "inquiry", "survey", "suggest")


# --- the definition and the image ---------------------------------------------------------------

def test_menu_is_six_postback_areas_tiling_the_image() -> None:
    menu = richmenu.menu_definition()
    assert check_rich_menu(menu) == []
    assert menu["size"] == {"width": 2500, "height": 1686}
    assert 0 < utf16_len(menu["chatBarText"]) <= 14 and menu["chatBarText"] == CHAT_BAR_TEXT
    areas = menu["areas"]
    assert [a["action"]["data"] for a in areas] == [pb.menu(key) for key in SIX]
    for area, entry in zip(areas, ENTRIES):
        action = area["action"]
        assert action["type"] == "postback"
        assert pb.decode(action["data"]).ns == pb.MENU and pb.decode(action["data"]).action in pb.MENU_ENTRIES
        assert action["displayText"] == action["label"] == entry["label"]  # the chat shows what was tapped
        assert 0 < grapheme_count(action["label"]) <= 20
    # a 3x2 grid: every pixel belongs to exactly one area
    covered = [[0] * 3 for _ in range(2)]
    for area in areas:
        b = area["bounds"]
        col, row = round(b["x"] / (2500 / 3)), round(b["y"] / (1686 / 2))
        covered[row][col] += 1
    assert covered == [[1, 1, 1], [1, 1, 1]]
    assert sum(a["bounds"]["width"] * a["bounds"]["height"] for a in areas) == 2500 * 1686
    rows = {a["bounds"]["y"]: 0 for a in areas}
    for a in areas:
        rows[a["bounds"]["y"]] += a["bounds"]["width"]
    assert sorted(rows) == [0, 843] and set(rows.values()) == {2500}


def test_entries_say_what_the_citizen_needs() -> None:
    labels = [e["label"] for e in ENTRIES]
    assert labels == ["แจ้งเรื่องร้องเรียน", "แจ้งเบาะแสทุจริต", "ติดตามเรื่อง", "สอบถาม",
                      "ประเมินความพึงพอใจ", "เสนอแนะ"]
    for entry in ENTRIES:
        assert "".join(entry["lines"]) == entry["label"].replace(" ", "")  # the image says the label
        assert entry["sub"] and entry["icon"]


def test_image_meets_line_limits_and_is_readable() -> None:
    data = richmenu.render_menu_png()
    menu = richmenu.menu_definition()
    assert richmenu.image_problems(data, menu) == []
    assert check_rich_menu_image(data, "image/png", (2500, 1686)) == []
    assert len(data) <= 1024 * 1024
    img = Image.open(io.BytesIO(data))
    assert img.format == "PNG" and img.size == (2500, 1686)
    assert 800 <= img.width <= 2500 and img.height >= 250 and img.width / img.height >= 1.45
    rgb = img.convert("RGB")
    for entry, area in zip(ENTRIES, menu["areas"]):
        b = area["bounds"]
        tile = rgb.crop((b["x"], b["y"], b["x"] + b["width"], b["y"] + b["height"]))
        colour = tuple(int(entry["color"][i:i + 2], 16) for i in (1, 3, 5))
        assert tile.getpixel((40, b["height"] // 2)) == colour  # the tile is filled with its colour
        title = tile.crop((40, 330, b["width"] - 40, 720))
        white = sum(title.convert("L").histogram()[241:])
        assert white > 5000, f"no large white title on {entry['key']}"  # text is drawn, and big
        assert _contrast(colour, (255, 255, 255)) >= 5.0, entry["key"]


def _contrast(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    def lum(c: tuple[int, ...]) -> float:
        ch = [v / 255 for v in c]
        ch = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in ch]
        return 0.2126 * ch[0] + 0.7152 * ch[1] + 0.0722 * ch[2]
    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_font_comes_from_the_installed_package() -> None:
    import fontpkg_sarabun

    from bot.line.richmenu_image import font

    assert str(font(40).path).startswith(str(fontpkg_sarabun.ROOT))


@pytest.mark.parametrize("size, fmt, problem", [
    ((700, 300), "PNG", "width 700"),
    ((1000, 900), "PNG", "width/height"),
    ((2500, 200), "PNG", "height 200"),
    ((2500, 1686), "GIF", "format GIF"),
])
def test_image_problems_are_found(size: tuple[int, int], fmt: str, problem: str) -> None:
    out = io.BytesIO()
    Image.new("RGB", size, "#123456").save(out, fmt)
    assert any(problem in p for p in richmenu.image_problems(out.getvalue()))


def test_too_large_image_is_found() -> None:
    import os

    out = io.BytesIO()
    Image.frombytes("RGB", (1200, 800), os.urandom(1200 * 800 * 3)).save(out, "PNG")
    assert any("more than 1 MB" in p for p in richmenu.image_problems(out.getvalue()))


# --- deploying ----------------------------------------------------------------------------------

@pytest.fixture
def run(app):
    """Run `flask richmenu ...` in the test app, whose gateway points at the fake LINE API."""
    if "richmenu" not in app.cli.commands:  # until bot/cli/__init__.py registers it
        register_richmenu_cli(app)
    runner = app.test_cli_runner()
    return lambda *args: runner.invoke(args=["richmenu", *args])


def _all_output(result) -> str:
    """stdout and stderr: click mixes them into .output (by default before 8.2, always since)."""
    return result.output


def _citizen(menus: dict) -> dict:
    """The menus but the staff's, which every deploy also makes (tests/staffline/test_staff_menu.py)."""
    return {k: m for k, m in menus.items() if not str(m.get("name", "")).startswith("staff-main-menu")}


def _menus(fake_line) -> dict:
    return _citizen(fake_line.store.rich_menus.menus)


def test_deploy_creates_one_default_menu_with_its_image(run, fake_line) -> None:
    result = run("deploy")
    assert result.exit_code == 0, _all_output(result)
    state = fake_line.store.rich_menus
    assert len(_citizen(state.menus)) == 1
    (menu_id, menu), = _citizen(state.menus).items()
    assert state.default_id == menu_id
    assert richmenu.is_ours(menu) and menu["name"].startswith("citizen-main-menu ")
    assert len(menu["areas"]) == 6 and menu["selected"] is True
    data, ctype = state.images[menu_id]
    assert ctype == "image/png" and check_rich_menu_image(data, ctype, (2500, 1686)) == []
    upload, = fake_line.store.calls_to(f"/v2/bot/richmenu/{menu_id}/content")
    assert upload.method == "POST" and upload.body == richmenu.render_menu_png()
    assert menu_id in result.output and CLI["defaulted"] in result.output
    assert "Traceback" not in _all_output(result)


def test_second_deploy_replaces_the_first(run, fake_line) -> None:
    assert run("deploy").exit_code == 0
    first = fake_line.store.rich_menus.default_id
    result = run("deploy")
    assert result.exit_code == 0, _all_output(result)
    state = fake_line.store.rich_menus
    assert list(_citizen(state.menus)) == [state.default_id] and state.default_id != first
    assert first not in state.images
    assert CLI["removed"].format(menu_id=first) in result.output


def test_menus_made_elsewhere_are_left_alone(run, fake_line, services) -> None:
    other = richmenu.menu_definition("campaign-menu")
    result, other_id = services.gateway.create_rich_menu(other)
    assert result.ok and other_id
    assert services.gateway.set_rich_menu_image(other_id, richmenu.render_menu_png()).ok
    assert services.gateway.set_default_rich_menu(other_id).ok
    result = run("deploy")
    assert result.exit_code == 0, _all_output(result)
    state = fake_line.store.rich_menus
    assert other_id in _citizen(state.menus) and state.default_id != other_id and len(_citizen(state.menus)) == 2
    assert CLI["foreign_default"].format(menu_id=other_id) in result.output


def test_line_500_on_upload_keeps_the_old_default(run, fake_line) -> None:
    assert run("deploy").exit_code == 0
    old = fake_line.store.rich_menus.default_id
    before = len(fake_line.store.calls)
    fake_line.store.fail_next("/content", 500)
    result = run("deploy")
    out = _all_output(result)
    assert result.exit_code == 1, out
    assert isinstance(result.exception, SystemExit) and "Traceback" not in out
    state = fake_line.store.rich_menus
    assert state.default_id == old and list(_citizen(state.menus)) == [old]  # the half-made menu is gone
    assert "HTTP 500" in out and CLI["kept_default"].format(menu_id=old) in out
    later = fake_line.store.calls[before:]
    assert not [c for c in later if c.method == "POST" and c.path.startswith("/v2/bot/user/all/richmenu")]


def test_refused_token_changes_nothing(run, fake_line) -> None:
    fake_line.store.fail_next("/v2/bot/richmenu/list", 401)
    result = run("deploy")
    assert result.exit_code == 1
    assert "LINE_CHANNEL_ACCESS_TOKEN" in _all_output(result) and "Traceback" not in _all_output(result)
    assert not _menus(fake_line) and not fake_line.store.calls_to("/v2/bot/richmenu")
    assert CLI["nothing_changed"] in _all_output(result)


def test_lost_answer_on_create_is_cleaned_up_next_time(run, fake_line) -> None:
    fake_line.store.hang_next("/v2/bot/richmenu", seconds=2.5, deliver=True)  # client timeout is 2 s
    result = run("deploy")
    assert result.exit_code == 1 and "Traceback" not in _all_output(result)
    orphan, = _menus(fake_line)  # LINE made it, but we never heard its id
    assert fake_line.store.rich_menus.default_id is None
    assert run("deploy").exit_code == 0
    assert orphan not in _menus(fake_line) and len(_menus(fake_line)) == 1


def test_dry_run_writes_files_and_calls_nothing(run, fake_line, tmp_path) -> None:
    result = run("deploy", "--dry-run", "--out", str(tmp_path / "menu"))
    assert result.exit_code == 0, _all_output(result)
    assert fake_line.store.calls == []
    spec = json.loads((tmp_path / "menu" / "richmenu.json").read_text(encoding="utf-8"))
    assert spec == richmenu.menu_definition()
    data = (tmp_path / "menu" / "richmenu.png").read_bytes()
    assert data == richmenu.render_menu_png() and richmenu.image_problems(data, spec) == []


def test_old_menu_that_cannot_be_deleted_is_reported_and_removed_next_time(run, fake_line) -> None:
    assert run("deploy").exit_code == 0
    first = fake_line.store.rich_menus.default_id
    fake_line.store.fail_next(f"/v2/bot/richmenu/{first}", 503)
    result = run("deploy")
    assert result.exit_code == 1 and "Traceback" not in _all_output(result)
    state = fake_line.store.rich_menus
    assert state.default_id != first and first in _citizen(state.menus)  # the new menu is live all the same
    assert first in _all_output(result) and "HTTP 503" in _all_output(result)
    assert run("deploy").exit_code == 0
    assert list(_menus(fake_line)) == [fake_line.store.rich_menus.default_id]
