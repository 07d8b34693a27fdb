"""`bleep backup create|list|restore`: whole-folder backups to carry to another disk (docs/facilitator.md)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bleep_tui.commands import actions_of, data_dir_option
from bleep_tui.i18n import _, ngettext


def register(subparsers: argparse._SubParsersAction) -> None:
    backup = subparsers.add_parser("backup", help=_("whole-folder backups: create, list, restore"))
    data_dir_option(backup)
    action = actions_of(backup)

    create = action("create", _("write every learner's records, accounts and settings into one checked .tar.gz file"), create_backup)
    create.add_argument("--out", metavar="DIR", help=_("the folder to write it in, for example a USB stick (default: DATA/backups/full)"))
    listing = action("list", _("list the backups and check each one"), list_backups)
    listing.add_argument("--in", dest="folder", metavar="DIR", help=_("list the backups in DIR instead of DATA/backups/full"))
    restore = action("restore", _("put a backup's records back into the data folder (this or another computer)"), restore_backup)
    restore.add_argument("name", metavar="NAME", help=_("a name `bleep backup list` shows, or the path of a backup file"))
    restore.add_argument("--force", action="store_true", help=_("replace the records there now (they are kept in DATA/replaced/)"))


def create_backup(args: argparse.Namespace) -> int:
    from bleep_tui.store import backup
    from bleep_tui.store.paths import data_dir

    from bleep_tui.store.audit import record_audit

    folder = data_dir(args.data_dir)
    created = backup.create_backup(folder, Path(args.out).expanduser() if args.out else None)
    record_audit(folder, "backup_create", detail=str(created.path.resolve()))
    print(_("wrote {path}: {files} files, {learners} learners").format(path=created.path, files=created.files, learners=created.learners))
    print(_("it holds the PIN hashes and the pepper: keep it where only facilitators can reach it"))
    if created.damaged:
        print(_("these files are damaged and were copied as they are: {names}; run `bleep doctor`").format(names=", ".join(created.damaged)), file=sys.stderr)
        return 1
    return 0


def list_backups(args: argparse.Namespace) -> int:
    from bleep_tui.store import backup
    from bleep_tui.store.daily import day_folders
    from bleep_tui.store.paths import data_dir
    from bleep_tui.store.settings import load_settings

    data = data_dir(args.data_dir)
    folder = Path(args.folder).expanduser() if args.folder else data / backup.ARCHIVE_FOLDER
    infos = backup.backups_in(folder)
    if not infos:
        print(_("no backups in {folder}: make one with `bleep backup create`").format(folder=folder))
    for info in infos:
        if info.problem:
            print(_("{name}  DAMAGED: {problem}").format(name=info.path.name, problem=info.problem))
        else:
            print(_("{name}  made {created}, {learners} learners, checksums match").format(name=info.path.name, created=info.created, learners=info.learners))
    if not args.folder:
        days = [day.name for day in day_folders(data)]
        if days:
            print(ngettext(
                "daily copies (for `bleep doctor --repair`): {n} day, {first} to {last}; backup_days = {keep}",
                "daily copies (for `bleep doctor --repair`): {n} days, {first} to {last}; backup_days = {keep}", len(days),
            ).format(n=len(days), first=days[-1], last=days[0], keep=load_settings(data).backup_days))
    return 1 if any(info.problem for info in infos) else 0


def restore_backup(args: argparse.Namespace) -> int:
    from bleep_tui.store import backup
    from bleep_tui.store.paths import data_dir

    folder = data_dir(args.data_dir)
    archive = backup.archive_named(folder, args.name)
    try:
        restored = backup.restore_backup(folder, archive, force=args.force)
    except backup.BadArchive as error:
        print(_("bleep: {path} cannot be restored: {reason}; nothing was changed").format(path=archive, reason=error), file=sys.stderr)
        return 1
    from bleep_tui.store.audit import record_audit

    record_audit(folder, "backup_restore", detail=str(archive.resolve()))
    print(_("restored {files} files, {learners} learners, from {path} into {folder}").format(
        files=restored.files, learners=restored.learners, path=archive, folder=folder))
    if restored.replaced_in:
        print(_("what was there before is kept in {folder}").format(folder=restored.replaced_in))
    if restored.damaged:
        print(_("these files were damaged already when the backup was made: {names}; run `bleep doctor`").format(names=", ".join(restored.damaged)), file=sys.stderr)
        return 1
    return 0
