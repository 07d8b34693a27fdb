"""Every interface string goes through one translation function: a catalogue changes what learners see."""

import struct
import subprocess
import sys
from pathlib import Path


def write_mo(path: Path, translations: dict[str, str]) -> None:
    """A minimal GNU gettext catalogue, as msgfmt writes it."""
    translations = {"": "Content-Type: text/plain; charset=UTF-8\n", **translations}
    keys = sorted(translations)
    ids = b"".join(k.encode() + b"\0" for k in keys)
    strs = b"".join(translations[k].encode() + b"\0" for k in keys)
    header_size = 7 * 4
    table_size = len(keys) * 8
    ids_start = header_size + 2 * table_size
    strs_start = ids_start + len(ids)
    id_table, str_table, id_offset, str_offset = b"", b"", 0, 0
    for k in keys:
        kb, vb = k.encode(), translations[k].encode()
        id_table += struct.pack("<2I", len(kb), ids_start + id_offset)
        str_table += struct.pack("<2I", len(vb), strs_start + str_offset)
        id_offset += len(kb) + 1
        str_offset += len(vb) + 1
    header = struct.pack("<7I", 0x950412DE, 0, len(keys), header_size, header_size + table_size, 0, 0)
    path.parent.mkdir(parents=True)
    path.write_bytes(header + id_table + str_table + ids + strs)


def test_a_catalogue_for_the_learners_language_translates_the_interface(tmp_path: Path) -> None:
    write_mo(tmp_path / "locale" / "de" / "LC_MESSAGES" / "bleep.mo", {
        "Welcome to BLEEP": "Willkommen bei BLEEP",
        "check and list lesson files": "Lektionsdateien prüfen und auflisten",
    })
    env = {"BLEEP_LOCALE_DIR": str(tmp_path / "locale"), "LANGUAGE": "de", "PATH": "/usr/bin:/bin"}
    code = "from bleep_tui.i18n import _; print(_('Welcome to BLEEP')); print(_('Quit'))"
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    shown = result.stdout
    assert shown.splitlines() == ["Willkommen bei BLEEP", "Quit"]  # untranslated strings stay English
    help_text = subprocess.run([sys.executable, "-m", "bleep_tui.cli", "--help"], env=env, capture_output=True, text=True).stdout
    assert "Lektionsdateien prüfen und auflisten" in help_text


def test_a_damaged_catalogue_falls_back_to_english_instead_of_crashing(tmp_path: Path) -> None:
    damaged = tmp_path / "locale" / "de" / "LC_MESSAGES" / "bleep.mo"
    damaged.parent.mkdir(parents=True)
    damaged.write_bytes(b"\xde\x12\x04\x95 not a catalogue")
    env = {"BLEEP_LOCALE_DIR": str(tmp_path / "locale"), "LANGUAGE": "de", "PATH": "/usr/bin:/bin"}
    result = subprocess.run([sys.executable, "-c", "from bleep_tui.i18n import _; print(_('Quit'))"], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "Quit"
