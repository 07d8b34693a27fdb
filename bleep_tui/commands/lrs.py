"""`bleep lrs push|export`: learners' xAPI statements to a learning record store, or to a file for one.

Nothing is sent unless a facilitator wrote lrs.toml in the data folder (docs/lrs.md). `push` sends
what the LRS has not acknowledged yet and is safe to run from cron, and again after a failure.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator

from bleep_tui.commands import actions_of
from bleep_tui.i18n import _, ngettext

if TYPE_CHECKING:
    from bleep_tui.core.xapi import Statement
    from bleep_tui.store.lrs import LrsConfig

DAMAGED_STATUS = 3  # as `bleep export`: some learners were left out
UNREACHABLE_STATUS = 2  # the LRS could not be reached: everything waits for the next push


def register(subparsers: argparse._SubParsersAction) -> None:
    lrs = subparsers.add_parser("lrs", help=_("send learners' xAPI statements to a learning record store (docs/lrs.md)"))
    action = actions_of(lrs)
    action("push", _("send every statement the LRS in lrs.toml has not acknowledged yet"), run_push)
    export = action("export", _("write the statements as JSON lines, for an LRS without a network link"), run_export)
    export.add_argument("--out", metavar="FILE", help=_("write to FILE (default: the screen)"))
    export.add_argument("--learner", metavar="CODE", help=_("only this learner"))


@dataclass(frozen=True)
class LearnerStatements:
    code: str
    records: list[dict[str, Any]]  # the learner's events as stored
    statements: list[Statement]


def _learners(folder: Path, only: str | None, damaged: list[str]) -> Iterator[LearnerStatements]:
    """Each learner's statements; a learner whose record is damaged is added to `damaged` and left out."""
    from bleep_tui.content.achievements import load_achievements
    from bleep_tui.content.catalog import load_catalog
    from bleep_tui.core.events import Event
    from bleep_tui.core.xapi import Course, learner_statements
    from bleep_tui.store.files import DamagedFile, StoreError
    from bleep_tui.store.lrs import installation
    from bleep_tui.store.learner import LearnerStore
    from bleep_tui.store.roster import learner_codes
    from bleep_tui.store.settings import load_settings

    here = installation(load_settings(folder))
    codes = learner_codes(folder)
    if only is not None:
        codes = [code for code in codes if code.casefold() == only.casefold()]
        if not codes:
            raise StoreError(_("there is no learner with the code {code!r}").format(code=only))
    catalog = load_catalog()
    achievements = load_achievements(catalog=catalog)
    course = Course(
        catalog.lessons,
        {module.id: module.title for module in catalog.modules},
        {key: achievement.title for key, achievement in achievements.achievements.items()},
    )
    for code in codes:
        store = LearnerStore(folder, code)
        try:
            records = store.event_records()
            profile = store.profile()
        except DamagedFile as error:
            damaged.append(_("bleep: left out {code}: their record is damaged ({what}); run `bleep doctor`").format(code=code, what=error.what))
            continue
        events = [Event.from_record(record) for record in records]
        language = profile.language if profile is not None else ""
        yield LearnerStatements(code, records, learner_statements(code, events, course, here, language))


def _push_learner(config: LrsConfig, folder: Path, learner: LearnerStatements) -> tuple[int, int]:
    """Send what the LRS has not acknowledged of one learner, moving their cursor after each batch: (sent, already there)."""
    from bleep_tui.export.lrs import BATCH_SIZE, send
    from bleep_tui.store.lrs import pending, read_cursor, unsent_from, write_cursor

    start = unsent_from(read_cursor(folder, learner.code), learner.records)
    todo = pending(learner.statements, start)
    sent = already = 0
    for first in range(0, len(todo), BATCH_SIZE):
        delivered = send(config, [statement.data for statement in todo[first:first + BATCH_SIZE]])
        sent, already = sent + delivered.sent, already + delivered.already
        rest = todo[first + BATCH_SIZE:]
        write_cursor(folder, learner.code, learner.records, rest[0].event_index if rest else len(learner.records))
    if start < len(learner.records) and not todo:
        write_cursor(folder, learner.code, learner.records, len(learner.records))  # only events that make no statement
    return sent, already


def _waiting(folder: Path, learner: LearnerStatements) -> int:
    from bleep_tui.store.lrs import pending, read_cursor, unsent_from

    return len(pending(learner.statements, unsent_from(read_cursor(folder, learner.code), learner.records)))


def run_push(args: argparse.Namespace) -> int:
    from bleep_tui.export.lrs import LrsRefused, LrsUnreachable
    from bleep_tui.store.audit import record_audit
    from bleep_tui.store.files import ensure_private_dir, exclusive_lock
    from bleep_tui.store.lrs import CURSOR_FOLDER, load_lrs_config
    from bleep_tui.store.paths import data_dir

    folder = data_dir(args.data_dir)
    config = load_lrs_config(folder)
    sent = already = learners = waiting = 0
    damaged: list[str] = []
    problem, status = "", 0
    # One push at a time: two crons pushing together would send the same statements twice (harmless, but slow).
    with exclusive_lock(ensure_private_dir(folder / CURSOR_FOLDER) / ".push.lock"):
        for learner in _learners(folder, None, damaged):
            if not problem:
                try:
                    learner_sent, learner_already = _push_learner(config, folder, learner)
                    sent, already, learners = sent + learner_sent, already + learner_already, learners + bool(learner_sent or learner_already)
                except LrsUnreachable as error:
                    problem = _("the LRS at {url} cannot be reached ({reason})").format(url=config.endpoint, reason=error)
                    status = UNREACHABLE_STATUS
                except LrsRefused as error:
                    problem, status = str(error), 1
            if problem:
                waiting += _waiting(folder, learner)
    summary = ngettext(
        "sent {sent} statement of {learners} learner(s) to {url}", "sent {sent} statements of {learners} learner(s) to {url}", sent,
    ).format(sent=sent, learners=learners, url=config.endpoint)
    if already:
        summary += "; " + _("{count} were there already").format(count=already)
    print(summary, file=sys.stderr)
    if problem:
        print(_("bleep: {problem}").format(problem=problem), file=sys.stderr)
        print(ngettext(
            "{count} statement waits and goes with the next `bleep lrs push`",
            "{count} statements wait and go with the next `bleep lrs push`", waiting,
        ).format(count=waiting), file=sys.stderr)
    else:
        print(_("nothing waits: the LRS has every statement"), file=sys.stderr)
    record_audit(folder, "lrs push", detail=f"{sent} sent, {already} already there" + (f"; stopped: {problem}" if problem else ""))
    for message in damaged:
        print(message, file=sys.stderr)
    return status or (DAMAGED_STATUS if damaged else 0)


def run_export(args: argparse.Namespace) -> int:
    from bleep_tui.commands.export import write_output
    from bleep_tui.store.audit import record_audit
    from bleep_tui.store.paths import data_dir

    folder = data_dir(args.data_dir)
    damaged: list[str] = []
    lines = [
        json.dumps(statement.data, ensure_ascii=False, sort_keys=True)
        for learner in _learners(folder, args.learner, damaged)
        for statement in learner.statements
    ]
    out = write_output("".join(line + "\n" for line in lines), args.out, folder)
    if out is not None:
        print(ngettext("wrote {count} statement to {path}", "wrote {count} statements to {path}", len(lines)).format(count=len(lines), path=out), file=sys.stderr)
    record_audit(folder, "lrs export", detail=f"{len(lines)} statement(s)" + (f" to {args.out}" if args.out else ""))
    for message in damaged:
        print(message, file=sys.stderr)
    return DAMAGED_STATUS if damaged else 0
