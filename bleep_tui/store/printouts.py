"""Writing a learner's own documents (CV, plan) to files they or a facilitator can print.

In the data folder: data_dir/FOLDER/CODE.txt and CODE.html (FOLDER is `cv` or `plan`), 0600.
"""

from __future__ import annotations

from pathlib import Path

from bleep_tui.i18n import _
from bleep_tui.store.files import StoreError, atomic_write, ensure_private_dir, plain_reason
from bleep_tui.store.learner import check_code


def save_printout(data_dir: Path, folder_name: str, code: str, text: str, html: str) -> tuple[Path, Path]:
    """Write the plain-text and the HTML file and return their paths; StoreError says why it failed."""
    folder = Path(data_dir) / folder_name
    text_path = folder / f"{check_code(code)}.txt"
    html_path = folder / f"{code}.html"
    try:
        ensure_private_dir(Path(data_dir))
        ensure_private_dir(folder)
        atomic_write(text_path, text)
        atomic_write(html_path, html)
    except OSError as error:
        raise StoreError(_("could not write the files in {folder}: {reason}").format(folder=folder, reason=plain_reason(error))) from error
    return text_path, html_path


def write_printout(path: Path, text: str, html: str) -> Path:
    """One file: the HTML when the name ends in .html or .htm, the plain text otherwise."""
    path = Path(path)
    try:
        atomic_write(path, html if path.suffix.lower() in (".html", ".htm") else text)
    except OSError as error:
        raise StoreError(_("could not write {path}: {reason}").format(path=path, reason=plain_reason(error))) from error
    return path
