"""Textual's compositor, rendering for a screen update only the rows that changed.

On each update Textual's compositor renders every widget the update's area can touch in full, all
of its lines, and then keeps the lines that changed: an arrow key on a list renders the whole screen,
every widget, line by line, from the caches. This one asks each widget only for its lines within the
rows of the update (Textual renders a part of a widget this way when a container clips it). An arrow
key on Home then renders about 15 lines instead of 64.

It relies on two private parts of Textual, both here: `Compositor._get_renders`, and the
`Compositor()` that `Screen.__init__` makes. tests/ui/test_compositor.py fails when either changes.
"""

from __future__ import annotations

from collections.abc import Iterable

import textual.screen
from textual._compositor import Compositor
from textual.geometry import Region
from textual.strip import Strip


class RowCroppedCompositor(Compositor):
    def _get_renders(self, crop: Region | None = None) -> Iterable[tuple[Region, Region, list[Strip]]]:
        if crop is None:
            yield from super()._get_renders(crop)
            return
        top, bottom = crop.y, crop.bottom
        for widget, (region, clip) in self.visible_widgets.items():
            shown = region.intersection(clip)
            first, last = max(shown.y, top), min(shown.bottom, bottom)
            if shown.width and last > first:
                # The rows of the update only, whole in width, so that every cut of these lines is filled.
                rows = Region(shown.x, first, shown.width, last - first)
                yield rows, clip, widget.render_lines(rows.translate(-region.offset))


def render_only_changed_rows() -> None:
    """Every screen made from now on renders its updates with RowCroppedCompositor."""
    textual.screen.Compositor = RowCroppedCompositor  # type: ignore[misc]
