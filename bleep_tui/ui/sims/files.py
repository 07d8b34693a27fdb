"""The file manager at 80x24: the folders on the left, the files of one folder with type and size, and the keys.

File and folder names come from the lesson or from the learner: plain text, never markup.
"""

from __future__ import annotations

from typing import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from bleep_tui.core.sims.files import BIN, DOCUMENTS, DOWNLOADS, MAX_NAME, USB, FilesModel, ending, file_type, same_folder
from bleep_tui.i18n import N_, _
from bleep_tui.ui.sims.base import SimWidget
from bleep_tui.ui.sims.dialogs import DIALOG_CSS, Confirm, PickOne, ReadText
from bleep_tui.ui.widgets.key_bar import KeyBar
from bleep_tui.ui.widgets.sparing import SparingOptionList
from bleep_tui.ui.widgets.text_field import TextField

NAME_WIDTH = 28  # the name column of the file list
TYPE_WIDTH = 14


def place_names() -> dict[str, str]:
    return {DOWNLOADS: _("Downloads"), DOCUMENTS: _("Documents"), BIN: _("Bin"), USB: _("USB stick")}


def folder_label(folder: str) -> str:
    """`Documents/Work` as the learner reads it: the fixed places in their language, the rest as named."""
    first, _slash, rest = folder.partition("/")
    return place_names().get(first, first) + ("/" + rest if rest else "")


def type_label(name: str) -> str:
    return {
        "pdf": _("PDF document"), "document": _("Text document"), "text": _("Plain text"),
        "spreadsheet": _("Spreadsheet"), "picture": _("Picture"), "archive": _("Zip file"),
        "program": _("Program"), "file": _("File"),
    }[file_type(name)]


def size_label(kb: int) -> str:
    return _("{n} KB").format(n=kb) if kb < 1000 else _("{n} MB").format(n=f"{kb / 1000:.1f}")


def problem_text(problem: str) -> str:
    return {
        "empty": _("Type a name first."),
        "characters": _("A name cannot have any of these: / \\ : * ? \" < > |"),
        "ending": _("Keep the ending of the name (like .pdf): it says what type of file it is."),
        "exists": _("There is already a file or folder with that name there. Choose another name."),
        "same": _("The file is already in that folder."),
        "folder": _("You cannot put it there."),
        "in_bin": _("This file is in the Bin. Restore it first (u)."),
        "not_in_bin": _("Only a file in the Bin can be restored."),
        "missing": _("Choose a file first."),
    }.get(problem, problem)


class AskText(ModalScreen[bool]):
    """Type a name (a file's new name, a folder's name). Enter tries it: `act` does it and returns "",
    or says what is wrong, and the box stays open to fix it. Escape cancels."""

    DEFAULT_CSS = "AskText { align: center middle; }" + DIALOG_CSS + """
    AskText Input { margin: 0; }
    AskText #problem { color: $error; text-style: bold; margin: 0; }
    """
    BINDINGS = [Binding("escape", "cancel", N_("Cancel"))]

    def __init__(self, title: str, value: str, act: Callable[[str], str]) -> None:
        super().__init__()
        self.title_text, self.value, self.act = title, value, act

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static(Text(self.title_text, style="bold"), markup=False)
            yield TextField(self.value, max_length=MAX_NAME)
            yield Static("", id="problem", markup=False)
            yield Static(Text(_("Press Enter when it is right, Esc to cancel.")), markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        box = self.query_one(TextField)
        box.focus()
        if ending(self.value):  # as file managers do: the cursor before the ending, which stays
            box.cursor_position = len(self.value) - len(ending(self.value)) - 1

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        problem = self.act(event.value)
        self.query_one("#problem", Static).update(Text(problem))
        if not problem:
            self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)


