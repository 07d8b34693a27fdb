"""`bleep export`: learners' progress as CSV for a spreadsheet or JSON for other systems.

Every readable learner is exported. A learner whose record is damaged is left out and named on
stderr, and the command exits with DAMAGED_STATUS (unless --skip-damaged), so a script notices.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime, time, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from bleep_tui.commands import data_dir_option, refusals_reported, selection_options
from bleep_tui.i18n import _

if TYPE_CHECKING:
    from bleep_tui.export.workbook import StreakClock

DAMAGED_STATUS = 3


def register(subparsers: argparse._SubParsersAction) -> None:
    export = subparsers.add_parser("export", help=_("export learners' progress as CSV, JSON or grades for Moodle"))
    data_dir_option(export)
    export.add_argument("--format", choices=("csv", "totals", "json", "moodle", "xlsx", "html"), default="csv", help=_(
        "csv (default): one row per learner and lesson (with --out, FILE-totals.csv comes with it); "
        "totals: one row per learner with level, XP and lessons finished; json: everything, events included; "
        "moodle: one row per learner, a grade per lesson and module, for Moodle's grade import; "
        "xlsx: a spreadsheet with learners, lessons, the hardest steps and a chart per module (needs --out); "
        "html: a class report to print"))
    export.add_argument("--identifier", choices=("code", "id_number"), default="code", help=_(
        "moodle: the first column, matched to Moodle's username (code, the default) or ID number (id_number; learners without one are left out)"))
    export.add_argument("--out", metavar="FILE", help=_("write to FILE (default: the screen)"))
    export.add_argument("--learner", metavar="CODE", help=_("only this learner"))
    selection_options(export)
    export.add_argument("--skip-damaged", action="store_true", help=_("exit 0 even when some learners' records are damaged (they are still named)"))
    export.set_defaults(handler=refusals_reported(run_export))


def streak_clock(folder: Path, until: date | None) -> StreakClock:
    """Streaks as they stood at the end of --until's day (or now), in the server's time zone, with settings.toml's paused weeks."""
    from bleep_tui.core.streaks import local_zone
    from bleep_tui.export.workbook import StreakClock
    from bleep_tui.store.settings import load_settings

    now = datetime.now(timezone.utc)
    if until is not None:
        now = min(now, datetime.combine(until, time.max, timezone.utc))
    return StreakClock(now, local_zone(), load_settings(folder).paused_weeks)


def run_export(args: argparse.Namespace) -> int:
    from bleep_tui.content.catalog import load_catalog, shipped_levels
    from bleep_tui.core.reports import Selection, selected
    from bleep_tui.export.class_report import class_report_html
    from bleep_tui.export.render import render
    from bleep_tui.export.spreadsheet import lesson_infos
    from bleep_tui.export.workbook import write_workbook
    from bleep_tui.store.accounts import AccountStore
    from bleep_tui.store.audit import record_audit
    from bleep_tui.store.files import atomic_write, output_path
    from bleep_tui.store.paths import data_dir
    from bleep_tui.store.roster import learner_codes, load_learner, load_learners

    if args.format == "xlsx" and args.out is None:
        print(_("bleep: a spreadsheet cannot be shown on the screen: add --out FILE.xlsx"), file=sys.stderr)
        return 2
    folder = data_dir(args.data_dir)
    group = AccountStore(folder).known_group(args.group) if args.group is not None else None
    if args.learner is not None:
        wanted = args.learner.casefold()
        codes = [code for code in learner_codes(folder) if code.casefold() == wanted]
        if not codes:
            print(_("bleep: there is no learner with the code {code!r}").format(code=args.learner), file=sys.stderr)
            return 1
        learners = [load_learner(folder, codes[0])]
    else:
        learners = load_learners(folder)
    selection = Selection(group, args.since, args.until)
    learners = selected(learners, selection)
    damaged = [learner for learner in learners if learner.damaged]
    learners = [learner for learner in learners if not learner.damaged]
    levels = shipped_levels()
    if args.format == "xlsx":
        text: str | bytes = write_workbook(learners, lesson_infos(load_catalog()), levels, streak_clock(folder, args.until))
    elif args.format == "html":
        text = class_report_html(learners, lesson_infos(load_catalog()), levels, selection, date.today())
    else:
        text = render(args.format, learners, lesson_infos(load_catalog()), levels, args.identifier)
    if args.out is None:
        sys.stdout.buffer.write(text.encode("utf-8") if isinstance(text, str) else text)
        sys.stdout.flush()
    else:
        out = output_path(args.out, folder)
        files = [(out, text)]
        if args.format == "csv":  # the totals come with it, so nobody adds them up by hand
            files.append((output_path(out.with_name(f"{out.stem}-totals{out.suffix or '.csv'}"), folder), render("totals", learners, {}, levels)))
        for path, content in files:
            try:
                atomic_write(path, content)
            except OSError as error:
                print(_("bleep: cannot write {path}: {reason}").format(path=path, reason=error.strerror or error), file=sys.stderr)
                return 1
            print(_("wrote {count} learner(s) to {path}").format(count=len(learners), path=path), file=sys.stderr)
    record_audit(folder, "export", detail=f"{args.format}: {len(learners)} learner(s)"
                 + (f" of group {group}" if group else "") + (f" to {args.out}" if args.out else ""))
    if args.format == "moodle" and args.identifier == "id_number":
        for learner in learners:
            if not learner.id_number:
                print(_("bleep: left out {code}: no ID number (`bleep learners set-id-number {code} ID`)").format(code=learner.code), file=sys.stderr)
    for learner in damaged:
        print(_("bleep: left out {code}: their record is damaged ({what}); run `bleep doctor`").format(code=learner.code, what=learner.damaged), file=sys.stderr)
    return DAMAGED_STATUS if damaged and not args.skip_damaged else 0
