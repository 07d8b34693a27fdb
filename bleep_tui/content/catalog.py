"""All the lessons the app can offer: the shipped ones, each loaded or explained.

The YAML reader is imported by the functions that read files, not here: an app that starts from
compiled content (store/compiled.py) never loads PyYAML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from bleep_tui.content.problems import ContentError, Problem
from bleep_tui.core.levels import Level
from bleep_tui.core.model import Lesson, Module

if TYPE_CHECKING:
    from bleep_tui.content.translated import ContentTranslation

PACKAGE_DIR = Path(__file__).resolve().parent.parent
MODULES_FILE = "modules.yaml"
LEVELS_FILE = "levels.yaml"


def shipped_dir(name: str) -> Path:
    """`lessons` or `achievements`: inside an installed wheel, else beside the package in a checkout."""
    installed = PACKAGE_DIR / "shipped" / name
    return installed if installed.is_dir() else PACKAGE_DIR.parent / name


@dataclass(frozen=True)
class BrokenLesson:
    path: Path
    problems: tuple[Problem, ...]

    @property
    def reason(self) -> str:
        return self.problems[0].message if self.problems else ""


@dataclass
class Catalog:
    modules: tuple[Module, ...]
    lessons: dict[str, Lesson] = field(default_factory=dict)
    broken: list[BrokenLesson] = field(default_factory=list)
    files: dict[str, Path] = field(default_factory=dict)  # lesson id -> the file it was read from
    in_english: tuple[str, ...] = ()  # lessons shown in English because their translation is not complete

    def in_module(self, module_id: str) -> list[Lesson]:
        return [lesson for lesson in self.lessons.values() if lesson.module == module_id]

    @property
    def problems(self) -> list[Problem]:
        return [problem for broken in self.broken for problem in broken.problems]


def line_of_field(path: Path, key: str) -> int | None:
    """The line of a top-level `key:` in a file that has already been read once."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if re.match(rf"{re.escape(key)}\s*:", line):
            return number
    return None


def load_modules(path: Path, translation: ContentTranslation | None = None) -> tuple[Module, ...]:
    from bleep_tui.content.yamlread import Fields

    problems: list[Problem] = []
    top = Fields(path, compose_in(path, translation), "", problems)
    modules = []
    for entry in top.mappings("modules"):
        modules.append(Module(entry.text("id"), entry.text("title")))
        entry.reject_unknown()
    top.reject_unknown()
    if problems:
        raise ContentError(problems)
    return tuple(modules)


def load_levels(path: Path, translation: ContentTranslation | None = None) -> tuple[Level, ...]:
    from bleep_tui.content.yamlread import Fields

    problems: list[Problem] = []
    top = Fields(path, compose_in(path, translation), "", problems)
    levels = []
    for entry in top.mappings("levels"):
        levels.append(Level(entry.integer("xp", 0, 10_000_000), entry.text("name")))
        entry.reject_unknown()
    top.reject_unknown()
    if levels and levels[0].xp != 0:
        top.problem(top.node_of("levels"), "the first level must start at `xp: 0`")
    if any(b.xp <= a.xp for a, b in zip(levels, levels[1:])):
        top.problem(top.node_of("levels"), "levels must be listed with `xp` rising")
    if not levels and not problems:
        top.problem(top.node, "list at least one level")
    if problems:
        raise ContentError(problems)
    return tuple(levels)


def shipped_levels(translation: ContentTranslation | None = None) -> tuple[Level, ...]:
    """The levels in the installed achievements/levels.yaml."""
    return load_levels(shipped_dir("achievements") / LEVELS_FILE, translation)


def compose_in(path: Path, translation: ContentTranslation | None):
    """The nodes of a module, level or achievement file, each field translated when it has a translation."""
    from bleep_tui.content.yamlread import compose

    root = compose(path)
    if translation is not None:
        from bleep_tui.content.translate_nodes import translate

        translate(root, translation)
    return root


def lesson_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.yaml") if p.name != MODULES_FILE)


def load_catalog(folder: Path | None = None, files: list[Path] | None = None, warnings: list[Problem] | None = None,
                 translation: ContentTranslation | None = None) -> Catalog:
    """Every lesson in `folder` (default: the shipped lessons), or just `files`; their warnings added to `warnings`.

    With a `translation`, each lesson in that language when all of it is translated, else in English
    (listed in `in_english`). A broken file never stops the others: it is listed in `broken` with its
    problems. Raises ContentError only when the module list itself cannot be read.
    """
    from bleep_tui.content.lessons import load_lesson

    folder = folder or shipped_dir("lessons")
    modules = load_modules(folder / MODULES_FILE, translation)
    module_ids = frozenset(m.id for m in modules)
    catalog = Catalog(modules)
    in_english: list[str] = []
    for path in files if files is not None else lesson_files(folder):
        try:
            lesson = _translated_lesson(path, module_ids, translation) if translation else None
            if lesson is None:
                lesson = load_lesson(path, module_ids, warnings)
                if translation:
                    in_english.append(lesson.id)
        except ContentError as error:
            catalog.broken.append(BrokenLesson(path, tuple(error.problems)))
            continue
        if lesson.id in catalog.files:
            problem = Problem(path, f"lesson id `{lesson.id}` is already used by {catalog.files[lesson.id]}", line_of_field(path, "id"), "id")
            catalog.broken.append(BrokenLesson(path, (problem,)))
            continue
        catalog.files[lesson.id] = path
        catalog.lessons[lesson.id] = lesson
    catalog.in_english = tuple(lesson_id for lesson_id in in_english if lesson_id in catalog.lessons)
    order = {m.id: i for i, m in enumerate(modules)}
    catalog.lessons = dict(
        sorted(catalog.lessons.items(), key=lambda kv: (order.get(kv[1].module, 99), kv[1].level, str(catalog.files[kv[0]])))
    )
    return catalog


def _translated_lesson(path: Path, module_ids: frozenset[str], translation: ContentTranslation) -> Lesson | None:
    """The lesson in `path` in the translation's language, or None when any of it is not translated there.

    A translated lesson that does not load (a broken overlay, a translation that breaks a check) is None
    too: the learner gets the English one, and `bleep lessons validate` names the problem.
    """
    from bleep_tui.content.lessons import load_lesson
    from bleep_tui.content.translate_nodes import apply_overlay, lesson_id_of, translate, untranslated
    from bleep_tui.content.yamlread import compose

    root = compose(path)
    if untranslated(root, translation):
        return None
    translate(root, translation)
    path_of_overlay = translation.overlay_file(lesson_id_of(root))
    overlay = apply_overlay(root, path_of_overlay) if path_of_overlay.is_file() else None
    if overlay and overlay.problems:
        return None
    try:
        lesson = load_lesson(path, module_ids, root=root)
    except ContentError:
        return None
    return replace(lesson, currency=overlay.currency) if overlay else lesson


def unknown_after(catalog: Catalog, also_known: frozenset[str] = frozenset()) -> list[Problem]:
    """Every `after:` entry that names no lesson in `catalog` nor in `also_known`, at its line.

    The app passes over such an entry (`after` never locks a lesson); `bleep lessons validate` reports it.
    """
    from bleep_tui.content.yamlread import Fields, compose

    known = also_known | frozenset(catalog.lessons)
    problems: list[Problem] = []
    for lesson in catalog.lessons.values():
        if set(lesson.after) <= known:
            continue
        path = catalog.files[lesson.id]
        top = Fields(path, compose(path), "", problems)
        for foundation_id, node in top.text_list_with_nodes("after", required=False):
            if foundation_id not in known:
                top.problem(node, f"unknown lesson `{foundation_id}` in `after`; name the `id` of a lesson this one builds on")
    return problems
