"""A translator's tools work: every string is extracted with its context, a changed English text goes
fuzzy, a broken {placeholder} stops `make compile`, and `bleep translations status` counts what is done.

These run the real `make`, `pybabel` and `msgfmt`, as a translator would.
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po

from bleep_tui.content.catalog import load_catalog
from bleep_tui.core.model import ChoiceStep, InfoStep, OrderStep, SimStep, TextStep
from bleep_tui.i18n import LANGUAGE_NAMES

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "bleep_tui"
SHIPPED_LOCALE = PACKAGE / "locale"
PYBABEL = Path(sys.executable).parent / "pybabel"
needs_msgfmt = pytest.mark.skipif(shutil.which("msgfmt") is None, reason="msgfmt (GNU gettext) is not installed; .ci/run installs it")


def run(*command: str | Path, **options) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BLEEP_", "TEXTUAL", "MAKE"))}
    env.update(options.pop("env", {}))
    return subprocess.run([str(part) for part in command], cwd=REPO, env=env, capture_output=True, text=True, timeout=120, **options)


def extract(mapping: str, output: Path, *sources: str) -> dict[tuple[str | None, str], object]:
    result = run(PYBABEL, "extract", "-F", mapping, "--add-comments=Translators:", "--strip-comment-tags", "-o", output, *sources)
    assert result.returncode == 0, result.stderr
    with output.open("rb") as file:
        return {(m.context, m.id if isinstance(m.id, str) else m.id[0]): m for m in read_po(file) if m.id}


def literal_calls(tree: ast.AST) -> set[str]:
    """The English of every _(), N_() and ngettext() call written with a literal, f-strings included."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "N_", "ngettext"):
            if node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
                found.add(node.args[0].value)
    return found


def test_extraction_finds_every_interface_string_even_inside_f_strings(tmp_path: Path) -> None:
    extracted = {english for _context, english in extract("babel.cfg", tmp_path / "bleep.pot", "bleep_tui")}
    written = set().union(*(literal_calls(ast.parse(path.read_text())) for path in PACKAGE.rglob("*.py")))
    assert written, "no _() calls found: the test looks in the wrong place"
    assert written - extracted == set(), "these strings cannot be translated: pybabel extract does not see them"


def test_no_interface_string_is_translated_when_a_module_is_imported() -> None:
    """A _() run at import time would fix one language for every session in the process."""
    import_time = []
    for path in sorted((PACKAGE / "ui").rglob("*.py")):
        def visit(node: ast.AST, in_function: bool) -> None:
            for child in ast.iter_child_nodes(node):
                inside = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
                if not inside and isinstance(child, ast.Call) and getattr(child.func, "id", "") in ("_", "ngettext"):
                    import_time.append(f"{path.relative_to(REPO)}:{child.lineno}")
                visit(child, inside)

        visit(ast.parse(path.read_text()), False)
    assert import_time == [], "use N_() where the string is written and _() where it is shown"


def lesson_prose(lesson) -> dict[str, str]:
    """What the lesson loader reads as prose, by the context a translator sees, as an independent reference."""
    prose = {f"{lesson.id}/title": lesson.title, f"{lesson.id}/summary": lesson.summary}
    for step in lesson.steps:
        at = f"{lesson.id}/{step.id}/"
        if step.title:
            prose[at + "title"] = step.title
        if isinstance(step, InfoStep):
            prose[at + "text"] = step.text
            continue
        prose[at + "explanation"] = step.explanation
        prose.update({f"{at}hints[{n}]": hint for n, hint in enumerate(step.hints)})
        if isinstance(step, ChoiceStep):
            prose[at + "prompt"] = step.prompt
            for n, option in enumerate(step.options):
                prose[f"{at}options[{n}].text"] = option.text
                if option.feedback:
                    prose[f"{at}options[{n}].feedback"] = option.feedback
        elif isinstance(step, TextStep):
            prose.update({at + "prompt": step.prompt, at + "feedback": step.feedback})
            if step.placeholder:
                prose[at + "placeholder"] = step.placeholder
            if step.accept:
                prose[at + "accept"] = "\n".join(step.accept)
            for n, wrong in enumerate(step.wrong_answers):
                prose.update({f"{at}wrong_answers[{n}].answer": wrong.answer, f"{at}wrong_answers[{n}].feedback": wrong.feedback})
        elif isinstance(step, OrderStep):
            prose.update({at + "prompt": step.prompt, at + "feedback": step.feedback})
            prose.update({f"{at}items[{n}]": item for n, item in enumerate(step.items)})
        elif isinstance(step, SimStep):
            prose[at + "task"] = step.task
            for n, goal in enumerate(step.goals):
                prose.update({f"{at}goals[{n}].label": goal.label, f"{at}goals[{n}].feedback": goal.feedback})
                if goal.praise:
                    prose[f"{at}goals[{n}].praise"] = goal.praise
    return prose


