"""Authors of email and form lessons get told exactly which line of a sim step is wrong."""

from pathlib import Path

import pytest

from bleep_tui.content.lessons import load_lesson
from bleep_tui.content.problems import ContentError

MODULES = frozenset({"communication", "work"})

LESSON = """\
format: 1
id: broken-office
title: Broken
module: communication
summary: x
competences: ["2.1"]
level: 1
minutes: 5
steps:
  - id: mail
    type: sim
    sim: email
    task: x
    scenario:
      me: Sam <sam@postbox.eu>
      inbox:
        - id: bank
          from: Bank <b@bank.eu>
          subject: s
          body: b
          scam: true
          flags: [link, spam]
    goals:
      - check: flag_spotted
        value: "bank: code"
        label: x
        feedback: x
      - check: kept
        value: nosuch
        label: x
        feedback: x
    explanation: x
  - id: form
    type: sim
    sim: form
    task: x
    scenario:
      title: t
      pages:
        - title: p
          fields:
            - id: born
              label: Born
              type: date
              colour: red
    goals:
      - check: field
        value: born = 31/02/1990
        label: x
        feedback: x
    explanation: x
"""


def test_wrong_flags_message_ids_field_values_and_unknown_keys_are_reported_with_their_lines(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(LESSON, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_lesson(path, MODULES)
    found = {(p.line, p.message) for p in caught.value.problems}
    assert (22, "unknown red flag `spam`; use: sender, urgency, link, code, attachment") in found
    assert (25, "message `bank` does not list `code` in its `flags`") in found
    assert any(line == 29 and "no message with id `nosuch`" in message for line, message in found)
    assert any(line == 45 and "unknown field" in message and "colour" in message for line, message in found)
    assert (48, "`31/02/1990` would not be accepted by field `born` itself") in found
