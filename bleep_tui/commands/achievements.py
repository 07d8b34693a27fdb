"""`bleep achievements validate|list`: for authors of achievement files (docs/achievements.md)."""

from __future__ import annotations

import argparse
import json
import sys

from bleep_tui.commands import files_named, report_problems
from bleep_tui.i18n import _, ngettext


def register(subparsers: argparse._SubParsersAction) -> None:
    achievements = subparsers.add_parser("achievements", help=_("check and list achievement files"))
    actions = achievements.add_subparsers(dest="action", metavar="ACTION", required=True)
    validate = actions.add_parser("validate", help=_("check achievement files; prints FILE:LINE: message for each problem"))
    validate.add_argument("paths", nargs="*", metavar="PATH", help=_("achievement files or folders (default: all installed achievements)"))
    validate.set_defaults(handler=lambda args: validate_achievements(args.paths))
    listing = actions.add_parser("list", help=_("list the installed achievements"))
    listing.add_argument("--json", action="store_true", help=_("print a JSON array"))
    listing.set_defaults(handler=lambda args: list_achievements(args.json))


def validate_achievements(paths: list[str]) -> int:
    from bleep_tui.content.achievements import achievement_files, load_achievements
    from bleep_tui.content.problems import ContentError

    files, missing = files_named(paths, achievement_files) if paths else (None, [])
    try:
        loaded = load_achievements(files=files)
    except ContentError as error:  # the lessons they refer to could not be read
        problems = error.problems
        count = 0
    else:
        problems, count = loaded.problems, len(loaded.achievements)
    if report_problems([*missing, *problems]):
        return 1
    print(ngettext("{count} achievement valid", "{count} achievements valid", count).format(count=count))
    return 0


def list_achievements(as_json: bool) -> int:
    from bleep_tui.content.achievements import load_achievements
    from bleep_tui.content.problems import ContentError

    try:
        loaded = load_achievements()
    except ContentError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return 1
    rows = [
        {"id": a.id, "title": a.title, "rule": a.rule.type, "points": a.points, "description": a.description}
        for a in loaded.achievements.values()
    ]
    if as_json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        for row in rows:
            print(f"{row['id']:<22} {row['rule']:<20} {row['title']}")
    for problem in loaded.problems:
        print(_("unavailable: {problem}").format(problem=problem), file=sys.stderr)
    return 0