def test_extraction_gives_every_lesson_prose_field_its_own_context(tmp_path: Path) -> None:
    extracted = extract("babel-content.cfg", tmp_path / "content.pot", "lessons", "achievements")
    lessons = load_catalog().lessons
    assert len(lessons) > 40
    for lesson in lessons.values():
        for context, english in lesson_prose(lesson).items():
            assert (context, english) in extracted, f"{context} is not offered for translation as {english!r}"
    assert ("module/money/title", "Money") in extracted
    assert ("level/1/name", "Newcomer") in extracted
    assert ("achievement/first-lesson/title", "First steps") in extracted


def test_translator_comments_and_scenario_prose_reach_the_translator(tmp_path: Path) -> None:
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    (lessons / "demo.yaml").write_text(
        "id: demo-lesson\ntitle: A demo\nsummary: Just a demo.\nsteps:\n"
        "  - id: form\n    type: sim\n    sim: form\n"
        "    # Translators: a bakery's job advert, keep it short\n"
        "    task: Apply for the job at the bakery.\n"
        "    scenario:\n      pages:\n        - title: About you\n          fields:\n"
        "            - id: name\n              label: Your full name\n"
        "            - id: rooms\n              type: select\n              options: [One room, Two rooms]\n"
        "    # not for translators\n    explanation: Well done.\n"
    )
    extracted = extract("babel-content.cfg", tmp_path / "content.pot", str(lessons))
    task = extracted[("demo-lesson/form/task", "Apply for the job at the bakery.")]
    assert task.auto_comments == ["a bakery's job advert, keep it short"]
    assert extracted[("demo-lesson/form/explanation", "Well done.")].auto_comments == []
    assert ("demo-lesson/form/scenario.pages[0].fields[0].label", "Your full name") in extracted
    assert ("demo-lesson/form/scenario.pages[0].fields[1].options[1]", "Two rooms") in extracted
    assert ("demo-lesson/form/scenario.pages[0].fields[0].id", "name") not in extracted


def copy_of_the_dutch(tmp_path: Path) -> Path:
    locale = tmp_path / "locale"
    shutil.copytree(SHIPPED_LOCALE / "nl", locale / "nl")
    return locale


def test_make_update_marks_a_translation_fuzzy_when_its_english_changes(tmp_path: Path) -> None:
    locale = copy_of_the_dutch(tmp_path)
    content = locale / "nl" / "LC_MESSAGES" / "bleep-content.po"
    with content.open("rb") as file:
        catalogue = read_po(file)
    title = "money-atm-withdraw/title"
    catalogue.delete("Take cash from a cash machine", context=title)
    # As if the English had been a little different when a translator wrote the Dutch.
    catalogue.add("Take cash from the cash machine", "Geld opnemen bij de geldautomaat", context=title)
    with content.open("wb") as file:
        write_po(file, catalogue)
    result = run("make", "update", f"LOCALE={locale}")
    assert result.returncode == 0, result.stderr
    with content.open("rb") as file:
        updated = read_po(file)
    changed = updated.get("Take cash from a cash machine", context=title)
    assert changed.fuzzy and changed.string == "Geld opnemen bij de geldautomaat"
    # No previous English (--previous): Babel writes a long one in a form msgfmt --check rejects.
    assert "#| msgid" not in content.read_text()


