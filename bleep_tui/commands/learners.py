"""`bleep learners ...`: learner accounts for shared terminals (see docs/facilitator.md)."""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import sys
from dataclasses import asdict
from pathlib import Path

from bleep_tui.commands import actions_of, data_dir_option
from bleep_tui.commands.credentials import add_learner_actions
from bleep_tui.core.time_limits import CHOICES as TIME_LIMITS
from bleep_tui.i18n import _, language_name, ngettext


ROSTER_COLUMNS = ("code", "name", "pin", "groups", "id_number")
ROSTER_ALIASES = {"group": "groups", "idnumber": "id_number", "id number": "id_number"}


def register(subparsers: argparse._SubParsersAction) -> None:
    learners = subparsers.add_parser("learners", help=_("add and look after learner accounts (shared mode)"))
    data_dir_option(learners)
    action = actions_of(learners)

    add = action("add", _("add a learner; without --pin a PIN is made up and printed once"), add_learner)
    add.add_argument("code", help=_("1 to 32 letters, digits, '-' or '_'"))
    add.add_argument("--name", required=True, help=_("the name the learner sees"))
    add.add_argument("--pin", help=_("4 to 8 digits"))
    add.add_argument("--language", metavar="CODE", help=_("the language the learner's screens are in, like nl (default: the installation's)"))
    add.add_argument("--group", metavar="NAME", action="append", default=[], help=_("a group the learner is in (a class, a wing, a course); give it again for more"))
    add.add_argument("--id-number", metavar="ID", default="", help=_("what another system (a Moodle site) knows the learner by"))
    listing = action("list", _("list learners (never their PINs)"), list_learners)
    listing.add_argument("--json", action="store_true", help=_("print a JSON array"))
    listing.add_argument("--group", metavar="NAME", help=_("only the learners in this group"))
    group = action("group", _("put learners in groups, take them out, list the groups"), None)
    group_action = actions_of(group)
    join = group_action("add", _("put learners in a group (made when first used)"), join_group)
    join.add_argument("group", metavar="GROUP")
    join.add_argument("codes", metavar="CODE", nargs="+")
    leave = group_action("remove", _("take learners out of a group (their progress is kept)"), leave_group)
    leave.add_argument("group", metavar="GROUP")
    leave.add_argument("codes", metavar="CODE", nargs="+")
    group_action("list", _("each group and its learners"), list_groups)
    id_number = action("set-id-number", _("what another system (a Moodle site) knows a learner by; \"\" takes it away"), set_id_number)
    id_number.add_argument("code")
    id_number.add_argument("id_number", metavar="ID")
    reset = action("reset-pin", _("give a learner a new PIN (also unlocks the account)"), reset_pin)
    reset.add_argument("code")
    reset.add_argument("--pin", help=_("4 to 8 digits; without it a PIN is made up and printed once"))
    action("unlock", _("unlock an account after too many wrong PINs"), unlock).add_argument("code")
    language = action("set-language", _("set the language a learner's screens are in (they can change it in their profile)"), set_language)
    language.add_argument("code")
    language.add_argument("language", metavar="LANGUAGE", help=_("an installed language, like nl"))
    limits = action("set-time-limits", _("how long BLEEP waits for a learner before logging out or a machine times out "
                                         "(they can change it in their profile)"), set_time_limits)
    limits.add_argument("code")
    limits.add_argument("limits", choices=TIME_LIMITS, metavar="LIMITS", help=", ".join(TIME_LIMITS))
    action("deactivate", _("stop a learner from logging in (their progress is kept)"), deactivate).add_argument("code")
    action("activate", _("let a deactivated learner log in again"), activate).add_argument("code")
    roster = action("import", _("add learners from a CSV file with columns code,name[,pin] (or a header naming code, name, pin, groups, id_number)"), import_roster)
    roster.add_argument("roster", metavar="ROSTER.csv")
    roster.add_argument("--group", metavar="NAME", action="append", default=[], help=_("put every learner imported in this group too"))
    for kind, help_text in (
        ("cv", _("write a learner's latest CV as a plain-text file and a printable HTML page")),
        ("plan", _("write a learner's latest plan for after release as a plain-text file and a printable HTML page")),
    ):
        printout = action(kind, help_text, learner_printout)
        printout.set_defaults(kind=kind)
        printout.add_argument("code", help=_("the learner's code (\"me\" in personal mode)"))
        printout.add_argument("--out", metavar="FILE", help=_("writes FILE.txt and FILE.html (a .txt or .html ending is taken off first); default: print the text"))
    add_learner_actions(action)
    out = action("export-record", _("write a learner's whole record (profile, events, CV, badges) to one checked file, to move them"), export_record)
    out.add_argument("code")
    out.add_argument("--out", metavar="FILE", required=True, help=_("the file to write"))
    into = action("import-record", _("add a learner's record from a file export-record wrote (twice changes nothing)"), import_record)
    into.add_argument("file", metavar="FILE")
    into.add_argument("--as", dest="code", metavar="CODE", help=_("import under this code instead of the one in the file"))
    into.add_argument("--merge", action="store_true", help=_("join the record to a learner here of another name: they are the same person"))


