"""An OptionList that redraws only the options whose look changed when the highlight moves."""

from __future__ import annotations

from textual.reactive import reactive
from textual.widgets import OptionList


class SparingOptionList(OptionList):
    """Textual's OptionList redraws all its lines when the highlight moves; this one redraws the two
    options that changed. On a slow SSH line an arrow key then costs a few hundred bytes, not kilobytes."""

    highlighted: reactive[int | None] = reactive(None, repaint=False)

    def watch_highlighted(self, old: int | None, new: int | None) -> None:
        super().watch_highlighted(new)
        for index in (old, new):
            if index is not None and index in self._index_to_line:
                self.refresh_lines(self._index_to_line[index], self._heights[index])
