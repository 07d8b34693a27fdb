"""A file manager: Downloads, Documents and its folders, the Bin, a USB stick; rename, move, copy, delete, restore.

An email attachment can wait to be saved (Save as: a folder and a name). Realistic consequences:
a file deleted on the USB stick is gone for good (it skips the Bin), emptying the Bin deletes for
good, a name must be new in its folder and keep its type's ending, and a stick pulled out without
"eject" may lose what was written to it (the goal says so).

Folders are paths as authors write them: `Downloads`, `Documents`, `Documents/Work`, `Bin`, `USB stick`.
The end of the task logs every file's place and name (`ended`), so goals read the trace only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from bleep_tui.core.sims.base import GoalType, ScenarioReader, SimModel, Simulation, Trace, events_named, happened
from bleep_tui.core.sims.email import _has_words

DOWNLOADS, DOCUMENTS, BIN, USB = "Downloads", "Documents", "Bin", "USB stick"
BAD_CHARACTERS = re.compile(r'[/\\:*?"<>|]')
MAX_NAME = 80
# A file's type by the ending of its name: what the file manager's Type column says.
TYPES = {
    "pdf": "pdf",
    "docx": "document", "doc": "document", "odt": "document", "rtf": "document",
    "txt": "text",
    "xlsx": "spreadsheet", "ods": "spreadsheet", "csv": "spreadsheet",
    "jpg": "picture", "jpeg": "picture", "png": "picture",
    "zip": "archive",
    "exe": "program", "msi": "program",
}


def ending(name: str) -> str:
    """`CV.docx` -> `docx` (lower case); "" when the name has no ending (`letter.pdf new` has none)."""
    stem, dot, end = name.rpartition(".")
    return end.casefold() if dot and stem and end.isalnum() and len(end) <= 5 else ""


def file_type(name: str) -> str:
    """One of TYPES' values, or "file" for an ending the file manager does not know."""
    return TYPES.get(ending(name), "file")


def parent_of(folder: str) -> str:
    return folder.rpartition("/")[0]


def same_folder(one: str, other: str) -> bool:
    return one.strip("/ ").casefold() == other.strip("/ ").casefold()


@dataclass(frozen=True)
class File:
    id: str
    name: str
    folder: str = DOWNLOADS  # "" for an attachment not saved yet
    size: int = 10  # KB
    text: str = ""  # what the file shows when it is opened
    deleted_from: str = ""  # for a file in the Bin: where Restore puts it back


@dataclass(frozen=True)
class FilesScenario:
    files: tuple[File, ...]
    folders: tuple[str, ...] = (DOCUMENTS,)  # every folder there is at the start (Downloads and the Bin always are)
    usb: bool = False  # a USB stick is plugged in
    attachment: str = ""  # the id of the file that waits in an email to be saved

    def file(self, file_id: str) -> File | None:
        return next((f for f in self.files if f.id == file_id), None)


@dataclass
class Place:
    """Where a file is now, and its name there."""

    name: str
    folder: str
    deleted_from: str = ""
    origin: str = ""  # the id of the file this one is a copy of ("" for an original)