def _accounts(args: argparse.Namespace):
    from bleep_tui.store.accounts import AccountStore
    from bleep_tui.store.paths import data_dir

    return AccountStore(data_dir(args.data_dir))


def _pin_or_new(pin: str | None) -> tuple[str, bool]:
    from bleep_tui.store.accounts import new_pin

    return (pin, False) if pin is not None else (new_pin(), True)


def _print_new_pin(code: str, pin: str) -> None:
    print(_("PIN for {code}: {pin}  (shown only now: hand it to the learner)").format(code=code, pin=pin))


def _installed(language: str) -> str:
    from bleep_tui.i18n import installed_languages
    from bleep_tui.store.accounts import AccountError

    if language not in installed_languages():
        raise AccountError(_("there is no language {language!r} here; the installed ones are: {languages}").format(
            language=language, languages=", ".join(installed_languages())))
    return language


def add_learner(args: argparse.Namespace) -> int:
    from bleep_tui.store.learner import LearnerStore

    language = _installed(args.language) if args.language else ""
    pin, made_up = _pin_or_new(args.pin)
    accounts = _accounts(args)
    account = accounts.add(args.code, args.name, pin, args.group, args.id_number)
    if language:
        LearnerStore(accounts.data_dir, account.code).set_language(language)
    print(_("added {code}").format(code=account.code))
    if made_up:
        _print_new_pin(account.code, pin)
    return 0


def set_language(args: argparse.Namespace) -> int:
    from bleep_tui.store.accounts import AccountError
    from bleep_tui.store.learner import LearnerStore

    language = _installed(args.language)
    account = _accounts(args).get(args.code)
    if account is None:
        raise AccountError(_("there is no learner with the code {code!r}").format(code=args.code))
    LearnerStore(_accounts(args).data_dir, account.code).set_language(language)
    print(_("{code} now sees BLEEP in {language}").format(code=account.code, language=language_name(language)))
    return 0


def set_time_limits(args: argparse.Namespace) -> int:
    from bleep_tui.store.accounts import AccountError
    from bleep_tui.store.learner import LearnerStore

    account = _accounts(args).get(args.code)
    if account is None:
        raise AccountError(_("there is no learner with the code {code!r}").format(code=args.code))
    LearnerStore(_accounts(args).data_dir, account.code).set_time_limits(args.limits)
    print(_("{code}'s time limits are now: {limits}").format(code=account.code, limits=args.limits))
    return 0


def list_learners(args: argparse.Namespace) -> int:
    from bleep_tui.core.text import shown

    store = _accounts(args)
    accounts = store.accounts()
    if args.group is not None:
        group = store.known_group(args.group)
        accounts = [account for account in accounts if group in account.groups]
    if args.json:
        print(json.dumps([asdict(account) for account in accounts], ensure_ascii=False, indent=2))
        return 0
    if not accounts:
        print(_("no learners yet: add one with `bleep learners add CODE --name NAME`"))
    for account in accounts:
        status = _("deactivated") if not account.active else _("locked") if account.locked else _("active")
        groups = "  (" + ", ".join(account.groups) + ")" if account.groups else ""
        print(f"{account.code:<32} {status:<12} {shown(account.name)}{groups}")
    return 0


