"""What the optional class board reads: which learners there are, and the secret behind pseudonyms."""

from __future__ import annotations

import secrets
from pathlib import Path

from bleep_tui.store.files import atomic_write, ensure_private_dir, exclusive_lock

SECRET_FILE = "board-secret"


def board_secret(data_dir: Path) -> str:
    """A random secret of this installation, made once, so a pseudonym cannot be traced to a learner code."""
    path = Path(data_dir) / SECRET_FILE
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    ensure_private_dir(path.parent)
    with exclusive_lock(path.with_name(f".{SECRET_FILE}.lock")):  # two first openings must agree
        if not path.exists():
            atomic_write(path, secrets.token_hex(16))
        return path.read_text(encoding="utf-8").strip()