class FilesModel(SimModel):
    def __init__(self, scenario: FilesScenario) -> None:
        super().__init__()
        self.scenario = scenario
        self.places: dict[str, Place] = {}
        for file in scenario.files:
            if file.id != scenario.attachment:
                self.places[file.id] = Place(file.name, file.folder, file.deleted_from)
        self.folders: list[str] = [DOWNLOADS, *(f for f in scenario.folders if not same_folder(f, DOWNLOADS)), BIN]
        if scenario.usb:
            self.folders.append(USB)
        self.usb = "in" if scenario.usb else "none"  # in, ejected, pulled (out without eject), none
        self.copies = 0
        self.log("files", files=[{"id": f.id, "name": f.name, "folder": f.folder} for f in scenario.files],
                 attachment=scenario.attachment)

    # What the screen shows

    @property
    def open_folders(self) -> list[str]:
        """The folders the learner can open now (the USB stick only while it is plugged in)."""
        return [f for f in self.folders if self.usb == "in" or not self.on_usb(f)]

    def files_in(self, folder: str) -> list[str]:
        """The ids of the files in `folder`, by name."""
        found = [file_id for file_id, place in self.places.items() if same_folder(place.folder, folder)]
        return sorted(found, key=lambda file_id: self.places[file_id].name.casefold())

    def subfolders(self, folder: str) -> list[str]:
        return [f for f in self.folders if same_folder(parent_of(f), folder)]

    def original(self, file_id: str) -> File:
        """The scenario's file this one is (or is a copy of): its size, its text."""
        place = self.places.get(file_id)
        found = self.scenario.file(place.origin if place and place.origin else file_id)
        assert found is not None
        return found

    @property
    def attachment_waiting(self) -> bool:
        return bool(self.scenario.attachment) and self.scenario.attachment not in self.places

    def on_usb(self, folder: str) -> bool:
        return same_folder(folder, USB) or folder.casefold().startswith(USB.casefold() + "/")

    def usable_folder(self, folder: str) -> str | None:
        """The folder as the model spells it, when it can be used now."""
        return next((f for f in self.open_folders if same_folder(f, folder)), None)

    def _name_taken(self, name: str, folder: str, but: str = "") -> bool:
        return any(fid != but and place.name.casefold() == name.casefold() for fid, place in self.places.items()
                   if same_folder(place.folder, folder))

    def _usable(self, file_id: str) -> Place | None:
        place = self.places.get(file_id)
        if self.finished or place is None or self.usable_folder(place.folder) is None:
            return None
        return place

    # The learner's actions. Each returns "" when done, else a problem the screen puts into words.

    def open_file(self, file_id: str) -> str:
        place = self._usable(file_id)
        if place is None:
            return "missing"
        if same_folder(place.folder, BIN):
            return "in_bin"
        self.log("opened", id=file_id, name=place.name)
        return ""

    def save_attachment(self, folder: str, name: str) -> str:
        """Save the waiting attachment in `folder` as `name` (its ending is kept when left out)."""
        attachment = self.scenario.file(self.scenario.attachment)
        target = self.usable_folder(folder)
        if self.finished or attachment is None or not self.attachment_waiting:
            return "missing"
        if target is None or same_folder(target, BIN):
            return "folder"
        name, problem = self._new_name(attachment.name, name, target)
        if problem:
            return problem
        self.places[attachment.id] = Place(name, target)
        self.log("attachment_saved", id=attachment.id, name=name, folder=target)
        return ""

    def rename(self, file_id: str, name: str) -> str:
        place = self._usable(file_id)
        if place is None:
            return "missing"
        if same_folder(place.folder, BIN):
            return "in_bin"
        name, problem = self._new_name(place.name, name, place.folder, but=file_id)
        if problem:
            return problem
        if name != place.name:
            self.log("renamed", id=file_id, old=place.name, name=name)
            place.name = name
        return ""

    def _new_name(self, old: str, typed: str, folder: str, but: str = "") -> tuple[str, str]:
        """The name a file gets from what was typed, or the reason it cannot have it."""
        name = " ".join(typed.split())
        if not name or name.startswith("."):
            return name, "empty"
        if BAD_CHARACTERS.search(name) or len(name) > MAX_NAME:
            return name, "characters"
        if ending(old) and not ending(name):
            name = f"{name}.{ending(old)}"
        elif ending(name) != ending(old):
            return name, "ending"
        if self._name_taken(name, folder, but):
            return name, "exists"
        return name, ""

    def move(self, file_id: str, folder: str) -> str:
        place, target, problem = self._to_folder(file_id, folder)
        if problem or place is None:
            return problem
        self.log("moved", id=file_id, name=place.name, source=place.folder, folder=target)
        place.folder = target
        return ""

    def copy(self, file_id: str, folder: str) -> str:
        place, target, problem = self._to_folder(file_id, folder)
        if problem or place is None:
            return problem
        self.copies += 1
        copy_id = f"copy-{self.copies}"
        self.places[copy_id] = Place(place.name, target, origin=place.origin or file_id)
        self.log("copied", id=file_id, copy=copy_id, name=place.name, folder=target)
        return ""

    def _to_folder(self, file_id: str, folder: str) -> tuple[Place | None, str, str]:
        """The file and the folder it is to go to, or why it cannot go there (it is there, a name taken there, no such folder)."""
        place, target = self._usable(file_id), self.usable_folder(folder)
        if place is None:
            return None, "", "missing"
        if target is None or same_folder(target, BIN):
            return place, "", "folder"
        if same_folder(place.folder, BIN):
            return place, target, "in_bin"
        if same_folder(place.folder, target):
            return place, target, "same"
        if self._name_taken(place.name, target):
            return place, target, "exists"
        return place, target, ""

    def delete(self, file_id: str) -> str:
        """To the Bin; on the USB stick (or already in the Bin) it is gone for good."""
        place = self._usable(file_id)
        if place is None:
            return "missing"
        if self.on_usb(place.folder) or same_folder(place.folder, BIN):
            del self.places[file_id]
            self.log("deleted", id=file_id, name=place.name, folder=place.folder, for_good=True)
            return ""
        self.log("deleted", id=file_id, name=place.name, folder=place.folder, for_good=False)
        place.deleted_from, place.folder = place.folder, BIN
        return ""

    def restore(self, file_id: str) -> str:
        place = self._usable(file_id)
        if place is None:
            return "missing"
        if not same_folder(place.folder, BIN):
            return "not_in_bin"
        back = self.usable_folder(place.deleted_from) or DOWNLOADS
        if self._name_taken(place.name, back):
            return "exists"
        self.log("restored", id=file_id, name=place.name, folder=back)
        place.folder, place.deleted_from = back, ""
        return ""

    def empty_bin(self) -> str:
        binned = self.files_in(BIN)
        if self.finished or not binned:
            return "missing"
        for file_id in binned:
            del self.places[file_id]
        self.log("bin_emptied", ids=binned)
        return ""

    def new_folder(self, inside: str, name: str) -> str:
        parent = self.usable_folder(inside)
        name = " ".join(name.split())
        if self.finished or parent is None or same_folder(parent, BIN) or same_folder(parent, DOWNLOADS):
            return "folder"
        if not name or name.startswith("."):
            return "empty"
        if BAD_CHARACTERS.search(name) or len(name) > MAX_NAME:
            return "characters"
        path = f"{parent}/{name}"
        if any(same_folder(f, path) for f in self.folders):
            return "exists"
        self.folders.insert(self.folders.index(parent) + 1 + len(self._below(parent)), path)
        self.log("folder_made", folder=path)
        return ""

    def _below(self, folder: str) -> list[str]:
        return [f for f in self.folders if f.casefold().startswith(folder.casefold() + "/")]

    def eject(self) -> str:
        if self.finished or self.usb != "in":
            return "missing"
        self.usb = "ejected"
        self.log("usb_ejected")
        return ""

    def end(self) -> None:
        """End the task: a stick still in is pulled out, and every file's place is kept for the goals."""
        if self.finished:
            return
        if self.usb == "in":
            self.usb = "pulled"
            self.log("usb_pulled_out")
        self.log("ended", files=[{"id": fid, "name": p.name, "folder": p.folder, "origin": p.origin}
                                 for fid, p in self.places.items()])
        self.finish()


