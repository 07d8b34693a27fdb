"""`bleep export`: learners' progress as CSV for a spreadsheet or JSON for other systems.

Every readable learner is exported. A learner whose record is damaged is left out and named on
stderr, and the command exits with DAMAGED_STATUS (unless --skip-damaged), so a script notices.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from bleep_tui.commands import data_dir_option, refusals_reported, selection_options
from bleep_tui.i18n import _

if TYPE_CHECKING:
    from bleep_tui.core.reports import Selection
    from bleep_tui.export.workbook import StreakClock

DAMAGED_STATUS = 3
# export.render.FORMATS, written out so that starting `bleep` for a learner never imports the exports.
FORMATS = ("csv", "totals", "json", "moodle", "xlsx", "html")


def write_output(text: str | bytes, out: str | None, folder: Path) -> Path | None:
    """`text` to the screen when `out` is None, else to the file `out` (its path is returned); StoreError when it cannot be written."""
    from bleep_tui.store.files import StoreError, atomic_write, output_path

    if out is None:
        sys.stdout.buffer.write(text.encode("utf-8") if isinstance(text, str) else text)
        sys.stdout.flush()
        return None
    path = output_path(out, folder)
    try:
        atomic_write(path, text)
    except OSError as error:
        raise StoreError(_("cannot write {path}: {reason}").format(path=path, reason=error.strerror or error)) from None
    return path


def register(subparsers: argparse._SubParsersAction) -> None:
    export = subparsers.add_parser("export", help=_("export learners' progress as CSV, JSON or grades for Moodle"))
    data_dir_option(export)
    export.add_argument("--format", choices=FORMATS, default="csv", help=_(
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


def streak_clock(folder: Path, selection: Selection) -> StreakClock:
    """Streaks as they stood at the end of --until's day (or now), in the server's time zone, with settings.toml's paused weeks."""
    from bleep_tui.core.streaks import local_zone
    from bleep_tui.export.workbook import StreakClock
    from bleep_tui.store.settings import load_settings

    return StreakClock(selection.as_of(datetime.now(timezone.utc)), local_zone(), load_settings(folder).paused_weeks)


def run_export(args: argparse.Namespace) -> int:
    from bleep_tui.content.catalog import load_catalog, shipped_levels
    from bleep_tui.core.reports import Selection, selected
    from bleep_tui.export.render import export_files, render
    from bleep_tui.export.spreadsheet import lesson_infos
    from bleep_tui.store.accounts import AccountStore
    from bleep_tui.store.audit import record_audit
    from bleep_tui.store.files import output_path
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
    levels, lessons = shipped_levels(), lesson_infos(load_catalog())
    options = {"identifier": args.identifier, "selection": selection, "clock": streak_clock(folder, selection)}
    if args.out is None:
        write_output(render(args.format, learners, lessons, levels, **options), None, folder)
    else:
        for path, content in export_files(args.format, output_path(args.out, folder), learners, lessons, levels, **options):
            written = write_output(content, str(path), folder)
            print(_("wrote {count} learner(s) to {path}").format(count=len(learners), path=written), file=sys.stderr)
    record_audit(folder, "export", detail=f"{args.format}: {len(learners)} learner(s)"
                 + (f" of group {group}" if group else "") + (f" to {args.out}" if args.out else ""))
    if args.format == "moodle" and args.identifier == "id_number":
        for learner in learners:
            if not learner.id_number:
                print(_("bleep: left out {code}: no ID number (`bleep learners set-id-number {code} ID`)").format(code=learner.code), file=sys.stderr)
    for learner in damaged:
        print(_("bleep: left out {code}: their record is damaged ({what}); run `bleep doctor`").format(code=learner.code, what=learner.damaged), file=sys.stderr)
    return DAMAGED_STATUS if damaged and not args.skip_damaged else 0