def join_group(args: argparse.Namespace) -> int:
    group, joined = _accounts(args).join_group(args.group, args.codes)
    print(ngettext("added {n} learner to {group}", "added {n} learners to {group}", len(joined)).format(n=len(joined), group=group))
    already = len({code.casefold() for code in args.codes}) - len(joined)
    if already:
        print(ngettext("{n} was in it already", "{n} were in it already", already).format(n=already))
    return 0


def leave_group(args: argparse.Namespace) -> int:
    group, left = _accounts(args).leave_group(args.group, args.codes)
    print(ngettext("took {n} learner out of {group}", "took {n} learners out of {group}", len(left)).format(n=len(left), group=group))
    absent = len({code.casefold() for code in args.codes}) - len(left)
    if absent:
        print(ngettext("{n} was not in it", "{n} were not in it", absent).format(n=absent))
    return 0


def list_groups(args: argparse.Namespace) -> int:
    groups = _accounts(args).groups()
    if not groups:
        print(_("no groups yet: `bleep learners group add GROUP CODE...` makes one"))
    for group, codes in groups.items():
        print(ngettext("{group}: {n} learner: {codes}", "{group}: {n} learners: {codes}", len(codes)).format(
            group=group, n=len(codes), codes=" ".join(codes)))
    return 0


def set_id_number(args: argparse.Namespace) -> int:
    account = _accounts(args).set_id_number(args.code, args.id_number)
    if account.id_number:
        print(_("{code} has the ID number {id_number}").format(code=account.code, id_number=account.id_number))
    else:
        print(_("{code} has no ID number now").format(code=account.code))
    return 0


def reset_pin(args: argparse.Namespace) -> int:
    pin, made_up = _pin_or_new(args.pin)
    account = _accounts(args).reset_pin(args.code, pin)
    print(_("new PIN set for {code}").format(code=account.code))
    if made_up:
        _print_new_pin(account.code, pin)
    return 0


def unlock(args: argparse.Namespace) -> int:
    print(_("unlocked {code}").format(code=_accounts(args).unlock(args.code).code))
    return 0


def deactivate(args: argparse.Namespace) -> int:
    print(_("deactivated {code}; their progress is kept").format(code=_accounts(args).deactivate(args.code).code))
    return 0


def activate(args: argparse.Namespace) -> int:
    print(_("activated {code}").format(code=_accounts(args).activate(args.code).code))
    return 0


def import_roster(args: argparse.Namespace) -> int:
    from bleep_tui.store.accounts import AccountError

    path = Path(args.roster)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        print(_("bleep: {path} is not UTF-8 text; in your spreadsheet, save it as \"CSV UTF-8\"").format(path=path), file=sys.stderr)
        return 1
    except OSError as error:
        print(_("bleep: cannot read {path}: {reason}").format(path=path, reason=error.strerror or error), file=sys.stderr)
        return 1
    accounts = _accounts(args)
    first_line = text.lstrip().split("\n", 1)[0]
    # Spreadsheets in many European locales separate columns with `;`.
    delimiter = ";" if ";" in first_line and "," not in first_line else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    columns = {"code": 0, "name": 1, "pin": 2}
    added = refused = 0
    first = True
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            print(f"{path}:{reader.line_num}: {error}", file=sys.stderr)
            refused += 1
            break
        cells = [cell.strip() for cell in row]
        if not any(cells):
            continue
        header = [ROSTER_ALIASES.get(cell.lower(), cell.lower()) for cell in cells]
        if first and {"code", "name"} <= set(header) <= set(ROSTER_COLUMNS):
            columns = {column: header.index(column) for column in header}  # the columns in any order
            first = False
            continue
        first = False
        most = max(3, len(columns))  # a spreadsheet may leave out empty cells at the end of a row
        if not 2 <= len(cells) <= most:
            print(_("{path}:{line}: expected 2 to {most} columns ({columns}) but found {n}").format(
                path=path, line=reader.line_num, most=most, n=len(cells), columns=",".join(sorted(columns, key=columns.get))), file=sys.stderr)
            refused += 1
            continue

        def column(name: str) -> str:
            return cells[columns[name]] if name in columns and columns[name] < len(cells) else ""

        pin, made_up = _pin_or_new(column("pin") or None)
        groups = [group for group in re.split(r"[;,|]", column("groups")) if group.strip()] + args.group
        try:
            account = accounts.add(column("code"), column("name"), pin, groups, column("id_number"))
        except AccountError as error:
            print(f"{path}:{reader.line_num}: {error}", file=sys.stderr)
            refused += 1
            continue
        added += 1
        print(_("added {code}").format(code=account.code))
        if made_up:
            _print_new_pin(account.code, pin)
    print(_("{added} learner(s) added, {refused} row(s) refused").format(added=added, refused=refused))
    return 1 if refused else 0


