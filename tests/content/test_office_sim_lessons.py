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


LINKS_AND_PLAN = """\
format: 1
id: broken-links
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
        - id: library
          from: Library <l@library.eu>
          subject: s
          body: b
          links:
            - text: www.library.eu
              address: https://www.library.eu
              opens: login
        - id: parcel
          from: Parcel <p@parcel.info>
          subject: s
          body: b
          scam: true
          flags: [link]
          links:
            - text: parcel.eu/pay
              address: http://parcel-pay.top
              opens: payment
    goals:
      - check: attachment_not_opened
        value: parcel
        label: x
        feedback: x
    explanation: x
  - id: plan
    type: sim
    sim: plan
    task: x
    scenario:
      title: t
      pages:
        - title: p
          fields:
            - id: favourite-colour
              label: Colour
    goals:
      - check: submitted
        label: x
        feedback: x
    explanation: x
"""


def test_a_link_opens_what_its_message_allows_and_a_plan_form_uses_plan_field_ids(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(LINKS_AND_PLAN, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_lesson(path, MODULES)
    found = {(p.line, p.message) for p in caught.value.problems}
    assert (24, "a real message's link opens its `page`; only a scam (`scam: true`) opens `login`") in found
    assert any(line == 32 and "missing field" in message and "fee" in message for line, message in found), found
    assert (37, "message `parcel` has no `attachments`") in found
    assert any("`favourite-colour` is not a part of a plan" in message for _line, message in found)
    assert any("a plan form needs a field with id `name`" in message for _line, message in found)