# Reading the scenario


def read_scenario(reader: ScenarioReader) -> FilesScenario:
    usb = reader.boolean("usb")
    folders = [DOCUMENTS]
    for folder in reader.text_list("folders", required=False):
        folder = folder.strip("/ ")
        if not (folder.startswith(DOCUMENTS + "/") or (usb and folder.startswith(USB + "/"))):
            reader.error("folders", f"a folder is inside {DOCUMENTS} (or {USB}, with `usb: true`), like {DOCUMENTS}/Work (got `{folder}`)")
        elif not any(same_folder(folder, f) for f in folders):
            folders.append(folder)
    known = [DOWNLOADS, *folders, BIN, *([USB] if usb else [])]
    files = [_read_file(item, known) for item in reader.mappings("files")]
    ids = [f.id for f in files]
    for duplicate in sorted({i for i in ids if ids.count(i) > 1}):
        reader.error("files", f"file id `{duplicate}` is used twice")
    attachment = reader.text("attachment", required=False)
    if attachment and attachment not in ids:
        reader.error("attachment", f"no file with id `{attachment}` in `files`")
    return FilesScenario(files=tuple(files), folders=tuple(sorted(folders, key=str.casefold)), usb=usb, attachment=attachment)


def _read_file(item: ScenarioReader, known: list[str]) -> File:
    folder = item.text("folder", required=False, default=DOWNLOADS).strip("/ ")
    if not any(same_folder(folder, f) for f in known):
        item.error("folder", f"`{folder}` is not one of the folders: {', '.join(known)}")
        folder = DOWNLOADS
    deleted_from = item.text("deleted_from", required=False).strip("/ ")
    if deleted_from and not same_folder(folder, BIN):
        item.error("deleted_from", f"only a file in the {BIN} has `deleted_from`")
    name = item.text("name")
    if name and BAD_CHARACTERS.search(name):
        item.error("name", f"a file name cannot have any of / \\ : * ? \" < > | (got `{name}`)")
    found = File(
        id=item.text("id"),
        name=name,
        folder=folder,
        size=item.integer("size", 1, 10_000_000, required=False, default=10),
        text=item.text("text", required=False),
        deleted_from=deleted_from or (DOWNLOADS if same_folder(folder, BIN) else ""),
    )
    item.reject_unknown()
    return found


