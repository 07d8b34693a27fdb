"""One widget per simulation model: it draws the machine and turns keys into the model's actions."""

from __future__ import annotations

from bleep_tui.ui.sims.base import SimWidget


def widget_class(sim_name: str) -> type[SimWidget]:
    """The widget that draws simulation `sim_name`. Imported on first use to keep start-up quick."""
    widgets: dict[str, type[SimWidget]] = {}
    return widgets[sim_name]
