"""The text of an info step, from the small part of Markdown lessons use (docs/authoring.md).

Paragraphs, headings (`#`), lists (`-`, `*` or `1.`, nested by indenting), **bold**, *italic*,
`code`, and ``` blocks shown exactly as written (a statement, a receipt). A link shows its text
and its address, and is never a link. Textual's Markdown widget would do more, but costs 3 MB in
every session and many widgets per screen; this is a few Rich renderables, and what an author
wrote is never read as markup.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from bleep_tui.content.markdown import HEADING, INLINE, ITEM


def inline(source: str) -> Text:
    """One paragraph's words with their emphasis."""
    text = Text()
    position = 0
    for match in INLINE.finditer(source):
        text.append(source[position:match.start()])
        if words := match.group("bold") or match.group("bold2"):
            text.append(words, style="bold")
        elif words := match.group("code"):
            text.append(words, style="bold reverse")
        elif words := match.group("italic") or match.group("italic2"):
            text.append(words, style="italic")
        else:
            text.append(f"{match.group('link')} ({match.group('url')})", style="underline")
        position = match.end()
    text.append(source[position:])
    return text


def lesson_text(source: str, bullet: str) -> RenderableType:
    """`source` as paragraphs and lists, one blank line between blocks; list items wrap under their text."""
    blocks: list[RenderableType] = []
    paragraph: list[str] = []
    items: list[tuple[int, str, list[str]]] = []  # indent, marker, lines

    def end_paragraph() -> None:
        if paragraph:
            blocks.append(inline(" ".join(paragraph)))
            paragraph.clear()

    def end_list() -> None:
        if items:
            blocks.append(_list(items, bullet))
            items.clear()

    fence: list[str] | None = None  # the lines of a ``` block: shown as they are, a table or a screen
    for line in source.splitlines():
        if line.strip().startswith("```"):
            if fence is None:
                end_paragraph()
                end_list()
                fence = []
            else:
                blocks.append(Text("\n".join(fence), no_wrap=True, overflow="crop"))
                fence = None
        elif fence is not None:
            fence.append(line)
        elif not line.strip():
            end_paragraph()
            end_list()
        elif item := ITEM.fullmatch(line.rstrip()):
            end_paragraph()
            items.append((len(item.group("indent")), item.group("marker"), [item.group("text")]))
        elif items and line.startswith(" "):
            items[-1][2].append(line.strip())  # a list item that goes on over the next line
        elif heading := HEADING.fullmatch(line.strip()):
            end_paragraph()
            end_list()
            title = inline(heading.group("text"))
            title.stylize("bold")
            blocks.append(title)
        else:
            end_list()
            paragraph.append(line.strip())
    if fence is not None:
        blocks.append(Text("\n".join(fence), no_wrap=True, overflow="crop"))
    end_paragraph()
    end_list()
    spaced: list[RenderableType] = []
    for block in blocks:
        if spaced:
            spaced.append(Text())
        spaced.append(block)
    return Group(*spaced)


def _list(items: list[tuple[int, str, list[str]]], bullet: str) -> Table:
    grid = Table.grid(padding=(0, 1, 0, 0))
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    lowest = min(indent for indent, _, _ in items)
    for indent, marker, lines in items:
        shown = marker if marker[0].isdigit() else bullet
        grid.add_row(Text(" " * (indent - lowest) + shown), inline(" ".join(lines)))
    return grid
