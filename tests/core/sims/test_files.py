"""The file manager behaves like a real one: the Bin keeps what you delete, the USB stick does not, names must be new."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bleep_tui.core.sims.files import GOALS, File, FilesModel, FilesScenario, file_type

SCENARIO = FilesScenario(
    files=(
        File("cv", "Document1(3).docx", size=24, text="Curriculum vitae - Nadia Hale"),
        File("payslip", "scan0042.pdf", size=310),
        File("letter", "letter.pdf", folder="", size=120),
        File("probation", "Probation appointment.pdf", folder="Bin", deleted_from="Documents"),
        File("old", "old notes.txt", folder="Documents/Work"),
    ),
    folders=("Documents", "Documents/Housing", "Documents/Money", "Documents/Work"),
    usb=True,
    attachment="letter",
)


def goal(model: FilesModel, name: str, value: object = None) -> bool:
    return GOALS[name].check(tuple(model.trace), value)


def names(model: FilesModel, folder: str) -> list[str]:
    return [model.places[file_id].name for file_id in model.files_in(folder)]


def test_files_have_a_type_from_the_ending_of_their_name() -> None:
    assert [file_type(n) for n in ("a.PDF", "b.docx", "c.jpeg", "d.xlsx", "e.exe", "f", ".pdf", "g.xyz")] == [
        "pdf", "document", "picture", "spreadsheet", "program", "file", "file", "file"]


def test_the_attachment_waits_until_it_is_saved_where_and_as_the_learner_chose() -> None:
    model = FilesModel(SCENARIO)
    assert model.attachment_waiting and "letter.pdf" not in names(model, "Downloads")
    assert model.save_attachment("documents/housing", "Letter Riverside Homes 2026-05") == ""
    assert names(model, "Documents/Housing") == ["Letter Riverside Homes 2026-05.pdf"]  # the ending is kept
    assert not model.attachment_waiting and model.save_attachment("Downloads", "again") == "missing"
    model.end()
    assert goal(model, "attachment_saved") and goal(model, "file_in", "letter = Documents/Housing")
    assert goal(model, "name_has", "letter: riverside, letter") and goal(model, "ending_kept", "letter")


def test_a_name_must_be_new_in_its_folder_keep_its_ending_and_have_no_forbidden_characters() -> None:
    model = FilesModel(SCENARIO)
    assert model.rename("cv", "   ") == "empty"
    assert model.rename("cv", "CV: Nadia") == "characters"
    assert model.rename("cv", "CV Nadia.pdf") == "ending"
    assert model.rename("cv", "SCAN0042.docx") == ""  # another ending, so another name
    assert model.rename("payslip", "scan0042") == ""  # the same name as before: nothing happens
    assert model.rename("payslip", "Scan0042.DOCX") == "ending"
    assert model.rename("cv", "CV Nadia Hale 2026-03") == ""
    assert names(model, "Downloads") == ["CV Nadia Hale 2026-03.docx", "scan0042.pdf"]
    assert [e.event for e in model.trace].count("renamed") == 2


def test_moving_needs_a_real_other_folder_without_a_file_of_that_name() -> None:
    model = FilesModel(SCENARIO)
    assert model.move("payslip", "Documents/Money") == ""
    assert model.move("payslip", "documents/money") == "same"
    assert model.move("cv", "Nowhere") == "folder" and model.move("cv", "Bin") == "folder"
    model.copy("payslip", "Downloads")
    assert model.move("payslip", "Downloads") == "exists"
    model.end()
    assert goal(model, "file_in", "payslip = Documents/Money") and goal(model, "copied_to", "payslip = Downloads")


def test_the_bin_keeps_a_deleted_file_until_it_is_emptied_and_restore_puts_it_back() -> None:
    model = FilesModel(SCENARIO)
    assert model.delete("cv") == ""
    assert names(model, "Bin") == ["Document1(3).docx", "Probation appointment.pdf"]
    assert model.rename("cv", "x") == "in_bin" and model.open_file("cv") == "in_bin"
    assert model.restore("cv") == "" and names(model, "Downloads")[0] == "Document1(3).docx"
    assert model.restore("probation") == "" and names(model, "Documents") == ["Probation appointment.pdf"]
    model.delete("payslip")
    assert model.empty_bin() == "" and names(model, "Bin") == [] and model.empty_bin() == "missing"
    model.end()
    assert goal(model, "restored", "probation") and goal(model, "deleted_for_good", "payslip")
    assert goal(model, "bin_emptied", True) and not goal(model, "deleted_for_good", "cv")


def test_a_file_deleted_on_the_usb_stick_skips_the_bin_and_is_gone_for_good() -> None:
    model = FilesModel(SCENARIO)
    model.copy("cv", "USB stick")
    copy_id = model.files_in("USB stick")[0]
    assert model.delete(copy_id) == ""
    assert names(model, "USB stick") == [] and names(model, "Bin") == ["Probation appointment.pdf"]
    deleted = [e for e in model.trace if e.event == "deleted"][-1]
    assert deleted.data["for_good"] is True


def test_an_ejected_stick_cannot_be_used_and_a_stick_left_in_at_the_end_counts_as_pulled_out() -> None:
    model = FilesModel(SCENARIO)
    model.copy("cv", "USB stick")
    assert model.eject() == "" and "USB stick" not in model.open_folders
    assert model.copy("payslip", "USB stick") == "folder" and model.eject() == "missing"
    model.end()
    assert goal(model, "usb_ejected", True) and goal(model, "copied_to", "cv = USB stick")
    careless = FilesModel(SCENARIO)
    careless.copy("cv", "USB stick")
    careless.end()
    assert goal(careless, "usb_ejected", False) and [e.event for e in careless.trace][-3:] == ["usb_pulled_out", "ended", "finished"]


def test_a_new_folder_goes_under_its_parent_and_needs_a_new_good_name() -> None:
    model = FilesModel(SCENARIO)
    assert model.new_folder("Documents", "Probation") == ""
    assert model.new_folder("Documents", "probation") == "exists"
    assert model.new_folder("Documents", "A/B") == "characters"
    assert model.new_folder("Bin", "Keep") == "folder" and model.new_folder("Downloads", "Mine") == "folder"
    assert model.subfolders("Documents") == ["Documents/Housing", "Documents/Money", "Documents/Work", "Documents/Probation"]
    assert model.move("cv", "Documents/Probation") == ""
    assert goal(model, "folder_made", "documents/probation")


def test_a_finished_task_ignores_every_action() -> None:
    model = FilesModel(SCENARIO)
    model.end()
    before = list(model.trace)
    for problem in (model.rename("cv", "x"), model.move("cv", "Documents"), model.delete("cv"), model.eject(),
                    model.save_attachment("Documents", "x"), model.new_folder("Documents", "x"), model.empty_bin()):
        assert problem
    model.end()
    assert model.trace == before


def test_the_lesson_checks_goal_values_against_the_scenario() -> None:
    assert GOALS["file_in"].check_value("cv = Documents/Work", SCENARIO) is None
    assert "file-id = folder" in GOALS["file_in"].check_value("cv", SCENARIO)
    assert "no file with id" in GOALS["name_has"].check_value("nope: cv", SCENARIO)
    assert "no USB" in GOALS["usb_ejected"].check_value(True, FilesScenario(files=()))


FILE_IDS = ["cv", "payslip", "letter", "probation", "old", "copy-1", "copy-2"]
FOLDERS = ["Downloads", "Documents", "Documents/Work", "Documents/New", "Bin", "USB stick", "Nowhere"]
NAMES = ["", "CV Nadia", "CV Nadia.docx", "a/b", "scan0042.pdf", "x.pdf", "letter"]
ACTIONS = st.lists(st.one_of(
    st.tuples(st.sampled_from(["rename"]), st.sampled_from(FILE_IDS), st.sampled_from(NAMES)),
    st.tuples(st.sampled_from(["move", "copy"]), st.sampled_from(FILE_IDS), st.sampled_from(FOLDERS)),
    st.tuples(st.sampled_from(["delete", "restore", "open_file"]), st.sampled_from(FILE_IDS)),
    st.tuples(st.just("save_attachment"), st.sampled_from(FOLDERS), st.sampled_from(NAMES)),
    st.tuples(st.just("new_folder"), st.sampled_from(FOLDERS), st.sampled_from(["New", "new", "", "a:b"])),
    st.tuples(st.sampled_from(["empty_bin", "eject"])),
), max_size=30)


@given(ACTIONS)
def test_whatever_the_learner_does_names_stay_unique_in_each_folder_and_every_file_keeps_its_type(actions: list) -> None:
    model = FilesModel(SCENARIO)
    for name, *arguments in actions:
        getattr(model, name)(*arguments)
    for folder in {place.folder for place in model.places.values()}:
        in_it = [place.name.casefold() for place in model.places.values() if place.folder == folder]
        assert len(in_it) == len(set(in_it)), folder
        assert folder in model.folders
    for file_id, place in model.places.items():
        assert file_type(place.name) == file_type(model.original(file_id).name)
    model.end()
    ended = {f["id"] for f in [e for e in model.trace if e.event == "ended"][0].data["files"]}
    assert ended == set(model.places)


@given(ACTIONS)
def test_whatever_the_learner_does_a_file_is_gone_for_good_only_from_the_bin_or_the_usb_stick(actions: list) -> None:
    model = FilesModel(SCENARIO)
    for name, *arguments in actions:
        getattr(model, name)(*arguments)
    for entry in model.trace:
        if entry.event == "deleted" and entry.data["for_good"]:
            assert entry.data["folder"] in ("Bin", "USB stick")
        if entry.event == "bin_emptied":
            assert entry.data["ids"]


@pytest.mark.parametrize("name", sorted(GOALS))
def test_every_goal_is_described_for_authors(name: str) -> None:
    assert GOALS[name].describe and GOALS[name].kind in ("none", "bool", "text")
