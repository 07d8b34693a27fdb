"""An OptionList that redraws only the options whose look changed when the highlight moves."""

from __future__ import annotations

from rich.text import Text
from textual.geometry import Size
from textual.reactive import reactive
from textual.widgets import OptionList


class SparingOptionList(OptionList):
    """Textual's OptionList redraws all its lines when the highlight moves; this one redraws the two
    options that changed. On a slow SSH line an arrow key then costs a few hundred bytes, not kilobytes."""

    highlighted: reactive[int | None] = reactive(None, repaint=False)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        # Textual asks with the width before the vertical scrollbar's gutter is taken off (kept by
        # `scrollbar-gutter: stable` in app.tcss); the options wrap at the narrower width.
        return super().get_content_height(container, viewport, width - self.scrollbar_size_vertical)

    def watch_highlighted(self, old: int | None, new: int | None) -> None:
        super().watch_highlighted(new)
        for index in (old, new):
            if index is not None and index in self._index_to_line:
                self.refresh_lines(self._index_to_line[index], self._heights[index])

    def spaced(self, prompt: Text) -> Text:
        """An option's prompt, with a blank line after it when the learner chose more space (core/display.py)."""
        return prompt + Text("\n ") if self.app.has_class("-spacious") else prompt
