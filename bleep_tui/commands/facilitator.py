"""`bleep facilitator`: the dashboard, behind the facilitator's passphrase; `set-passphrase` sets it."""

from __future__ import annotations

import argparse
import getpass
import math
import sys

from bleep_tui.commands import data_dir_option, refusals_reported, selection_options
from bleep_tui.i18n import _


def register(subparsers: argparse._SubParsersAction) -> None:
    facilitator = subparsers.add_parser("facilitator", help=_("open the facilitator's dashboard (asks for the passphrase)"))
    data_dir_option(facilitator)
    selection_options(facilitator)
    facilitator.set_defaults(handler=refusals_reported(open_dashboard))
    actions = facilitator.add_subparsers(dest="action", metavar="ACTION")
    passphrase = actions.add_parser("set-passphrase", help=_("set the facilitator's passphrase (at least 10 characters)"))
    data_dir_option(passphrase)
    passphrase.set_defaults(handler=refusals_reported(set_passphrase))


def read_secret(prompt: str) -> str:
    """Asked without echo on a terminal; read as one line from a pipe (for scripts)."""
    if sys.stdin.isatty():
        return getpass.getpass(prompt)
    return sys.stdin.readline().rstrip("\r\n")


def _accounts(args: argparse.Namespace):
    from bleep_tui.store.accounts import AccountStore
    from bleep_tui.store.paths import data_dir

    return AccountStore(data_dir(args.data_dir))


def set_passphrase(args: argparse.Namespace) -> int:
    passphrase = read_secret(_("New facilitator passphrase: "))
    if sys.stdin.isatty() and read_secret(_("The same passphrase again: ")) != passphrase:
        print(_("bleep: the two passphrases differ; nothing was changed"), file=sys.stderr)
        return 1
    _accounts(args).set_passphrase(passphrase)
    print(_("facilitator passphrase set"))
    return 0


def open_dashboard(args: argparse.Namespace) -> int:
    accounts = _accounts(args)
    if not accounts.has_passphrase():
        print(_("bleep: no facilitator passphrase yet: set one with `bleep facilitator set-passphrase`"), file=sys.stderr)
        return 1
    result = accounts.check_passphrase(read_secret(_("Facilitator passphrase: ")))
    if result.wait:
        print(_("bleep: after wrong passphrases, wait {seconds} seconds before the next try").format(seconds=math.ceil(result.wait)), file=sys.stderr)
        return 1
    if not result.ok:
        print(_("bleep: wrong passphrase (each wrong one doubles the wait before the next try)"), file=sys.stderr)
        return 1
    from bleep_tui.core.reports import Selection
    from bleep_tui.ui.facilitator import FacilitatorApp

    group = accounts.known_group(args.group) if args.group is not None else None  # after the passphrase: it names the groups
    selection = Selection(group, args.since, args.until)
    FacilitatorApp(accounts.data_dir, ascii=args.ascii, selection=selection).run(mouse=not args.no_mouse)
    return 0