# Goals: each reads the trace only; the place of each file at the end comes from `ended`.


def _at_end(trace: Trace) -> list[dict[str, Any]]:
    ended = events_named(trace, "ended")
    return ended[-1].data.get("files", []) if ended else []


def _split(value: str, mark: str) -> tuple[str, str]:
    left, _, right = str(value).partition(mark)
    return left.strip(), right.strip()


def _file_in(trace: Trace, value: str) -> bool:
    file_id, folder = _split(value, "=")
    return any(f["id"] == file_id and same_folder(f["folder"], folder) for f in _at_end(trace))


def _copied_to(trace: Trace, value: str) -> bool:
    file_id, folder = _split(value, "=")
    return any(f.get("origin") == file_id and same_folder(f["folder"], folder) for f in _at_end(trace))


def _name_has(trace: Trace, value: str) -> bool:
    file_id, words = _split(value, ":")
    return any(f["id"] == file_id and _has_words(f["name"], words) for f in _at_end(trace))


def _ending_kept(trace: Trace, file_id: str) -> bool:
    start = next((f for f in events_named(trace, "files")[0].data["files"] if f["id"] == file_id), None) if happened(trace, "files") else None
    now = next((f for f in _at_end(trace) if f["id"] == file_id), None)
    return start is not None and now is not None and ending(now["name"]) == ending(start["name"])


def _gone_for_good(trace: Trace, file_id: str) -> bool:
    return happened(trace, "ended") and not any(f["id"] == file_id for f in _at_end(trace))


def _usb_safe(trace: Trace, value: bool) -> bool:
    return (happened(trace, "usb_ejected") and not happened(trace, "usb_pulled_out")) == value


