"""Subcommands of `bleep`. Each module here has `register(subparsers)`; the CLI finds them all."""

from __future__ import annotations

import argparse
import functools
import sys
from typing import Callable

from bleep_tui.i18n import _

Handler = Callable[[argparse.Namespace], int]


def data_dir_option(parser: argparse.ArgumentParser) -> None:
    """`--data-dir` after a subcommand too; it leaves the main parser's value alone when not given."""
    parser.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS, help=_("the data folder (as before the command)"))


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