@needs_msgfmt
def test_make_compile_stops_at_a_broken_placeholder_and_names_the_line(tmp_path: Path) -> None:
    locale = copy_of_the_dutch(tmp_path)
    interface = locale / "nl" / "LC_MESSAGES" / "bleep.po"
    with interface.open("rb") as file:
        catalogue = read_po(file)
    catalogue["Welcome, {name}."].string = "Welkom, {naam}."  # a translator translated the placeholder
    with interface.open("wb") as file:
        write_po(file, catalogue)
    result = run("make", "compile", f"LOCALE={locale}")
    assert result.returncode != 0
    assert "LC_MESSAGES/bleep.po:" in result.stderr and "'naam'" in result.stderr


@needs_msgfmt
def test_the_shipped_catalogues_pass_msgfmt_check_and_the_committed_mo_files_match_them(tmp_path: Path) -> None:
    import gettext

    for po in sorted(SHIPPED_LOCALE.glob("*/LC_MESSAGES/*.po")):
        compiled = tmp_path / po.with_suffix(".mo").name
        result = run("msgfmt", "--check", "-o", compiled, po)
        assert result.returncode == 0, result.stderr
        with compiled.open("rb") as fresh, po.with_suffix(".mo").open("rb") as committed:
            assert gettext.GNUTranslations(fresh)._catalog == gettext.GNUTranslations(committed)._catalog, (
                f"{po.with_suffix('.mo')} is older than its .po: run `make compile` and commit it")


def test_make_compile_says_how_to_install_msgfmt_when_it_is_missing(tmp_path: Path) -> None:
    result = run("make", "compile", "PATH=/nonexistent", env={"PATH": os.environ["PATH"]})
    assert result.returncode != 0
    assert "apt-get install gettext" in result.stderr


def test_translations_status_counts_translated_fuzzy_and_missing_per_part(tmp_path: Path) -> None:
    locale = tmp_path / "locale"
    (locale / "pt" / "LC_MESSAGES").mkdir(parents=True)
    with (SHIPPED_LOCALE / "bleep.pot").open("rb") as file:
        template = read_po(file)
    template.header_comment = "# Portuguese.\n# Review: needs review by a native speaker."
    template.locale = "pt"
    for message in template:
        if message.id == "Welcome to BLEEP":
            message.string = "Bem-vindo ao BLEEP"
        elif message.id == "My profile":
            message.string, message.flags = "O meu perfil", {"fuzzy"}
    with (locale / "pt" / "LC_MESSAGES" / "bleep.po").open("wb") as file:
        write_po(file, template)
    result = run(sys.executable, "-m", "bleep_tui.cli", "translations", "status", env={"BLEEP_LOCALE_DIR": str(locale)})
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "pt  Português  (needs review by a native speaker)"
    interface = lines[2].split()
    assert interface[:3] == ["interface", "1", "1"] and int(interface[3]) > 500
    money = next(line for line in lines if line.split()[0] == "Money").split()
    assert money[1:3] == ["0", "0"] and int(money[3]) > 100  # no content catalogue yet: all of it missing


def test_the_shipped_dutch_is_marked_for_review_and_its_interface_is_complete() -> None:
    result = run(sys.executable, "-m", "bleep_tui.cli", "translations", "status", "--json")
    assert result.returncode == 0, result.stderr
    import json

    (dutch,) = [language for language in json.loads(result.stdout) if language["code"] == "nl"]
    assert dutch["review"] == "needs review by a native speaker"
    interface = dutch["parts"][0]
    assert interface["part"] == "interface" and interface["translated"] > 500


def test_each_language_is_named_in_itself_as_babel_names_it() -> None:
    from babel import Locale

    for code, name in LANGUAGE_NAMES.items():
        assert name.casefold() == Locale.parse(code).get_display_name(code).casefold()
