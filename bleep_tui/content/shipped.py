"""What the apps teach with: the lessons, the levels and the achievements, loaded together."""

from __future__ import annotations

from dataclasses import dataclass

from bleep_tui.content.achievements import load_achievements
from bleep_tui.content.catalog import Catalog, load_catalog, shipped_levels
from bleep_tui.core.achievements import Achievement
from bleep_tui.core.levels import Level


@dataclass(frozen=True)
class Content:
    catalog: Catalog
    levels: tuple[Level, ...]
    achievements: tuple[Achievement, ...]  # broken ones are left out; `bleep achievements validate` names them


def load_content(catalog: Catalog | None = None) -> Content:
    """The shipped content (or `catalog` with the shipped levels and achievements). Raises ContentError."""
    catalog = catalog or load_catalog()
    return Content(catalog, shipped_levels(), tuple(load_achievements(catalog=catalog).achievements.values()))
