"""What a person is told when the disk fails, and the private log where the details go instead."""

import errno
import os
import stat
from pathlib import Path

import pytest

from bleep_tui.store.errorlog import LOG_FILE, MAX_LOG_BYTES, log_error
from bleep_tui.store.files import plain_reason


@pytest.mark.parametrize(
    ("number", "said"),
    [
        (errno.ENOSPC, "the disk is full"),
        (errno.EACCES, "permission denied"),
        (errno.EPERM, "permission denied"),
        (errno.EROFS, "the disk is read-only"),
        (errno.EIO, "Input/output error"),
    ],
)
def test_a_disk_error_is_said_in_plain_words(number: int, said: str) -> None:
    assert plain_reason(OSError(number, os.strerror(number))) == said


def test_an_error_without_a_number_is_said_as_it_came() -> None:
    assert plain_reason(OSError("the share went away")) == "the share went away"


def failure() -> ValueError:
    try:
        raise ValueError("pin 1234 must never be logged as a variable")
    except ValueError as error:
        return error


def test_an_unexpected_error_is_appended_to_a_private_log_with_where_it_happened(data_dir: Path) -> None:
    path = log_error(data_dir, failure(), "lesson screen")
    assert path == data_dir / "logs" / LOG_FILE
    log_error(data_dir, failure(), "dashboard")
    text = path.read_text(encoding="utf-8")
    assert text.count("Traceback (most recent call last):\n  File ") == 2 and text.count("ValueError: pin 1234") == 2  # as Python prints it
    assert " lesson screen (pid " in text and " dashboard (pid " in text and text.index("lesson screen") < text.index("dashboard")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_an_error_with_text_that_cannot_be_written_as_utf8_is_still_logged(data_dir: Path) -> None:
    """A file name read from a broken disk can hold lone surrogates; the log writes them as "?" rather than fail."""
    name = os.fsdecode(b"bad-name-\xff")
    try:
        raise OSError(f"cannot open {name}")
    except OSError as error:
        path = log_error(data_dir, error, "cv")
    assert path is not None and "cannot open bad-name-?" in path.read_text(encoding="utf-8")


def test_a_full_log_starts_again_and_keeps_the_previous_one(data_dir: Path) -> None:
    path = log_error(data_dir, failure(), "first")
    with path.open("a", encoding="utf-8") as handle:
        handle.write("x" * MAX_LOG_BYTES)
    log_error(data_dir, failure(), "after the limit")
    assert "after the limit" in path.read_text(encoding="utf-8") and "first" not in path.read_text(encoding="utf-8")
    assert "first" in path.with_name(LOG_FILE + ".1").read_text(encoding="utf-8")


def test_a_log_of_exactly_the_limit_is_still_written_to(data_dir: Path) -> None:
    path = log_error(data_dir, failure(), "first")
    with path.open("a", encoding="utf-8") as handle:
        handle.write("x" * (MAX_LOG_BYTES - path.stat().st_size))
    log_error(data_dir, failure(), "at the limit")
    assert "first" in path.read_text(encoding="utf-8") and "at the limit" in path.read_text(encoding="utf-8")
    assert not path.with_name(LOG_FILE + ".1").exists()


def test_when_even_the_log_cannot_be_written_there_is_no_path_and_no_new_error(tmp_path: Path) -> None:
    blocked = tmp_path / "data"
    blocked.write_text("a file where the data folder should be")
    assert log_error(blocked, failure(), "anywhere") is None


def test_a_learner_who_chose_dutch_is_told_of_a_disk_error_in_dutch_to_the_end(data_dir: Path) -> None:
    import contextvars

    from bleep_tui.i18n import Language, speak
    from bleep_tui.store.files import StoreError
    from bleep_tui.store.learner import LearnerStore

    def in_dutch() -> str:
        speak(Language("nl"))
        (data_dir / "learners").mkdir(parents=True)
        (data_dir / "learners" / "me.events").mkdir()  # cannot be read as a file: like a failing disk
        try:
            LearnerStore(data_dir).events()
        except StoreError as error:
            return f"{error} / {plain_reason(OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)))}"
        return "no error"

    said = contextvars.copy_context().run(in_dutch)
    assert said.startswith("kon de voortgang in ") and said.endswith(" / de schijf is vol"), said
