"""A problem found in a content file, printed the way editors and CI understand."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    file: Path
    message: str
    line: int | None = None  # 1-based
    field: str = ""
    warning: bool = False  # the file can be used, but a learner could be misled or helped unfairly

    def __str__(self) -> str:
        message = f"warning: {self.message}" if self.warning else self.message
        if self.line is not None:
            return f"{self.file}:{self.line}: {message}"
        if self.field:
            return f"{self.file}: {self.field}: {message}"
        return f"{self.file}: {message}"


class ContentError(Exception):
    """A content file could not be used; `problems` says why."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems
