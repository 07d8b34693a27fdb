"""`bleep lessons validate|list`: for lesson authors and administrators."""

from __future__ import annotations

import argparse
import json
import sys

from bleep_tui.commands import files_named, report_problems
from bleep_tui.i18n import _, ngettext


def register(subparsers: argparse._SubParsersAction) -> None:
    lessons = subparsers.add_parser("lessons", help=_("check and list lesson files"))
    actions = lessons.add_subparsers(dest="action", metavar="ACTION", required=True)
    validate = actions.add_parser("validate", help=_("check lesson files; prints FILE:LINE: message for each problem and warning"))
    validate.add_argument("paths", nargs="*", metavar="PATH", help=_("lesson files or folders (default: all installed lessons)"))
    validate.set_defaults(handler=lambda args: validate_lessons(args.paths))
    listing = actions.add_parser("list", help=_("list the installed lessons"))
    listing.add_argument("--json", action="store_true", help=_("print a JSON array"))
    listing.set_defaults(handler=lambda args: list_lessons(args.json))
    coverage = actions.add_parser("coverage", help=_("how many lessons train each DigComp competence, at each proficiency level"))
    coverage.add_argument("paths", nargs="*", metavar="PATH", help=_("lesson files or folders (default: all installed lessons)"))
    coverage.set_defaults(handler=lambda args: print_coverage(args.paths))


def validate_lessons(paths: list[str]) -> int:
    from bleep_tui.content.catalog import LEVELS_FILE, MODULES_FILE, lesson_files, load_catalog, shipped_dir, shipped_levels, unknown_after
    from bleep_tui.content.problems import ContentError, Problem
    from bleep_tui.content.translate_nodes import translation_problems
    from bleep_tui.i18n import LOCALE_DIR

    problems = []
    warnings: list[Problem] = []
    files, missing = files_named(paths, lesson_files) if paths else (None, [])
    try:
        catalog = load_catalog(files=files, warnings=warnings)
        if files is None:
            shipped_levels()
    except ContentError as error:
        problems.extend(error.problems)
        catalog = None
    if catalog:
        # Files checked on their own may build on any installed lesson, and an overlay may be for one.
        installed = frozenset(load_catalog().lessons) if files is not None else frozenset()
        problems.extend(unknown_after(catalog, installed))
        problems.extend(catalog.problems)
        module_ids = frozenset(module.id for module in catalog.modules)
        known = installed | frozenset(catalog.lessons)
        problems.extend(translation_problems(files or lesson_files(shipped_dir("lessons")), module_ids, LOCALE_DIR, known))
    for warning in sorted(warnings, key=lambda w: (str(w.file), w.line or 0)):  # never changes the exit status
        print(warning)
    if report_problems([*missing, *problems]):
        return 1
    assert catalog is not None
    print(ngettext("{count} lesson valid", "{count} lessons valid", len(catalog.lessons)).format(count=len(catalog.lessons)) + ("" if files else f" ({MODULES_FILE}, {LEVELS_FILE} too)"))
    if warnings:
        print(ngettext("{count} warning", "{count} warnings", len(warnings)).format(count=len(warnings)), file=sys.stderr)
    return 0


def list_lessons(as_json: bool) -> int:
    from bleep_tui.content.catalog import load_catalog

    catalog = load_catalog()
    rows = [
        {
            "id": lesson.id,
            "title": lesson.title,
            "module": lesson.module,
            "competences": list(lesson.competences),
            "level": lesson.level,
            "minutes": lesson.minutes,
            "step_types": lesson.step_types,
            "steps": len(lesson.steps),
        }
        for lesson in catalog.lessons.values()
    ]
    if as_json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        for row in rows:
            print(f"{row['id']:<36} {row['module']:<14} {row['title']}")
    for broken in catalog.broken:
        print(_("unavailable: {path}: {reason}").format(path=broken.path, reason=broken.reason), file=sys.stderr)
    return 0


COVERAGE_NAME_WIDTH = 42


def print_coverage(paths: list[str]) -> int:
    """The DigComp competence x proficiency level table of the lessons, and the competences none claims."""
    from bleep_tui.content.catalog import lesson_files, load_catalog
    from bleep_tui.core.curriculum import COMPETENCE_NAMES, PROFICIENCY_LEVELS, Coverage

    files, missing_paths = files_named(paths, lesson_files) if paths else (None, [])
    if report_problems(missing_paths):
        return 1
    catalog = load_catalog(files=files)
    coverage = Coverage.of(catalog.lessons.values())

    def row(label: str, counts: dict[int, int]) -> str:
        cells = "".join(f"{counts.get(level) or '-':>3}" for level in PROFICIENCY_LEVELS)
        return f"{label:<{COVERAGE_NAME_WIDTH + 4}}{cells}{sum(counts.values()):>5}"

    def named(code: str) -> str:
        return f"{code} {_(COMPETENCE_NAMES[code])[:COVERAGE_NAME_WIDTH]}"

    print(ngettext("DigComp 2.2 competences in {count} lesson, by proficiency level",
                   "DigComp 2.2 competences in {count} lessons, by proficiency level", len(catalog.lessons)).format(count=len(catalog.lessons)))
    corner, total = _("competence / level"), _("all")
    print(f"{corner:<{COVERAGE_NAME_WIDTH + 4}}" + "".join(f"{level:>3}" for level in PROFICIENCY_LEVELS) + f"{total:>5}")
    for code, counts in coverage.claims.items():
        print(row(named(code), counts))
    print(row(_("lessons at each level"), coverage.lessons_per_level))
    claimed = len(coverage.claims) - len(coverage.missing)
    print(_("{claimed} of {total} competences claimed").format(claimed=claimed, total=len(coverage.claims)))
    if coverage.missing:
        print(_("No lesson claims:"))
        for code in coverage.missing:
            print(f"  {named(code)}")
    for broken in catalog.broken:
        print(_("unavailable: {path}: {reason}").format(path=broken.path, reason=broken.reason), file=sys.stderr)
    return 0
