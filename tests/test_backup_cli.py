"""`bleep backup create|list|restore`: a whole folder to a USB stick and back, on this computer or another."""

from __future__ import annotations

import gzip
import io
import tarfile
from pathlib import Path

from bleep_tui.store.accounts import AccountStore
from bleep_tui.store.issuer import init_issuer, load_issuer
from bleep_tui.store.learner import LearnerStore
from bleep_tui.store.lrs import load_lrs_config, read_cursor, write_cursor

from tests.test_doctor_cli import a_class_backed_up_yesterday, files, steps
from tests.test_learners_cli import bleep, no_traceback


def backup(data_dir: Path, *args: str):
    result = bleep("--data-dir", str(data_dir), "backup", *args)
    no_traceback(result)
    return result


def records(data_dir: Path) -> dict[str, bytes]:
    """The records a backup carries: everything but backups, locks, progress summaries (derived) and what repairs set aside."""
    return {
        name: data for name, data in files(data_dir).items()
        if not name.startswith(("backups", "replaced", "damaged")) and ".lock" not in name and not name.endswith(".summary")
    }


def the_one_backup(usb: Path) -> Path:
    (archive,) = usb.glob("bleep-backup-*.tar.gz")
    return archive


def test_a_backup_on_a_stick_restores_on_another_computer_with_the_same_pins(tmp_path: Path) -> None:
    here, there, usb = tmp_path / "here", tmp_path / "there", tmp_path / "usb"
    a_class_backed_up_yesterday(here)
    usb.mkdir()
    created = backup(here, "create", "--out", str(usb))
    assert created.returncode == 0, created.stderr
    archive = the_one_backup(usb)
    assert "2 learners" in created.stdout and str(archive) in created.stdout
    assert archive.stat().st_mode & 0o777 == 0o600
    listing = backup(here, "list", "--in", str(usb))
    assert listing.returncode == 0 and f"{archive.name}  made" in listing.stdout and "checksums match" in listing.stdout

    restored = backup(there, "restore", str(archive))
    assert restored.returncode == 0, restored.stderr
    audit_there = records(there).pop("audit.events")
    assert {k: v for k, v in records(there).items() if k != "audit.events"} == {k: v for k, v in records(here).items() if k != "audit.events"}
    assert b'"what":"export"' in audit_there and b'"what":"backup_restore"' in audit_there  # the log came along, and says so
    assert AccountStore(there).login("bob", "5678").status == "ok"
    assert steps(there, "ana") == ["ana-0", "ana-1", "ana-2", "login"]
    assert bleep("--data-dir", str(there), "doctor").returncode == 0


def test_restore_refuses_to_overwrite_without_force_and_keeps_what_it_replaces(tmp_path: Path) -> None:
    here, usb = tmp_path / "here", tmp_path / "usb"
    a_class_backed_up_yesterday(here)
    usb.mkdir()
    backup(here, "create", "--out", str(usb))
    LearnerStore(here, "ana").record(LearnerStore(here, "ana").events()[0])  # an answer after the backup
    AccountStore(here).add("cy", "Cy", "4321")
    before = records(here)

    refused = backup(here, "restore", str(the_one_backup(usb)))
    assert refused.returncode == 1
    assert "already holds records" in refused.stderr and "--force" in refused.stderr and "nothing was changed" in refused.stderr
    assert records(here) == before

    forced = backup(here, "restore", str(the_one_backup(usb)), "--force")
    assert forced.returncode == 0, forced.stderr
    assert AccountStore(here).get("cy") is None and len(steps(here, "ana")) == 4
    (replaced,) = (here / "replaced").iterdir()
    assert str(replaced) in forced.stdout
    assert {name: (replaced / name).read_bytes() for name in before} == before


def test_the_data_folders_own_backups_are_listed_and_restored_by_name(tmp_path: Path) -> None:
    here, there = tmp_path / "here", tmp_path / "there"
    a_class_backed_up_yesterday(here)
    assert backup(here, "create").returncode == 0
    listing = backup(here, "list")
    name = listing.stdout.split()[0]
    assert name.startswith("bleep-backup-") and "daily copies" in listing.stdout and "backup_days = 14" in listing.stdout
    (there / "backups" / "full").mkdir(parents=True)
    (here / "backups" / "full" / name).rename(there / "backups" / "full" / name)
    assert backup(there, "restore", name.removesuffix(".tar.gz")).returncode == 0
    assert AccountStore(there).login("ana", "1234").status == "ok"


