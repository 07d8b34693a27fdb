"""Subcommands of `bleep`. Each module here has `register(subparsers)`; the CLI finds them all."""

from __future__ import annotations

import argparse
import functools
import re
import sys
from datetime import date
from pathlib import Path
from typing import Callable

from bleep_tui.i18n import _

Handler = Callable[[argparse.Namespace], int]


def data_dir_option(parser: argparse.ArgumentParser) -> None:
    """`--data-dir` after a subcommand too; it leaves the main parser's value alone when not given."""
    parser.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS, help=_("the data folder (as before the command)"))


def day(text: str) -> date:
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return date.fromisoformat(text)
    except ValueError:
        pass
    raise argparse.ArgumentTypeError(_("{text!r} is not a date like 2026-03-31").format(text=text))


def selection_options(parser: argparse.ArgumentParser) -> None:
    """--group, --since and --until: which learners, and which days of what they did (core.reports.selected)."""
    parser.add_argument("--group", metavar="NAME", help=_("only the learners in this group (a class, a wing, a course)"))
    parser.add_argument("--since", metavar="YYYY-MM-DD", type=day, help=_("only what happened on or after this day (UTC)"))
    parser.add_argument("--until", metavar="YYYY-MM-DD", type=day, help=_("only what happened on or before this day (UTC)"))


def actions_of(parser: argparse.ArgumentParser) -> Callable[[str, str, Handler | None], argparse.ArgumentParser]:
    """`bleep COMMAND ACTION ...`: `action(name, help, handler)` adds one ACTION, with --data-dir and refusals reported.

    An ACTION without a handler has ACTIONs of its own (`bleep learners group add`): give it to actions_of in turn."""
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    def action(name: str, help: str, handler: Handler | None) -> argparse.ArgumentParser:
        action_parser = actions.add_parser(name, help=help)
        data_dir_option(action_parser)
        if handler is not None:
            action_parser.set_defaults(handler=refusals_reported(handler))
        return action_parser

    return action


def refusals_reported(handler: Handler) -> Handler:
    """A refusal a person caused (bad code, unknown learner, unreadable file) is a message and exit code 1."""

    @functools.wraps(handler)
    def run(args: argparse.Namespace) -> int:
        from bleep_tui.content.problems import ContentError
        from bleep_tui.store.accounts import AccountError
        from bleep_tui.store.files import StoreError

        try:
            return handler(args)
        except (AccountError, StoreError, ContentError) as error:
            print(_("bleep: {reason}").format(reason=error), file=sys.stderr)
            return 1

    return run


def files_named(paths: list[str], files_in: Callable[[Path], list[Path]]) -> tuple[list[Path], list[str]]:
    """The content files the user named (a folder gives `files_in(folder)`), and a message for each missing one."""
    files: list[Path] = []
    missing: list[str] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            files.extend(files_in(path))
        elif path.is_file():
            files.append(path)
        else:
            missing.append(_("{path}: no such file or folder").format(path=path))
    return files, missing


def report_problems(problems: list) -> int:
    """Print each problem as FILE:LINE: message; 1 when there were any."""
    for problem in problems:
        print(problem)
    if problems:
        print(_("{count} problem(s) found").format(count=len(problems)), file=sys.stderr)
        return 1
    return 0
