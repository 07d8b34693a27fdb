"""Writing a learner's CV to files they or a facilitator can print: data_dir/cv/CODE.txt and CODE.html."""

from __future__ import annotations

from pathlib import Path

from bleep_tui.core.cv import CV
from bleep_tui.export.cv import cv_html, cv_text
from bleep_tui.store.files import StoreError, atomic_write, ensure_private_dir
from bleep_tui.store.learner import _plain_reason, check_code


def cv_folder(data_dir: Path) -> Path:
    return Path(data_dir) / "cv"


def save_cv(data_dir: Path, code: str, cv: CV) -> tuple[Path, Path]:
    """Write the plain-text and the HTML CV (0600) and return their paths; StoreError says why it failed."""
    folder = cv_folder(data_dir)
    text_path = folder / f"{check_code(code)}.txt"
    html_path = folder / f"{code}.html"
    try:
        ensure_private_dir(Path(data_dir))
        ensure_private_dir(folder)
        atomic_write(text_path, cv_text(cv))
        atomic_write(html_path, cv_html(cv))
    except OSError as error:
        raise StoreError(f"could not write the CV in {folder}: {_plain_reason(error)}") from error
    return text_path, html_path


def write_cv_file(path: Path, cv: CV) -> Path:
    """One file: HTML when the name ends in .html or .htm, plain text otherwise."""
    path = Path(path)
    content = cv_html(cv) if path.suffix.lower() in (".html", ".htm") else cv_text(cv)
    try:
        atomic_write(path, content)
    except OSError as error:
        raise StoreError(f"could not write {path}: {_plain_reason(error)}") from error
    return path
