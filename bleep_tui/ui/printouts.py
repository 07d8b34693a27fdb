"""The "Save my CV", "Save my plan" and "Save my passport" keys: files to print, and where they are."""

from __future__ import annotations

from pathlib import Path

from textual.app import App

from bleep_tui.i18n import _
from bleep_tui.store.files import StoreError


def _messages(kind: str) -> tuple[str, str, str]:
    """What to say when there is none yet, when it could not be saved, and where it was saved."""
    if kind == "cv":
        return (
            _("You have no CV yet. Do the lesson \"Build your own CV\" first."),
            _("Your CV could not be saved: {reason}"),
            _("Your CV is saved. To print it, ask your facilitator for these files:\n{text}\n{html}"),
        )
    return (
        _("You have no plan yet. Do the lesson \"Write my plan for after release\" first."),
        _("Your plan could not be saved: {reason}"),
        _("Your plan is saved. To print it, ask your facilitator for these files:\n{text}\n{html}"),
    )


def save_mine(app: App, kind: str) -> None:
    """Write data_dir/KIND/CODE.txt and .html from the learner's newest CV or plan, and say where (or why not)."""
    from bleep_tui.export.own_documents import latest_document
    from bleep_tui.export.printable import printable_html, printable_text
    from bleep_tui.store.printouts import save_printout

    none_yet, failed, saved = _messages(kind)
    store = app.store  # type: ignore[attr-defined]
    try:
        document = latest_document(store.events(), kind)
        if document is None:
            app.notify(none_yet, markup=False)
            return
        text_path, html_path = save_printout(
            app.data_dir, kind, store.code, printable_text(document), printable_html(document)  # type: ignore[attr-defined]
        )
    except StoreError as error:
        app.notify(failed.format(reason=error), severity="error", markup=False)
        return
    if app.is_web:
        hand_to_browser(app, f"{kind}.html", html_path)
        return
    app.notify(saved.format(text=text_path, html=html_path), timeout=15, markup=False)


def hand_to_browser(app: App, name: str, path: Path) -> None:
    """`bleep serve`: the browser downloads the page just saved, under `name` (one of web/policy.py's DOWNLOADABLE)."""
    app.deliver_text(path, save_filename=name, open_method="download", mime_type="text/html", encoding="utf-8")
    app.notify(_("Your browser is downloading {name}. Open it to read or print it.").format(name=name), timeout=15, markup=False)


def save_passport(app: App) -> None:
    """Write data_dir/passport/CODE.html, the learner's skills passport on one page to print, and say where."""
    from datetime import date

    from bleep_tui.export.passport import passport_html, passport_page
    from bleep_tui.store.files import atomic_write, ensure_private_dir
    from bleep_tui.store.issuer import issued_by
    from bleep_tui.store.learner import file_key

    store = app.store  # type: ignore[attr-defined]
    folder = app.data_dir / "passport"  # type: ignore[attr-defined]
    try:
        profile = store.profile()
        titles = {achievement.id: achievement.title for achievement in app.achievements}  # type: ignore[attr-defined]
        by, issuer_id = issued_by(app.data_dir)  # type: ignore[attr-defined]
        page = passport_page(profile.name if profile else store.code, store.code, store.events(), app.catalog.lessons,  # type: ignore[attr-defined]
                             titles, by, issuer_id, date.today().isoformat())
        ensure_private_dir(app.data_dir)  # type: ignore[attr-defined]
        ensure_private_dir(folder)
        path = folder / f"{file_key(store.code)}.html"
        atomic_write(path, passport_html(page))
    except (StoreError, OSError) as error:
        app.notify(_("Your skills passport could not be saved: {reason}").format(reason=error), severity="error", markup=False)
        return
    if app.is_web:
        hand_to_browser(app, "passport.html", path)
        return
    app.notify(_("Your skills passport is saved. To print it, ask your facilitator for this file:\n{path}").format(path=path), timeout=15, markup=False)
