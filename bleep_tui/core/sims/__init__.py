"""Simulation models (pure state machines) and the registry lessons name them by."""

from __future__ import annotations

from bleep_tui.core.sims.base import Simulation

# name -> Simulation. Each simulation module adds itself in `registry()` below.
_REGISTRY: dict[str, Simulation] | None = None


def registry() -> dict[str, Simulation]:
    """Every simulation a lesson can use, by name. Imported on first use to keep start-up quick."""
    global _REGISTRY
    if _REGISTRY is None:
        simulations: list[Simulation] = []
        from bleep_tui.core.sims import email, forms, kept_forms

        simulations += [email.SIMULATION, forms.SIMULATION, kept_forms.CV, kept_forms.PLAN]
        from bleep_tui.core.sims import atm, banking, card_terminal

        simulations += [atm.SIMULATION, card_terminal.SIMULATION, banking.SIMULATION]
        from bleep_tui.core.sims import files, search

        simulations += [search.SIMULATION, files.SIMULATION]
        _REGISTRY = {sim.name: sim for sim in simulations}
    return _REGISTRY
