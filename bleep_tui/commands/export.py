"""`bleep export`: learners' progress as CSV for a spreadsheet or JSON for other systems.

Every readable learner is exported. A learner whose record is damaged is left out and named on
stderr, and the command exits with DAMAGED_STATUS (unless --skip-damaged), so a script notices.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

from bleep_tui.commands import data_dir_option, refusals_reported
from bleep_tui.i18n import _

DAMAGED_STATUS = 3


def since_date(text: str) -> date:
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return date.fromisoformat(text)
    except ValueError:
        pass
    raise argparse.ArgumentTypeError(_("{text!r} is not a date like 2026-03-31").format(text=text))


def write_output(text: str, out: str | None, folder: Path) -> Path | None:
    """`text` to the screen when `out` is None, else to the file `out` (its path is returned); StoreError when it cannot be written."""
    from bleep_tui.store.files import StoreError, atomic_write, output_path

    if out is None:
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.flush()
        return None
    path = output_path(out, folder)
    try:
        atomic_write(path, text)
    except OSError as error:
        raise StoreError(_("cannot write {path}: {reason}").format(path=path, reason=error.strerror or error)) from None
    return path


def register(subparsers: argparse._SubParsersAction) -> None:
    export = subparsers.add_parser("export", help=_("export learners' progress as CSV or JSON"))
    data_dir_option(export)
    export.add_argument("--format", choices=("csv", "json"), default="csv", help=_("csv (default): one row per learner and lesson; json: everything, events included"))
    export.add_argument("--out", metavar="FILE", help=_("write to FILE (default: the screen)"))
    export.add_argument("--learner", metavar="CODE", help=_("only this learner"))
    export.add_argument("--since", metavar="YYYY-MM-DD", type=since_date, help=_("only what happened on or after this day (UTC)"))
    export.add_argument("--skip-damaged", action="store_true", help=_("exit 0 even when some learners' records are damaged (they are still named)"))
    export.set_defaults(handler=refusals_reported(run_export))


def run_export(args: argparse.Namespace) -> int:
    from bleep_tui.content.catalog import load_catalog, shipped_levels
    from bleep_tui.core.reports import events_since
    from bleep_tui.export.render import render
    from bleep_tui.export.spreadsheet import lesson_infos
    from bleep_tui.store.audit import record_audit
    from bleep_tui.store.paths import data_dir
    from bleep_tui.store.roster import learner_codes, load_learner, load_learners

    folder = data_dir(args.data_dir)
    if args.learner is not None:
        wanted = args.learner.casefold()
        codes = [code for code in learner_codes(folder) if code.casefold() == wanted]
        if not codes:
            print(_("bleep: there is no learner with the code {code!r}").format(code=args.learner), file=sys.stderr)
            return 1
        learners = [load_learner(folder, codes[0])]
    else:
        learners = load_learners(folder)
    damaged = [learner for learner in learners if learner.damaged]
    learners = [learner for learner in learners if not learner.damaged]
    if args.since is not None:
        learners = [replace(learner, events=events_since(learner.events, args.since)) for learner in learners]
    levels = shipped_levels()
    text = render(args.format, learners, lesson_infos(load_catalog()), levels)
    out = write_output(text, args.out, folder)
    if out is not None:
        print(_("wrote {count} learner(s) to {path}").format(count=len(learners), path=out), file=sys.stderr)
    record_audit(folder, "export", detail=f"{args.format}: {len(learners)} learner(s)" + (f" to {args.out}" if args.out else ""))
    for learner in damaged:
        print(_("bleep: left out {code}: their record is damaged ({what}); run `bleep doctor`").format(code=learner.code, what=learner.damaged), file=sys.stderr)
    return DAMAGED_STATUS if damaged and not args.skip_damaged else 0
