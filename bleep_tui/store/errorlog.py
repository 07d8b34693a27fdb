"""The private log of what went wrong: where the details of an unexpected error go instead of a screen.

`DATA/logs/errors.log` (folder 0700, file 0600). A plain traceback only: never local variables, so a
PIN typed at the login, a stored hash or a passphrase can never reach the log or a learner's screen.
"""

from __future__ import annotations

import os
import traceback
from pathlib import Path

from bleep_tui.core.events import now_iso
from bleep_tui.store.files import ensure_private_dir

LOG_FOLDER, LOG_FILE = "logs", "errors.log"
MAX_LOG_BYTES = 1 << 20  # then the log starts again, the previous one kept as errors.log.1


def log_error(data_dir: Path, error: BaseException, where: str) -> Path | None:
    """Append `error`'s traceback to the log and return its path; None when even that is impossible."""
    folder = Path(data_dir) / LOG_FOLDER
    path = folder / LOG_FILE
    text = f"--- {now_iso()} {where} (pid {os.getpid()})\n" + "".join(traceback.format_exception(error))
    try:
        ensure_private_dir(folder)
        if path.exists() and path.stat().st_size > MAX_LOG_BYTES:
            os.replace(path, path.with_name(LOG_FILE + ".1"))
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8", errors="replace") as handle:
            handle.write(text)
    except OSError:
        return None
    return path
