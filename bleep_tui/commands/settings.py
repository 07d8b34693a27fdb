"""`bleep settings`: show the settings in force and any mistake in settings.toml."""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict

from bleep_tui.commands import data_dir_option, report_problems
from bleep_tui.i18n import _


def register(subparsers: argparse._SubParsersAction) -> None:
    settings = subparsers.add_parser("settings", help=_("show the settings in force and check settings.toml"))
    data_dir_option(settings)
    settings.set_defaults(handler=show_settings)


def show_settings(args: argparse.Namespace) -> int:
    from bleep_tui.store.paths import data_dir
    from bleep_tui.store.settings import SETTINGS_FILE, load_settings

    folder = data_dir(args.data_dir)
    settings = load_settings(folder)
    print(_("settings from {path}").format(path=folder / SETTINGS_FILE))
    for key, value in asdict(settings).items():
        if key != "problems":
            print(f"  {key} = {value!r}")
    if settings.unusable:
        print(_("bleep: BLEEP will not start until this is fixed: {reason}").format(reason=settings.unusable), file=sys.stderr)
        return 1
    if report_problems(list(settings.problems)):
        print(_("the defaults are used for the settings above that have a problem"), file=sys.stderr)
        return 1
    return 0
