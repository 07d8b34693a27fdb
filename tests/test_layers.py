"""The layers of DESIGN.md: the rules of the game never depend on the screen or the disk."""

import subprocess
import sys
from pathlib import Path

import bleep_tui

PACKAGE = Path(bleep_tui.__file__).parent


def modules_in(folder: str) -> list[str]:
    return [
        "bleep_tui." + ".".join(path.relative_to(PACKAGE).with_suffix("").parts)
        for path in sorted((PACKAGE / folder).rglob("*.py"))
    ]


def imported_after(modules: list[str]) -> set[str]:
    code = "import sys\n" + "".join(f"import {m}\n" for m in modules) + "print('\\n'.join(sys.modules))"
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return set(output.split())


def test_core_imports_no_textual_no_store_no_ui() -> None:
    loaded = imported_after(modules_in("core"))
    forbidden = {m for m in loaded if m.split(".")[0] in ("textual", "tinydb", "yaml")}
    forbidden |= {m for m in loaded if m.startswith(("bleep_tui.ui", "bleep_tui.store", "bleep_tui.content"))}
    assert not forbidden


def test_linear_mode_imports_no_textual_and_nothing_of_the_full_screen_app() -> None:
    """The second front end is a small layer over core/, content/ and store/ (DESIGN.md): it runs where Textual cannot."""
    loaded = imported_after(modules_in("linear"))
    assert not {m for m in loaded if m.split(".")[0] == "textual" or m.startswith("bleep_tui.ui")}


def test_a_session_in_linear_mode_never_loads_textual(tmp_path: Path) -> None:
    answers = "Sam\\n1\\n1\\n\\nq\\nq\\nq\\n"  # a name, Money, its first lesson, its first step read, then leave
    code = ("import io, sys\nfrom bleep_tui.cli import main\n"
            f"sys.stdin = io.StringIO('{answers}')\n"
            f"main(['--linear', '--data-dir', {str(tmp_path)!r}])\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual' or m.startswith('bleep_tui.ui')), file=sys.stderr)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "Step 2 of" in result.stdout
    assert result.stderr.strip().splitlines()[-1] == "[]"


def test_content_and_store_import_no_textual() -> None:
    loaded = imported_after(modules_in("content") + modules_in("store"))
    assert not {m for m in loaded if m.split(".")[0] == "textual" or m.startswith("bleep_tui.ui")}


def test_the_command_line_tools_do_not_load_textual() -> None:
    """`bleep lessons ...` must stay quick on a slow shared server."""
    code = "import sys\nfrom bleep_tui.cli import main\nmain(['lessons', 'list'])\nprint('textual' in sys.modules, file=sys.stderr)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stderr.strip().splitlines()[-1] == "False"


def test_records_that_leave_the_prison_are_not_loaded_on_the_way_to_a_learners_screens() -> None:
    """xAPI, badges and the printable passport are for the facilitator's commands: a learner's start-up never reads them."""
    loaded = imported_after(["bleep_tui.cli", "bleep_tui.ui.app"] + modules_in("ui/screens"))
    assert not {m for m in loaded if m.split(".")[0] in ("joserfc", "cryptography", "ralph", "jwt")}
    assert not loaded & {"bleep_tui.core.xapi", "bleep_tui.core.badges", "bleep_tui.export.passport", "bleep_tui.export.lrs",
                         "bleep_tui.store.lrs", "bleep_tui.store.issuer", "bleep_tui.commands.lrs", "bleep_tui.commands.credentials"}


def test_a_returning_learners_way_to_home_loads_no_text_area_table_or_radio_buttons(tmp_path: Path) -> None:
    """Home shows none of them, and importing them cost every session about 20 ms of CPU at start-up."""
    code = f"""
import asyncio, sys
from pathlib import Path
from bleep_tui.store.learner import LearnerStore
from bleep_tui.ui.app import BleepApp
from bleep_tui.ui.screens.home import HomeScreen

LearnerStore(Path({str(tmp_path)!r})).create("Sam")

async def to_home():
    app = BleepApp(Path({str(tmp_path)!r}))
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(200):
            if isinstance(app.screen, HomeScreen) and "XP" in str(app.screen.query_one("#status").render()):
                break
            await pilot.pause(0.05)
        await pilot.press("down", "down", "up")
        print(type(app.screen).__name__)

asyncio.run(to_home())
print(" ".join(m for m in sys.modules if m.startswith(("textual.widgets._text_area", "textual.widgets._data_table", "textual.widgets._radio"))))
"""
    screen, loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.splitlines()[-2:]
    assert screen == "HomeScreen"
    assert loaded == ""


def test_the_web_server_is_not_loaded_on_the_way_to_a_learners_screens() -> None:
    """`bleep serve`'s dependencies cost a terminal's start-up nothing, and a browser session's process does not load them either."""
    loaded = imported_after(["bleep_tui.cli", "bleep_tui.ui.app", "bleep_tui.web.child"] + modules_in("ui/screens"))
    assert not {m for m in loaded if m.split(".")[0] in ("aiohttp", "textual_serve", "jinja2", "aiohttp_jinja2", "playwright")}
    assert not {m for m in loaded if m.startswith(("bleep_tui.web.server", "bleep_tui.web.pages", "bleep_tui.commands.serve"))}