def _check_file(value: Any, scenario: FilesScenario) -> str | None:
    if scenario.file(str(value)) is None:
        return f"no file with id `{value}`; use one of: {', '.join(f.id for f in scenario.files)}"
    return None


def _check_file_and_folder(value: Any, scenario: FilesScenario) -> str | None:
    file_id, equals, folder = str(value).partition("=")
    if not equals:
        return "write the value as `file-id = folder`, e.g. `cv = Documents/Work`"
    return _check_file(file_id.strip(), scenario) or _check_folder(folder.strip(), scenario)


def _check_folder(folder: str, scenario: FilesScenario) -> str | None:
    if not folder:
        return "name a folder, like Documents/Work"
    if folder.casefold().startswith(USB.casefold()) and not scenario.usb:
        return f"there is no {USB} without `usb: true`"
    if not (same_folder(folder, DOWNLOADS) or same_folder(folder, BIN) or folder.startswith((DOCUMENTS, USB))):
        return f"a folder is {DOWNLOADS}, {DOCUMENTS}, a folder inside {DOCUMENTS}, {BIN} or {USB} (got `{folder}`)"
    return None


def _check_file_and_words(value: Any, scenario: FilesScenario) -> str | None:
    file_id, colon, words = str(value).partition(":")
    if not colon or not words.strip():
        return "write the value as `file-id: words`, e.g. `cv: CV, Nadia`"
    return _check_file(file_id.strip(), scenario)


def _check_usb(_value: Any, scenario: FilesScenario) -> str | None:
    return None if scenario.usb else "the scenario has no USB stick (`usb: true`)"


def _check_attachment(_value: Any, scenario: FilesScenario) -> str | None:
    return None if scenario.attachment else "the scenario has no `attachment`"


GOALS: dict[str, GoalType] = {
    "file_in": GoalType("text", _file_in, "`file-id = folder`: at the end the file is in that folder", _check_file_and_folder),
    "copied_to": GoalType("text", _copied_to, "`file-id = folder`: at the end a copy of the file is in that folder", _check_file_and_folder),
    "name_has": GoalType("text", _name_has, "`file-id: words`: at the end the file's name has all these words (comma-separated; `a | b`: either)", _check_file_and_words),
    "ending_kept": GoalType("text", lambda t, v: _ending_kept(t, v), "at the end the file still has the ending (type) it had", _check_file),
    "opened": GoalType("text", lambda t, v: any(e.data.get("id") == v for e in events_named(t, "opened")), "the learner opened this file", _check_file),
    "restored": GoalType("text", lambda t, v: any(e.data.get("id") == v for e in events_named(t, "restored")), "the learner took this file back out of the Bin", _check_file),
    "deleted_for_good": GoalType("text", _gone_for_good, "at the end the file is gone for good (Bin emptied, or deleted on the USB stick)", _check_file),
    "folder_made": GoalType("text", lambda t, v: any(same_folder(e.data.get("folder", ""), v) for e in events_named(t, "folder_made")), "the learner made this folder, e.g. Documents/Probation"),
    "attachment_saved": GoalType("none", lambda t, _v: happened(t, "attachment_saved"), "the email attachment was saved", _check_attachment),
    "bin_emptied": GoalType("bool", lambda t, v: happened(t, "bin_emptied") == v, "the learner emptied the Bin"),
    "usb_ejected": GoalType("bool", _usb_safe, "the USB stick was ejected before the end (not pulled out)", _check_usb),
}

SIMULATION = Simulation(
    name="files",
    title="Files",
    read_scenario=read_scenario,
    new_model=FilesModel,
    goals=GOALS,
    trace_events=frozenset({
        "attachment_saved",
        "bin_emptied",
        "copied",
        "deleted",
        "ended",
        "files",
        "finished",
        "folder_made",
        "moved",
        "opened",
        "renamed",
        "restored",
        "usb_ejected",
        "usb_pulled_out",
    }),
)
