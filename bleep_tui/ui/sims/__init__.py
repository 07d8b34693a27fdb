"""One widget per simulation model: it draws the machine and turns keys into the model's actions."""

from __future__ import annotations

from bleep_tui.ui.sims.base import SimWidget


def widget_class(sim_name: str) -> type[SimWidget]:
    """The widget that draws simulation `sim_name`. Imported on first use to keep start-up quick."""
    widgets: dict[str, type[SimWidget]] = {}
    from bleep_tui.ui.sims.email import EmailWidget
    from bleep_tui.ui.sims.forms import FormWidget

    widgets.update(email=EmailWidget, form=FormWidget, cv=FormWidget, plan=FormWidget)
    from bleep_tui.ui.sims.atm import AtmWidget
    from bleep_tui.ui.sims.banking import BankingWidget
    from bleep_tui.ui.sims.card_terminal import CardTerminalWidget

    widgets.update(atm=AtmWidget, card_terminal=CardTerminalWidget, banking=BankingWidget)
    from bleep_tui.ui.sims.files import FilesWidget
    from bleep_tui.ui.sims.search import SearchWidget

    widgets.update(search=SearchWidget, files=FilesWidget)
    return widgets[sim_name]
