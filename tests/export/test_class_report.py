"""`bleep export --format html`: a class report on one self-contained page, every typed value escaped, that prints."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from bleep_tui.core.events import Event
from bleep_tui.core.reports import LearnerData, LessonInfo, Selection
from bleep_tui.export.class_report import class_report_html
from bleep_tui.store.accounts import AccountStore

from .test_exports import LEVELS, bleep, finished_run

LESSONS = {
    "pay": LessonInfo("pay", "Pay by card", "Money", (("s1", "Which card?"),)),
    "atm": LessonInfo("atm", "Take cash", "Money", (("s1", "Your PIN"),)),
    "mail": LessonInfo("mail", "Reply to an email", "Communication"),
}
HOSTILE = "<script>alert(1)</script> [b]bold[/b]"


class Page(HTMLParser):
    """What a browser would make of the page: its elements, attributes and text."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []
        self.text: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += attrs

    def handle_data(self, data: str) -> None:
        self.text.append(data)


@pytest.fixture
def learners() -> list[LearnerData]:
    ana = LearnerData("ana", HOSTILE, tuple(finished_run("pay", "r1", "2026-03-02", 80, 2, 30)), groups=("Wing <B>",))
    bob_events = finished_run("atm", "r2", "2026-03-02", 100, 3, 40)
    bob = LearnerData("bob", "Bob", tuple(bob_events[:1] + [Event("answered", "2026-03-02T10:01:00+00:00", lesson="atm", run="r2", step="s1", correct=True, try_number=1)] + bob_events[2:]))
    return [ana, bob]


def report(learners: list[LearnerData], selection: Selection = Selection("Wing <B>", date(2026, 3, 1))) -> str:
    return class_report_html(learners, LESSONS, LEVELS, selection, date(2026, 3, 5))


def test_the_report_shows_progress_per_module_the_hardest_steps_and_each_learner(learners: list[LearnerData]) -> None:
    text = " ".join(" ".join(Page(report(learners)).text).split())
    assert "Group Wing <B>, 2026-03-01 to 2026-03-05. 2 learners. Made on 2026-03-05." in text
    assert "Money 50% 2 of 4 lessons finished" in text and "Communication 0% 0 of 2 lessons finished" in text
    assert "Hardest steps Lesson Step Right at the first try Learners Hints Pay by card Which card? 0% 1 0 Take cash Your PIN 100% 1 0" in text
    assert f"{HOSTILE} (ana) - Wing <B>" in text and "Pay by card finished 80% 2 1" in text
    assert "Bob (bob)" in text and "Take cash finished 100% 3 1" in text


def test_typed_text_is_escaped_and_the_page_needs_nothing_from_outside(learners: list[LearnerData]) -> None:
    page = report(learners)
    parsed = Page(page)
    assert "script" not in parsed.tags and "<script>" not in page
    assert set(parsed.tags) <= {"html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "p", "table", "tr", "th", "td", "section", "svg", "rect"}
    assert not [value for name, value in parsed.attributes if name in ("src", "href", "xlink:href") or name.startswith("on")]
    assert "url(" not in page and "@import" not in page
    assert HOSTILE in "".join(parsed.text)  # shown literally, brackets and all


def test_the_module_bars_are_as_long_as_the_share_finished(learners: list[LearnerData]) -> None:
    page = report(learners)
    assert 'aria-label="50%"><rect width="240" height="12" fill="#ddd" stroke="#000" stroke-width="1"/><rect width="120"' in page
    assert 'aria-label="0%"><rect width="240" height="12" fill="#ddd" stroke="#000" stroke-width="1"/><rect width="0"' in page


def test_export_cli_writes_the_report_of_one_group(data_dir: Path, tmp_path: Path) -> None:
    accounts = AccountStore(data_dir)
    accounts.add("A1024", HOSTILE[:40], "1234", groups=["Wing B"])
    accounts.add("A1025", "Outside the group", "1234")
    out = tmp_path / "report.html"
    result = bleep("--data-dir", str(data_dir), "export", "--format", "html", "--group", "wing b", "--out", str(out))
    assert result.returncode == 0, result.stderr
    text = " ".join(Page(out.read_text(encoding="utf-8")).text)
    assert "Group Wing B" in text and "1 learner" in text and "Outside the group" not in text
    assert HOSTILE[:40] in text and "<script>" not in out.read_text(encoding="utf-8")


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(not (CHROMIUM and shutil.which("pdftotext") and shutil.which("pdfinfo")), reason="needs chromium and poppler-utils (.ci/run installs them)")
def test_chromium_prints_the_report_of_a_small_class_on_one_a4_page(learners: list[LearnerData], tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_text(report(learners), encoding="utf-8")
    pdf = tmp_path / "report.pdf"
    subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={tmp_path / 'profile'}",
         "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri()],
        capture_output=True, timeout=120, check=True,
    )
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "Pages:           1" in info
    assert re.search(r"Page size: .*\(A4\)", info), info
    text = " ".join(subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split())
    assert "Class report" in text and "Hardest steps" in text
    assert "<script>alert(1)</script> [b]bold[/b] (ana)" in text
