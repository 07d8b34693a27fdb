"""The "Save my CV" key: the learner's latest CV written as a text and an HTML file they can print."""

from __future__ import annotations

from textual.app import App

from bleep_tui.core.cv import latest_cv
from bleep_tui.i18n import _
from bleep_tui.store.files import StoreError


def save_my_cv(app: App) -> None:
    """Write data_dir/cv/CODE.txt and .html from the learner's latest CV, and say where (or why not)."""
    from bleep_tui.store.cv import save_cv

    store = app.store  # type: ignore[attr-defined]
    try:
        cv = latest_cv(store.events())
        if cv is None:
            app.notify(_("You have no CV yet. Do the lesson \"Build your own CV\" first."), markup=False)
            return
        text_path, html_path = save_cv(app.data_dir, store.code, cv)  # type: ignore[attr-defined]
    except StoreError as error:
        app.notify(_("Your CV could not be saved: {reason}").format(reason=error), severity="error", markup=False)
        return
    app.notify(
        _("Your CV is saved. To print it, ask your facilitator for these files:\n{text}\n{html}").format(text=text_path, html=html_path),
        timeout=15,
        markup=False,
    )
