"""Linear mode's conversation: plain text only, numbered answers, and ? r q at every question."""

from __future__ import annotations

import io
from pathlib import Path

from bleep_tui.linear.session import run
from bleep_tui.linear.talk import plain_markdown
from bleep_tui.store.accounts import AccountStore
from bleep_tui.store.learner import LearnerStore


def talk(data: Path, *lines: str) -> str:
    said = io.StringIO()
    assert run(data, io.StringIO("".join(line + "\n" for line in lines)), said) == 0
    return said.getvalue()


def test_markdown_is_read_as_words_without_its_symbols() -> None:
    source = """# Before you start

You need **two things** and *one* `PIN`:

- your bank card
- a [safe place](https://example.eu/safe)
1. first
2. second

```
Date    What        Amount
─────────────────────────
03/03   Rent       -650.00
```
"""
    assert plain_markdown(source) == [
        "Before you start", "",
        "You need two things and one PIN:", "",
        "your bank card", "a safe place (https://example.eu/safe)", "1. first", "2. second", "",
        "Date    What        Amount", "03/03   Rent       -650.00",
    ]


def test_a_control_character_in_a_lesson_or_an_answer_never_reaches_the_terminal() -> None:
    assert plain_markdown("Press \x1b[31mhere\x07") == ["Press ^[[31mhere^G"]


def test_a_hint_a_repeat_and_leaving_keep_the_learner_in_place(tmp_path: Path) -> None:
    said = talk(tmp_path, "Sam", "1", "1", "?", "", "?", "r", "q", "q")  # ? on a page to read: no hint there
    assert said.count("There is no more help for this step.") == 1
    after_hint = said.split("Hint 1: ", 1)[1]
    question = "Which of these are warning signs? Choose all that are right."
    assert said.count(question) == 2 and question in after_hint  # said once, then again after r
    assert "You left the lesson. Your place is saved: you come back to the same step." in said
    events = LearnerStore(tmp_path).events()
    assert [e.kind for e in events] == ["lesson_started", "step_read", "hint_shown"]

    again = talk(tmp_path, "n", "", "q", "q")  # n: the lesson left halfway, at the step left
    assert "You stopped halfway: carry on where you left off" in again
    assert again.split("Lesson: ")[1].count("Step 2 of") == 1 and "Hint 1: " in again


def test_a_number_that_is_not_an_answer_is_said_to_be_wrong_and_costs_no_try(tmp_path: Path) -> None:
    said = talk(tmp_path, "Sam", "1", "1", "", "9", "", "q", "q")
    assert said.count("Use the numbers of the list, each once.") == 1
    assert "Type your answer first." not in said
    assert not [e for e in LearnerStore(tmp_path).events() if e.kind == "answered"]


def test_shared_mode_asks_for_a_code_and_pin_and_logs_out_with_q(tmp_path: Path) -> None:
    (tmp_path / "settings.toml").write_text('mode = "shared"\n')
    AccountStore(tmp_path).add("kim7", "Kim", "4821")
    said = talk(tmp_path, "kim7", "1111", "kim7", "4821", "q", "kim7")
    assert "That code and PIN did not work." in said
    assert "Level 1" in said.split("4821", 1)[1]
    assert "You are logged out. Your progress is saved." in said
    assert said.rstrip().endswith("PIN:")  # the next learner's turn; the input ended there
    assert [e.kind for e in LearnerStore(tmp_path, "kim7").events()] == ["login"]  # one login: the wrong PIN was not one
