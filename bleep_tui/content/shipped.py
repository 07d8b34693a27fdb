"""What the apps teach with: the lessons, the levels and the achievements, loaded together."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from bleep_tui.content.catalog import PACKAGE_DIR, Catalog, load_catalog, shipped_dir, shipped_levels
from bleep_tui.core.achievements import Achievement
from bleep_tui.core.levels import Level

if TYPE_CHECKING:
    from bleep_tui.content.translated import ContentTranslation


@dataclass(frozen=True)
class Content:
    catalog: Catalog
    levels: tuple[Level, ...]
    achievements: tuple[Achievement, ...]  # broken ones are left out; `bleep achievements validate` names them


def load_content(catalog: Catalog | None = None, translation: ContentTranslation | None = None) -> Content:
    """The shipped content (or `catalog` with the shipped levels and achievements), in `translation`'s language
    as far as it is translated. Raises ContentError."""
    from bleep_tui.content.achievements import load_achievements  # reads YAML: see content/catalog.py

    catalog = catalog or load_catalog(translation=translation)
    achievements = load_achievements(catalog=catalog, translation=translation).achievements
    return Content(catalog, shipped_levels(translation), tuple(achievements.values()))


def content_sources() -> list[Path]:
    """Everything the shipped content is made from: its files, and the code that reads and holds them."""
    folders = (shipped_dir("lessons"), shipped_dir("achievements"), PACKAGE_DIR / "content", PACKAGE_DIR / "core")
    return [path for folder in folders for path in folder.rglob("*") if path.is_file() and "__pycache__" not in path.parts]