class FilesWidget(SimWidget):
    DEFAULT_CSS = """
    FilesWidget { height: 1fr; min-height: 14; }
    FilesWidget #attachment { height: auto; text-style: bold; }
    FilesWidget #panes { height: 1fr; }
    FilesWidget #folder-pane { width: 22; height: 1fr; border-right: solid $primary; }
    FilesWidget #folders { height: 1fr; }
    FilesWidget #files { height: 1fr; scrollbar-size-vertical: 1; }
    FilesWidget #details { height: 3; border-top: solid $primary; }
    FilesWidget #keys { height: auto; max-height: 2; color: $text-muted; }
    """

    BINDINGS = [
        Binding("w", "save_attachment", N_("Save attachment")),
        Binding("r", "rename", N_("Rename"), show=False),
        Binding("m", "move", N_("Move"), show=False),
        Binding("c", "copy", N_("Copy"), show=False),
        Binding("d,delete", "delete", N_("Delete"), show=False),
        Binding("u", "restore", N_("Restore"), show=False),
        Binding("x", "empty_bin", N_("Empty the Bin"), show=False),
        Binding("n", "new_folder", N_("New folder"), show=False),
        Binding("t", "eject", N_("Eject USB stick"), show=False),
        Binding("left", "to_folders", show=False),
        Binding("right", "to_files", show=False),
        Binding("e", "end", N_("End task")),
        Binding("tab,shift+tab", "switch", show=False),  # between the folders and the files, never out of the window
    ]

    model: FilesModel

    def __init__(self, model: FilesModel) -> None:
        super().__init__(model)
        self.folder = DOWNLOADS
        self.shown: list[str] = []  # the ids of the files in the list, in order

    def compose(self) -> ComposeResult:
        yield Static("", id="attachment", markup=False)
        with Horizontal(id="panes"):
            with Vertical(id="folder-pane"):
                yield SparingOptionList(id="folders", markup=False)
            yield SparingOptionList(id="files", markup=False)
        yield Static("", id="details", markup=False)
        yield Static("", id="keys", markup=False)

    def on_mount(self) -> None:
        for part in ("#folders", "#files"):  # borderless in ASCII mode too, whose style sheet boxes every list
            self.query_one(part).styles.border = ("none", "black")
        self.redraw()

    def on_focus(self) -> None:
        self.call_after_refresh(lambda: self.query_one("#files", OptionList).focus())

    # Drawing

    def redraw(self) -> None:
        model = self.model
        if self.model.usable_folder(self.folder) is None:  # the stick was ejected while it was open
            self.folder = DOWNLOADS
        attachment = model.scenario.file(model.scenario.attachment)
        waiting = Text()
        if attachment is not None and model.attachment_waiting:
            waiting = Text(_("An email attachment waits: {name} ({size}). Press w to save it.").format(
                name=attachment.name, size=size_label(attachment.size)))
        self.query_one("#attachment", Static).update(waiting)
        self.query_one("#attachment", Static).display = bool(waiting)
        folders = self.query_one("#folders", OptionList)
        folders.clear_options()
        for folder in model.open_folders:
            depth = folder.count("/")
            label = folder_label(folder).rsplit("/", 1)[-1]
            count = len(model.files_in(folder))
            text = Text("  " * depth + label + (f" ({count})" if same_folder(folder, BIN) and count else ""))
            folders.add_option(Option(text, id=folder))
        folders.highlighted = model.open_folders.index(next(f for f in model.open_folders if same_folder(f, self.folder)))
        self._draw_files()

    def _draw_files(self) -> None:
        """The files of the open folder, and the keys that work there (the folder list stays as it is)."""
        model = self.model
        files = self.query_one("#files", OptionList)
        highlighted = files.highlighted
        files.clear_options()
        self.shown = model.files_in(self.folder)
        for file_id in self.shown:
            files.add_option(Option(self._row(file_id)))
        for sub in model.subfolders(self.folder):
            files.add_option(Option(Text(_("[folder] {name}").format(name=sub.rsplit("/", 1)[-1]), style="dim"), disabled=True))
        if not self.shown:
            files.add_option(Option(Text(_("(this folder is empty)"), style="dim"), disabled=True))
        else:
            files.highlighted = min(highlighted or 0, len(self.shown) - 1)
        self._show_details()
        self.query_one("#keys", Static).update(Text(self._keys(), style="dim"))
        self.refresh_bindings()

    def _row(self, file_id: str) -> Text:
        place, size = self.model.places[file_id], self.model.original(file_id).size
        name = Text(place.name, no_wrap=True)
        name.truncate(NAME_WIDTH, overflow="ellipsis", pad=True)
        kind = Text(type_label(place.name), no_wrap=True)
        kind.truncate(TYPE_WIDTH, overflow="ellipsis", pad=True)
        name.append(" ")
        name.append_text(kind)
        name.append(f" {size_label(size):>7}")
        return name

    def _chosen(self) -> str | None:
        files = self.query_one("#files", OptionList)
        if not self.shown or files.highlighted is None or files.highlighted >= len(self.shown):
            return None
        return self.shown[files.highlighted]

    def _show_details(self) -> None:
        file_id = self._chosen()
        text = Text(_("Folder: {folder}").format(folder=folder_label(self.folder)), style="bold")
        if file_id is not None:
            place = self.model.places[file_id]
            text.append("\n")
            text.append_text(Text(place.name + "  -  " + type_label(place.name) + "  -  " + size_label(self.model.original(file_id).size)))
        self.query_one("#details", Static).update(text)

    def _keys(self) -> str:
        if same_folder(self.folder, BIN):
            return _("u restore  d delete for good  x empty the Bin  Left/Right folders/files  e end")
        keys = _("Enter open  r rename  m move  c copy  d delete  n new folder")
        if self.model.usb == "in":
            keys += "  " + _("t eject")
        return keys + "  " + _("e end")

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option_list.id == "folders" and event.option.id and not same_folder(event.option.id, self.folder):
            self.folder = event.option.id
            self.query_one("#files", OptionList).highlighted = 0
            self._draw_files()
        elif event.option_list.id == "files":
            self._show_details()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_list.id == "folders":
            self.query_one("#files", OptionList).focus()
            return
        file_id = self._chosen()
        if file_id is None:
            return
        if self._done(self.model.open_file(file_id)):
            place = self.model.places[file_id]
            text = self.model.original(file_id).text.strip() or _("The file opens. It is what its name says.")
            self.app.push_screen(ReadText(place.name, text))

    # Acting

    def _done(self, problem: str, note: str = "") -> bool:
        """Redraw after an action; say what went wrong, or what happened."""
        if problem:
            self.app.notify(problem_text(problem), severity="warning", markup=False)
        elif note:
            self.app.notify(note, markup=False)
        self.redraw()
        self.after_action()
        return not problem

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        in_bin = same_folder(self.folder, BIN)
        if action == "save_attachment":
            return self.model.attachment_waiting
        if action in ("restore", "empty_bin"):
            return in_bin
        if action in ("rename", "move", "copy", "new_folder"):
            return not in_bin
        if action == "eject":
            return self.model.usb == "in"
        return True

    def action_switch(self) -> None:
        folders = self.query_one("#folders", OptionList)
        (self.query_one("#files", OptionList) if folders.has_focus else folders).focus()

    def action_to_folders(self) -> None:
        self.query_one("#folders", OptionList).focus()

    def action_to_files(self) -> None:
        self.query_one("#files", OptionList).focus()

    def _with_file(self, then: Callable[[str], None]) -> None:
        file_id = self._chosen()
        if file_id is None:
            self.app.notify(problem_text("missing"), markup=False)
            return
        then(file_id)

    def _pick_folder(self, title: str, then: Callable[[str], None], leave_out: str = "") -> None:
        folders = [f for f in self.model.open_folders if not same_folder(f, BIN) and not same_folder(f, leave_out)]
        labels = [folder_label(f) for f in folders]
        self.app.push_screen(PickOne(title, labels), lambda picked: then(folders[labels.index(picked)]) if picked else None)

    def action_save_attachment(self) -> None:
        attachment = self.model.scenario.file(self.model.scenario.attachment)
        if attachment is None:
            return

        def named(folder: str) -> None:
            def saved(done: bool | None) -> None:
                if done:
                    self.folder = self.model.usable_folder(folder) or self.folder
                    self._done("", _("Saved in {folder}.").format(folder=folder_label(folder)))

            self.app.push_screen(AskText(_("Save as: the file's name in {folder}").format(folder=folder_label(folder)),
                                         attachment.name, self._trying(lambda name: self.model.save_attachment(folder, name))), saved)

        self._pick_folder(_("Save {name} in which folder?").format(name=attachment.name), named)

    def _trying(self, action: Callable[[str], str]) -> Callable[[str], str]:
        """An action a name dialog tries: what went wrong in words, or "" once it is done (and kept)."""
        def attempt(name: str) -> str:
            problem = action(name)
            if not problem:
                self.after_action()
            return problem_text(problem) if problem else ""

        return attempt

    def _named(self, note: str) -> Callable[[bool | None], None]:
        return lambda done: self._done("", note) if done else None

    def action_rename(self) -> None:
        def ask(file_id: str) -> None:
            place = self.model.places[file_id]
            self.app.push_screen(AskText(_("Rename {name}: type the new name").format(name=place.name), place.name,
                                         self._trying(lambda name: self.model.rename(file_id, name))), self._named(_("Renamed.")))

        self._with_file(ask)

    def action_move(self) -> None:
        def pick(file_id: str) -> None:
            self._pick_folder(_("Move {name} to which folder?").format(name=self.model.places[file_id].name),
                              lambda folder: self._done(self.model.move(file_id, folder), _("Moved to {folder}.").format(
                                  folder=folder_label(folder))), leave_out=self.folder)

        self._with_file(pick)

    def action_copy(self) -> None:
        def pick(file_id: str) -> None:
            self._pick_folder(_("Copy {name} to which folder?").format(name=self.model.places[file_id].name),
                              lambda folder: self._done(self.model.copy(file_id, folder), _("Copied to {folder}.").format(
                                  folder=folder_label(folder))), leave_out=self.folder)

        self._with_file(pick)

    def action_delete(self) -> None:
        def ask(file_id: str) -> None:
            name = self.model.places[file_id].name
            if same_folder(self.folder, BIN):
                question = _("Delete {name} for good? It cannot come back.").format(name=name)
            elif self.model.on_usb(self.folder):
                question = _("Delete {name} for good? Files on a USB stick do not go to the Bin.").format(name=name)
            else:
                question = _("Move {name} to the Bin?").format(name=name)
            self.app.push_screen(Confirm(question), lambda yes: self._done(self.model.delete(file_id)) if yes else None)

        self._with_file(ask)

    def action_restore(self) -> None:
        self._with_file(lambda file_id: self._done(self.model.restore(file_id), _("Restored: it is back where it was.")))

    def action_empty_bin(self) -> None:
        self.app.push_screen(Confirm(_("Empty the Bin? Everything in it is deleted for good.")),
                             lambda yes: self._done(self.model.empty_bin()) if yes else None)

    def action_new_folder(self) -> None:
        folder = self.folder
        self.app.push_screen(AskText(_("New folder in {folder}: type its name").format(folder=folder_label(folder)), "",
                                     self._trying(lambda name: self.model.new_folder(folder, name))), self._named(_("Folder made.")))

    def action_eject(self) -> None:
        self._done(self.model.eject(), _("You can take out the USB stick safely now."))

    def action_end(self) -> None:
        self.confirm_end(self.model.end)
