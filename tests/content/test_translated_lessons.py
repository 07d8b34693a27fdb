"""Lessons in a learner's language: a lesson is shown translated only when all of it is, its accepted
answers are the translator's list, and a scenario overlay gives a simulation its country's data.

The catalogues here are real: English extracted from the lesson files by the project's own extractor,
translated, and compiled with Babel's write_mo (which leaves fuzzy messages out, as msgfmt does).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from babel.messages.catalog import Catalog as PoCatalog
from babel.messages.mofile import write_mo

from bleep_tui.content.catalog import load_catalog
from bleep_tui.content.shipped import load_content
from bleep_tui.content.translatable import extract_content
from bleep_tui.content.translated import content_translation
from bleep_tui.core.model import SimStep, TextStep
from bleep_tui.store.compiled import shipped_content

REPO = Path(__file__).resolve().parents[2]
LESSONS = REPO / "lessons"
SEARCH = LESSONS / "information" / "search-the-web.yaml"
RENT = LESSONS / "money" / "sim-banking-rent.yaml"


def lessons_folder(tmp_path: Path, *files: Path) -> Path:
    folder = tmp_path / "lessons"
    folder.mkdir()
    shutil.copy(LESSONS / "modules.yaml", folder)
    for file in files:
        shutil.copy(file, folder)
    return folder


def write_catalogue(locale: Path, language: str, files: list[Path], translate, fuzzy: frozenset[str] = frozenset()) -> None:
    """A compiled content catalogue of `language` with `translate(context, english)` for every field of `files`."""
    catalogue = PoCatalog(locale=language)
    for path in files:
        with path.open("rb") as file:
            for _line, _keyword, (context, english), _comments in extract_content(file, (), (), {}):
                translation = translate(context, english)
                if translation is not None:
                    catalogue.add(english, translation, context=context, flags={"fuzzy"} if context in fuzzy else ())
    folder = locale / language / "LC_MESSAGES"
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "bleep-content.mo").open("wb") as file:
        write_mo(file, catalogue)


def dutch(context: str, english: str) -> str:
    if context.endswith("/accept"):
        return "antwoord één\nantwoord twee"
    return f"NL {english}"


def test_a_lesson_translated_whole_is_read_in_that_language_with_the_translators_accepted_answers(tmp_path: Path) -> None:
    folder = lessons_folder(tmp_path, SEARCH)
    write_catalogue(tmp_path / "locale", "nl", [SEARCH], dutch)
    catalog = load_catalog(folder, translation=content_translation(tmp_path / "locale", "nl"))
    lesson = catalog.lessons["information-search-the-web"]
    assert lesson.title == "NL Search the web" and catalog.in_english == ()
    address = next(step for step in lesson.steps if step.id == "council-address")
    assert isinstance(address, TextStep)
    assert address.accept == ("antwoord één", "antwoord twee")
    assert address.prompt.startswith("NL Jo also wants")


def test_a_lesson_with_one_field_untranslated_or_fuzzy_is_shown_in_english_and_listed(tmp_path: Path) -> None:
    folder = lessons_folder(tmp_path, SEARCH, RENT)
    hint = "information-search-the-web/good-words/hints[0]"
    write_catalogue(tmp_path / "missing", "nl", [SEARCH], lambda context, english: None if context == hint else dutch(context, english))
    write_catalogue(tmp_path / "fuzzy", "nl", [SEARCH], dutch, fuzzy=frozenset({hint}))
    for locale in ("missing", "fuzzy"):
        catalog = load_catalog(folder, translation=content_translation(tmp_path / locale, "nl"))
        assert catalog.lessons["information-search-the-web"].title == "Search the web"
        assert set(catalog.in_english) == {"information-search-the-web", "money-sim-banking-rent"}
    assert load_catalog(folder).in_english == ()  # English is never marked


def test_module_titles_achievements_and_levels_are_translated_field_by_field(tmp_path: Path) -> None:
    shipped = [LESSONS / "modules.yaml", REPO / "achievements" / "levels.yaml", *sorted((REPO / "achievements").glob("*.yaml"))]
    write_catalogue(tmp_path / "locale", "nl", shipped,
                    lambda context, english: english.upper() if context in ("module/money/title", "level/2/name", "achievement/first-lesson/title") else None)
    content = load_content(translation=content_translation(tmp_path / "locale", "nl"))
    titles = {module.id: module.title for module in content.catalog.modules}
    assert titles["money"] == "MONEY" and titles["communication"] == "Communication"
    assert content.levels[1].name == "STARTER" and content.levels[0].name == "Newcomer"
    assert next(a for a in content.achievements if a.id == "first-lesson").title == "FIRST STEPS"


OVERLAY = """\
steps:
  pay-rent:
    scenario:
      holder: Sanne de Vries
      payees:
        - iban: NL02ABNA0123456789
          name: Karin Bakker
    goals:
      paid: 725.50
      paid_to: NL02ABNA0123456789
