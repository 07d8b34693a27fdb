"""Money as each learner's language writes it in the simulations: `€ 1.240,75` for a Dutch learner, who
may type `650,00`; `1240,75 €` for a Portuguese one; lira on the cash machine of a Turkish scenario."""

from __future__ import annotations

import shutil
from pathlib import Path

from babel.messages.catalog import Catalog as PoCatalog
from babel.messages.mofile import write_mo

from bleep_tui.content.catalog import load_catalog
from bleep_tui.content.translatable import extract_content
from bleep_tui.content.translated import content_translation
from bleep_tui.store.learner import LearnerStore
from bleep_tui.ui.app import BleepApp

from ..screen import screen_text
from ..test_lesson_player import open_lesson
from .money_play import SIZE, press, shown, sim_answers, type_text

REPO = Path(__file__).resolve().parents[3]
RENT, ATM = "money-sim-banking-rent", "money-sim-atm-withdraw"


def plain(screen: str) -> str:
    """The screen with Babel's no-break spaces (between `€` and the amount, in `1 240`) as plain spaces."""
    return screen.replace("\u00a0", " ").replace("\u202f", " ")


async def start(app: BleepApp, pilot, lesson: str) -> None:
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()
    await open_lesson(pilot, lesson)
    await press(pilot, "enter")  # the info step


async def test_a_dutch_learner_sees_dutch_amounts_and_pays_with_a_decimal_comma(data_dir: Path) -> None:
    LearnerStore(data_dir).create("Sanne", language="nl")
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await start(app, pilot, RENT)
        await type_text(pilot, "24680")
        overview = plain(await press(pilot, "enter"))
        assert "Betaalrekening: € 1.240,75" in overview and "Supermarkt" in overview and "-€ 23,40" in overview
        await press(pilot, "n")
        await type_text(pilot, "Karin Novak")
        await press(pilot, "enter")
        await type_text(pilot, "NL35RVSB0123456789")
        await press(pilot, "enter")
        assert "Bedrag in EUR:" in screen_text(app)
        await type_text(pilot, "650,00")  # the Dutch decimal comma
        await press(pilot, "enter")
        await type_text(pilot, "Huur mei")  # the reference the Dutch task asks for (the Dutch scenario overlay)
        assert "Bedrag: € 650,00" in plain(await press(pilot, "enter"))
        await press(pilot, "enter")
        texted = plain(shown(pilot, "#phone-texts"))
        assert "Je code is 731904 om € 650,00 te betalen aan Karin Novak." in texted, texted
        await type_text(pilot, "731904")
        paid = plain(await press(pilot, "enter"))
        assert "Betaalrekening: € 590,75" in paid and "Karin Novak" in paid and "-€ 650,00" in paid
        await press(pilot, "l")
    [answer] = sim_answers(data_dir, "pay-rent")
    assert answer.correct  # every goal met, the amount typed with a comma among them


async def test_a_portuguese_learner_sees_the_euro_after_the_amount(data_dir: Path) -> None:
    LearnerStore(data_dir).create("Rita", language="pt")  # Portuguese words and Portuguese money
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await start(app, pilot, RENT)
        await type_text(pilot, "24680")
        assert "Conta à ordem: 1 240,75 €" in plain(await press(pilot, "enter"))


TURKISH_ATM = """\
currency: TRY
steps:
  take-40:
    scenario:
      balance: 4250
"""


async def test_a_turkish_scenario_overlay_puts_lira_on_the_cash_machine(data_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "lessons"
    folder.mkdir()
    shutil.copy(REPO / "lessons" / "modules.yaml", folder)
    lesson_file = shutil.copy(REPO / "lessons" / "money" / "sim-atm-withdraw.yaml", folder)
    catalogue = PoCatalog(locale="tr")
    with open(lesson_file, "rb") as file:
        for _line, _keyword, (context, english), _comments in extract_content(file, (), (), {}):
            catalogue.add(english, english, context=context)  # a stand-in translation: every field "translated"
    (tmp_path / "locale" / "tr" / "LC_MESSAGES").mkdir(parents=True)
    with (tmp_path / "locale" / "tr" / "LC_MESSAGES" / "bleep-content.mo").open("wb") as file:
        write_mo(file, catalogue)
    (tmp_path / "locale" / "tr" / "scenarios").mkdir()
    (tmp_path / "locale" / "tr" / "scenarios" / f"{ATM}.yaml").write_text(TURKISH_ATM)
    catalog = load_catalog(folder, translation=content_translation(tmp_path / "locale", "tr"))
    assert catalog.lessons[ATM].currency == "TRY"
    LearnerStore(data_dir).create("Elif", language="tr")
    app = BleepApp(data_dir, catalog=catalog)
    async with app.run_test(size=SIZE) as pilot:
        await start(app, pilot, ATM)
        await press(pilot, "i", "a", "p")
        await press(pilot, "4", "0", "7", "1", "enter")
        screen = await press(pilot, "b")  # the balance
        assert "Your balance: ₺4.250,00" in screen
