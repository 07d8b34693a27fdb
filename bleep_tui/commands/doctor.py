"""`bleep doctor [--repair]`: check every stored file, and put damaged ones back from the backups (docs/facilitator.md)."""

from __future__ import annotations

import argparse
import sys

from bleep_tui.commands import data_dir_option, refusals_reported
from bleep_tui.i18n import _, ngettext


def register(subparsers: argparse._SubParsersAction) -> None:
    doctor = subparsers.add_parser("doctor", help=_("check every stored file and say what is wrong (exit 1 when something is)"))
    data_dir_option(doctor)
    doctor.add_argument("--repair", action="store_true", help=_("restore damaged files from the newest good backup; damaged files are kept, never deleted"))
    doctor.set_defaults(handler=refusals_reported(run_doctor))


def run_doctor(args: argparse.Namespace) -> int:
    from bleep_tui.store.doctor import DAMAGED_FOLDER, check_data, repair
    from bleep_tui.store.paths import data_dir

    folder = data_dir(args.data_dir)
    print(_("checking {folder}").format(folder=folder))
    findings = check_data(folder)
    for finding in findings:
        print(f"  {finding.name}: {finding.problem}")
    if not findings:
        print(_("all is well"))
        return 0
    if not args.repair:
        print(ngettext("{n} problem found.", "{n} problems found.", len(findings)).format(n=len(findings)), file=sys.stderr)
        if any(finding.fix for finding in findings):
            print(_("`bleep doctor --repair` puts right what it can from the backups; it keeps every damaged file in {folder}").format(
                folder=folder / DAMAGED_FOLDER), file=sys.stderr)
        return 1
    from bleep_tui.store.audit import record_audit

    print(_("repairing:"))
    for done in repair(folder, findings):
        print(f"  {done.name}: {done.what}")
        record_audit(folder, "repair", detail=f"{done.name}: {done.what}")
    left = check_data(folder)
    if left:
        print(_("still to put right by hand:"), file=sys.stderr)
        for finding in left:
            print(f"  {finding.name}: {finding.problem}", file=sys.stderr)
        return 1
    print(_("all is well now"))
    return 0