"""


def test_a_scenario_overlay_gives_a_translated_simulation_its_countrys_names_ibans_and_amounts(tmp_path: Path) -> None:
    folder = lessons_folder(tmp_path, RENT)
    locale = tmp_path / "locale"
    write_catalogue(locale, "nl", [RENT], dutch)
    (locale / "nl" / "scenarios").mkdir()
    (locale / "nl" / "scenarios" / "money-sim-banking-rent.yaml").write_text(OVERLAY)
    lesson = load_catalog(folder, translation=content_translation(locale, "nl")).lessons["money-sim-banking-rent"]
    step = next(step for step in lesson.steps if step.id == "pay-rent")
    assert isinstance(step, SimStep)
    assert step.scenario.holder == "Sanne de Vries" and step.scenario.login_code == "24680"  # replaced, the rest kept
    assert [(payee.iban, payee.name) for payee in step.scenario.payees] == [("NL02ABNA0123456789", "Karin Bakker")]
    goals = {goal.check: goal.value for goal in step.goals}
    assert goals["paid"] == 72550 and goals["paid_to"] == "NL02ABNA0123456789" and goals["reference"] == "Rent May"
    assert step.task.startswith("NL Alex pays")
    english = load_catalog(folder).lessons["money-sim-banking-rent"]
    assert next(step for step in english.steps if step.id == "pay-rent").scenario.holder == "Alex Moreno"


def test_lessons_validate_names_a_broken_overlay_and_a_translation_that_breaks_a_lesson(tmp_path: Path) -> None:
    folder = lessons_folder(tmp_path, RENT, SEARCH)
    locale = tmp_path / "locale"
    items = "information-search-the-web/search-steps/items"
    write_catalogue(locale, "nl", [RENT, SEARCH], lambda context, english: "same" if context.startswith(items) else dutch(context, english))
    (locale / "nl" / "scenarios").mkdir()
    (locale / "nl" / "scenarios" / "money-sim-banking-rent.yaml").write_text(
        OVERLAY.replace("holder:", "holdr:").replace("paid: 725.50", "paid: lots")
    )
    (locale / "nl" / "scenarios" / "no-such-lesson.yaml").write_text("steps: {}\n")
    result = subprocess.run([sys.executable, "-m", "bleep_tui.cli", "lessons", "validate", str(folder)],
                            capture_output=True, text=True, env={"BLEEP_LOCALE_DIR": str(locale), "PATH": ""}, timeout=60)
    assert result.returncode == 1
    overlay = locale / "nl" / "scenarios" / "money-sim-banking-rent.yaml"
    assert f"{overlay}:4: the English `pay-rent.scenario` has no field `holdr`" in result.stdout
    assert f"{overlay}: steps[1].goals[0]: in nl: `steps[1].goals[0].value` must be an amount in euro" in result.stdout
    assert "search-the-web.yaml: steps[8]: in nl: every item must be different" in result.stdout
    assert "no-such-lesson.yaml: no lesson has the id `no-such-lesson`" in result.stdout


def test_the_shipped_dutch_search_lesson_is_compiled_once_and_read_back_in_dutch(tmp_path: Path) -> None:
    content = shipped_content(tmp_path, "nl")
    assert content.catalog.lessons["information-search-the-web"].title == "Zoeken op internet"
    assert "information-search-the-web" not in content.catalog.in_english
    english = shipped_content(tmp_path, "en").catalog.lessons
    untranslated = content.catalog.in_english[0]  # a lesson not (yet) translated whole: in English
    assert content.catalog.lessons[untranslated] == english[untranslated]
    assert (tmp_path / "cache" / "content-nl.json").is_file()
    again = shipped_content(tmp_path, "nl")  # from the compiled file
    assert again.catalog.lessons["information-search-the-web"] == content.catalog.lessons["information-search-the-web"]
    assert again.catalog.in_english == content.catalog.in_english
    assert shipped_content(tmp_path, "en").catalog.lessons["information-search-the-web"].title == "Search the web"
