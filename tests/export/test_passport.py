"""`bleep learners passport`: one printable A4 page, self-contained, learner text escaped, and Chromium prints it."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from bleep_tui.content.catalog import load_catalog
from bleep_tui.core.events import Event
from bleep_tui.store.learner import LearnerStore

NAME = '<script>alert("x")</script> Sam & [b]Co[/b]'
LESSON = "safety-one-time-codes"


def bleep(data: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "bleep_tui.cli", "--data-dir", str(data), *args], capture_output=True, text=True)


@pytest.fixture
def passport(tmp_path: Path) -> Path:
    """The passport of a learner with a name full of markup, who finished one lesson and earned a badge, from an installation with an issuer."""
    data = tmp_path / "data"
    store = LearnerStore(data)
    store.create(NAME)
    store.record(Event("lesson_started", "2026-10-01T10:00:00+00:00", lesson=LESSON, run="r1"))
    store.record(Event("lesson_finished", "2026-10-01T10:10:00+00:00", lesson=LESSON, run="r1", points=30, percent=95, stars=3))
    store.record(Event("achievement_earned", "2026-10-01T10:10:00+00:00", achievement="first-lesson", points=10))
    assert bleep(data, "issuer", "init", "--name", "Northfield Learning Centre", "--url", "https://learn.example.org").returncode == 0
    out = tmp_path / "passport.html"
    result = bleep(data, "learners", "passport", "me", "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out


def test_the_passport_escapes_the_learners_name_and_needs_nothing_from_outside(passport: Path) -> None:
    page = passport.read_text()
    assert "<script" not in page and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Sam &amp; [b]Co[/b]" in page
    assert not re.search(r"\b(src|href)\s*=|<link|<img|<iframe|url\(|@import", page)
    competences = {code for lesson in load_catalog().lessons.values() for code in lesson.competences}
    assert page.count("<svg") == page.count("<tr>") == len(competences)  # one bar per competence
    assert "size: A4" in page


def test_chromium_prints_the_passport_on_one_a4_page_with_its_text(passport: Path, tmp_path: Path) -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("Debian's chromium is not installed (.ci/run installs it)")
    pdf = tmp_path / "passport.pdf"
    subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", f"--user-data-dir={tmp_path / 'profile'}",
         f"--print-to-pdf={pdf}", passport.as_uri()],
        check=True, capture_output=True, timeout=180, env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    reader = PdfReader(pdf)
    assert len(reader.pages) == 1
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    text = " ".join(unicodedata.normalize("NFKC", reader.pages[0].extract_text()).split())  # "ﬁ" ligatures back to "fi"
    assert 'Skills passport: <script>alert("x")</script> Sam & [b]Co[/b]' in text  # shown as typed, never run
    assert "Protecting personal data and privacy" in text and "Never share a one-time code" in text
    assert "Northfield Learning Centre" in text and "credential urn:uuid:" in text