def learner_printout(args: argparse.Namespace) -> int:
    """`bleep learners cv|plan CODE [--out FILE]`: the learner's newest CV or plan, as text and HTML."""
    from bleep_tui.export.own_documents import latest_document
    from bleep_tui.export.printable import printable_html, printable_text
    from bleep_tui.store.files import output_path
    from bleep_tui.store.learner import LearnerStore, check_code
    from bleep_tui.store.paths import data_dir
    from bleep_tui.store.printouts import write_printout

    try:
        store = LearnerStore(data_dir(args.data_dir), check_code(args.code))
    except ValueError as error:
        print(_("bleep: {reason}").format(reason=error), file=sys.stderr)
        return 1
    if not store.exists():
        print(_("bleep: there is no learner with the code {code!r}").format(code=args.code), file=sys.stderr)
        return 1
    document = latest_document(store.events(), args.kind)
    if document is None:
        if args.kind == "cv":
            print(_("bleep: {code} has no CV yet (the lesson \"Build your own CV\" makes one)").format(code=args.code), file=sys.stderr)
        else:
            print(_("bleep: {code} has no plan yet (the lesson \"Write my plan for after release\" makes one)").format(code=args.code), file=sys.stderr)
        return 1
    text = printable_text(document)
    if args.out is None:
        sys.stdout.write(text)
        return 0
    html = printable_html(document)
    base = output_path(args.out, store.folder.parent)
    if base.suffix.lower() in (".txt", ".html", ".htm"):
        base = base.with_suffix("")
    for suffix in (".txt", ".html"):
        written = write_printout(output_path(base.with_name(base.name + suffix), store.folder.parent), text, html)
        print(_("wrote {path}").format(path=written))
    return 0


def export_record(args: argparse.Namespace) -> int:
    from bleep_tui.store.accounts import check_learner_code
    from bleep_tui.store.audit import record_audit
    from bleep_tui.store.files import output_path
    from bleep_tui.store.paths import data_dir
    from bleep_tui.store.records import write_record

    folder = data_dir(args.data_dir)
    out = output_path(args.out, folder)
    record = write_record(folder, check_learner_code(args.code), out)
    record_audit(folder, "record_export", detail=f"{record.code} -> {out.resolve()}")
    print(ngettext("wrote the record of {code} ({n} event) to {path}", "wrote the record of {code} ({n} events) to {path}", len(record.events)).format(
        code=record.code, n=len(record.events), path=args.out))
    return 0


def import_record(args: argparse.Namespace) -> int:
    from bleep_tui.core.text import shown
    from bleep_tui.store.accounts import check_learner_code
    from bleep_tui.store.audit import record_audit
    from bleep_tui.store.paths import data_dir
    from bleep_tui.store.records import import_record as add_record, read_record

    code = check_learner_code(args.code) if args.code is not None else None
    record = read_record(Path(args.file).expanduser())
    folder = data_dir(args.data_dir)
    imported = add_record(folder, record, code, merge=args.merge)
    record_audit(folder, "record_import", detail=f"{imported.code} <- {Path(args.file).resolve()}")
    if imported.new_learner:
        print(ngettext("added {code} ({name}) with {n} event", "added {code} ({name}) with {n} events", imported.added).format(
            code=imported.code, name=shown(record.name), n=imported.added))
    elif imported.added:
        print(ngettext("{code}: {added} event added, {already} were here already", "{code}: {added} events added, {already} were here already",
                       imported.added).format(code=imported.code, added=imported.added, already=imported.already))
    else:
        print(_("{code}: nothing new, every event in the file is here already").format(code=imported.code))
    if imported.needs_account:
        print(_("{code} has no account here: to let them log in on a shared terminal, `bleep learners add {code} --name NAME` "
                "(their progress is kept)").format(code=imported.code))
    return 0
