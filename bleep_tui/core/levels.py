"""Levels from XP. The thresholds and names are data (achievements/levels.yaml)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Level:
    xp: int  # XP needed to reach this level
    name: str


@dataclass(frozen=True)
class LevelStatus:
    number: int  # 1-based
    name: str
    xp: int
    floor: int  # XP where this level began
    next_at: int | None  # XP of the next level; None at the top

    @property
    def to_next(self) -> int:
        return 0 if self.next_at is None else self.next_at - self.xp

    @property
    def fraction(self) -> float:
        if self.next_at is None:
            return 1.0
        return (self.xp - self.floor) / (self.next_at - self.floor)


def level_for(levels: tuple[Level, ...], xp: int) -> LevelStatus:
    """The level a learner with `xp` has reached. `levels` is sorted by xp and starts at 0."""
    reached = [i for i, level in enumerate(levels) if xp >= level.xp]
    index = reached[-1] if reached else 0
    next_at = levels[index + 1].xp if index + 1 < len(levels) else None
    return LevelStatus(index + 1, levels[index].name, xp, levels[index].xp, next_at)