def damaged_copy(archive: Path) -> bytes:
    """The archive with one byte of a learner's events changed and its gzip made whole again: only a checksum can tell."""
    raw = bytearray(gzip.decompress(archive.read_bytes()))
    at = raw.index(b'"ana-1"')
    raw[at + 5] = ord("9")
    return gzip.compress(bytes(raw))


def test_a_damaged_or_altered_backup_is_named_and_never_restored(tmp_path: Path) -> None:
    here, usb, there = tmp_path / "here", tmp_path / "usb", tmp_path / "there"
    a_class_backed_up_yesterday(here)
    usb.mkdir()
    backup(here, "create", "--out", str(usb))
    archive = the_one_backup(usb)
    good = archive.read_bytes()
    for damaged, why in ((good[: len(good) // 2], "cannot be read to the end"), (damaged_copy(archive), "does not match its checksum")):
        archive.write_bytes(damaged)
        listing = backup(here, "list", "--in", str(usb))
        assert listing.returncode == 1 and "DAMAGED" in listing.stdout and why in listing.stdout
        refused = backup(there, "restore", str(archive))
        assert refused.returncode == 1 and why in refused.stderr and "nothing was changed" in refused.stderr
        assert not (there / "accounts.json").exists() and not list(there.glob("learners/*.*"))


def test_a_backup_holding_anything_but_records_is_refused(tmp_path: Path) -> None:
    archive, there = tmp_path / "bleep-backup-2026-01-01-000000.tar.gz", tmp_path / "there"
    with tarfile.open(archive, "w:gz") as tar:
        info = tarfile.TarInfo("bleep-data/../../evil")
        tar.addfile(info, io.BytesIO(b""))
    refused = backup(there, "restore", str(archive))
    assert refused.returncode == 1 and "which no BLEEP backup holds" in refused.stderr
    assert not (tmp_path / "evil").exists()


def test_a_folder_that_is_not_there_gets_a_clear_message(tmp_path: Path) -> None:
    here = tmp_path / "here"
    a_class_backed_up_yesterday(here)
    result = backup(here, "create", "--out", str(tmp_path / "no-stick"))
    assert result.returncode == 1 and "is not a folder" in result.stderr
    assert backup(here, "restore", "nothing-by-this-name").returncode == 1


def test_a_restored_installation_signs_badges_with_its_old_key_and_its_lrs_goes_on_where_it_stopped(tmp_path: Path) -> None:
    here, there, usb = tmp_path / "here", tmp_path / "there", tmp_path / "usb"
    a_class_backed_up_yesterday(here)
    issuer = init_issuer(here, "Open Door Learning", "https://learn.example.org", did_web="learn.example.org")
    (here / "lrs.toml").write_text('endpoint = "https://lrs.example.org/xapi"\nusername = "bleep"\npassword = "s3cret"\n')
    (here / "lrs.toml").chmod(0o600)
    write_cursor(here, "ana", LearnerStore(here, "ana").event_records(), 2)
    usb.mkdir()
    assert backup(here, "create", "--out", str(usb)).returncode == 0

    assert backup(there, "restore", str(the_one_backup(usb))).returncode == 0
    assert load_issuer(there).issuer == issuer.issuer  # badges given before the restore still verify
    assert (there / "issuer" / "key.pem").read_bytes() == (here / "issuer" / "key.pem").read_bytes()
    assert (there / "issuer" / "key.pem").stat().st_mode & 0o777 == 0o600
    assert load_lrs_config(there).password == "s3cret"
    assert read_cursor(there, "ana") == read_cursor(here, "ana") and read_cursor(there, "ana").events == 2
    assert {k: v for k, v in records(there).items() if k != "audit.events"} == {k: v for k, v in records(here).items() if k != "audit.events"}

    (here / "learners").rename(tmp_path / "gone")  # only the set-up is left: a restore still asks before replacing it
    refused = backup(here, "restore", str(the_one_backup(usb)))
    assert refused.returncode == 1 and "issuer/key.pem" in refused.stderr and "lrs.toml" in refused.stderr
