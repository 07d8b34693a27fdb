"""`bleep translations status`: how complete each installed language is (docs/translating.md)."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict

from bleep_tui.commands import actions_of
from bleep_tui.i18n import _, language_name

PART_WIDTH = 28


def register(subparsers: argparse._SubParsersAction) -> None:
    translations = subparsers.add_parser("translations", help=_("how complete each installed language is"))
    action = actions_of(translations)
    status = action("status", _("per language: the interface and each module, translated / fuzzy / missing"), show_status)
    status.add_argument("--json", action="store_true", help=_("print a JSON array"))
    status.add_argument("--check", action="store_true", help=_(
        "exit 1 when a language no longer has whole a part its complete.txt declares (for CI)"))


def show_status(args: argparse.Namespace) -> int:
    from bleep_tui.content.translations import content_messages, installed_catalogues, interface_messages, status

    interface, content = interface_messages(), content_messages()
    languages = [status(code, interface, content) for code in installed_catalogues()]
    fallen = [(language.code, part) for language in languages for part in language.fallen_short()]
    for code, part in fallen:
        print(_("bleep: {code}: {part} is declared complete (complete.txt) but is not: translate what is fuzzy or missing").format(
            code=code, part=part), file=sys.stderr)
    failed = 1 if args.check and fallen else 0
    if args.json:
        print(json.dumps([{**asdict(language), "name": language_name(language.code)} for language in languages], ensure_ascii=False, indent=2))
        return failed
    if not languages:
        print(_("no translations installed: only English (see docs/translating.md to add a language)"))
    for language in languages:
        review = f"  ({language.review})" if language.review else ""
        print(f"{language.code}  {language_name(language.code)}{review}")
        part, translated, fuzzy, missing = _("part"), _("translated"), _("fuzzy"), _("missing")
        print(f"    {part:<{PART_WIDTH}} {translated:>10} {fuzzy:>6} {missing:>8}")
        for part in language.parts:
            done = "  " + _("complete") if part.complete else ""
            print(f"    {part.part:<{PART_WIDTH}} {part.translated:>10} {part.fuzzy:>6} {part.missing:>8}{done}")
    return failed
