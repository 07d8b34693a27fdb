"""Info steps: the Markdown that lessons use, drawn as text a learner can read at 80 columns."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from bleep_tui.content.catalog import load_catalog
from bleep_tui.core.model import InfoStep
from bleep_tui.ui.lesson_text import inline, lesson_text


def shown(source: str, width: int = 40, bullet: str = "•") -> str:
    console = Console(width=width, record=True, color_system=None, file=open("/dev/null", "w"))
    console.print(lesson_text(source, bullet))
    return "\n".join(line.rstrip() for line in console.export_text().splitlines())


def test_paragraphs_join_their_lines_and_are_spaced_by_one_blank_line() -> None:
    assert shown("A cash machine gives\nyou money.\n\n\nKeep your PIN secret.") == (
        "A cash machine gives you money.\n\nKeep your PIN secret."
    )


def test_list_items_wrap_under_their_own_text() -> None:
    text = shown("You need:\n- your **bank card**\n- your PIN: a secret number, often four digits, that only you know", width=30)
    assert text.splitlines() == [
        "You need:",
        "",
        "• your bank card",
        "• your PIN: a secret number,",
        "  often four digits, that only",
        "  you know",
    ]


def test_numbered_items_keep_their_numbers_and_ascii_mode_has_an_ascii_bullet() -> None:
    assert shown("1. Insert the card\n2. Type the PIN") == "1. Insert the card\n2. Type the PIN"
    assert shown("- Take the card\n  back first", bullet="-") == "- Take the card back first"


def test_emphasis_becomes_styles_and_a_link_is_only_text() -> None:
    text = inline("Press **Enter**, then *wait*; see [the bank](https://northway.example) or `0000`")
    assert text.plain == "Press Enter, then wait; see the bank (https://northway.example) or 0000"
    styles = {text.plain[span.start:span.end]: str(span.style) for span in text.spans}
    assert styles["Enter"] == "bold" and styles["wait"] == "italic" and styles["0000"] == "bold reverse"
    assert "link" not in str(styles)  # no clickable link: a kiosk never opens one


def test_headings_are_bold_lines() -> None:
    renderable = lesson_text("# Before you start\nRead this.", "•")
    heading = renderable.renderables[0]
    assert isinstance(heading, Text) and heading.plain == "Before you start" and "bold" in str(heading.spans[0].style)


def test_author_text_is_never_read_as_rich_markup() -> None:
    assert shown("[bold]not bold[/bold] and [link=file:///etc/passwd]x[/link]", width=80) == (
        "[bold]not bold[/bold] and [link=file:///etc/passwd]x[/link]"
    )


def test_every_shipped_info_step_shows_without_markdown_left_over() -> None:
    for lesson in load_catalog().lessons.values():
        for step in lesson.steps:
            if isinstance(step, InfoStep):
                text = shown(step.text, width=78)
                assert "**" not in text and "`" not in text, (lesson.id, step.id, text)
