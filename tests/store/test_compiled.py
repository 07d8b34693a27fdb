"""The compiled content: the same lessons as the YAML files, rebuilt whenever a source changes, never trusted blindly."""

import json
import shutil
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from bleep_tui.content.catalog import load_catalog, shipped_dir
from bleep_tui.content.shipped import content_sources, load_content
from bleep_tui.store.compiled import CACHE_FILE, NotCompiled, compiled, dump, load, shipped_content


def test_the_compiled_content_is_the_content_of_the_lesson_files(data_dir: Path) -> None:
    written = shipped_content(data_dir)
    assert (data_dir / CACHE_FILE).is_file()
    read_back = shipped_content(data_dir)
    assert read_back == written == load_content()
    assert read_back is not written
    assert oct((data_dir / CACHE_FILE).stat().st_mode & 0o777) == "0o600"


def test_the_content_comes_back_from_its_compiled_text_exactly_and_only_with_its_fingerprint() -> None:
    """In one process, what the session of the test above does: the real content, saved and read back, not rebuilt."""
    content = load_content()
    text = dump(content, ["sources as they are"]).encode("utf-8")
    assert load(text, ["sources as they are"]) == content
    with pytest.raises(NotCompiled, match="made from other sources"):
        load(text, ["sources changed"])
    with pytest.raises(NotCompiled, match="checksum"):
        load(text.replace(b"one-time code", b"one-time cod3", 1), ["sources as they are"])


def test_a_session_that_starts_from_the_compiled_content_reads_no_yaml(data_dir: Path) -> None:
    code = (
        "import sys\nfrom pathlib import Path\nfrom bleep_tui.store.compiled import shipped_content\n"
        f"content = shipped_content(Path({str(data_dir)!r}))\n"
        "print(len(content.catalog.lessons), 'yaml' in sys.modules)"
    )
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    second = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    lessons = str(len(load_content().catalog.lessons))
    assert first == [lessons, "True"]  # the first session after an install reads the files and compiles them
    assert second == [lessons, "False"]


def copied_lessons(tmp_path: Path) -> Path:
    folder = tmp_path / "lessons"
    shutil.copytree(shipped_dir("lessons"), folder)
    return folder


def test_a_changed_lesson_file_is_read_again(tmp_path: Path) -> None:
    folder = copied_lessons(tmp_path)
    cache = tmp_path / "cache.json"
    catalog = lambda: compiled(cache, list(folder.rglob("*.yaml")), lambda: load_catalog(folder))  # noqa: E731
    assert "Cash from a machine" not in [lesson.title for lesson in catalog().lessons.values()]
    path = folder / "money" / "atm-withdraw-cash.yaml"
    text = path.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title:"))
    path.write_text(text.replace(title, "title: Cash from a machine"), encoding="utf-8")
    assert "Cash from a machine" in [lesson.title for lesson in catalog().lessons.values()]
    assert catalog() == load_catalog(folder)


def parts(cache: Path) -> tuple[dict, dict]:
    head, body = cache.read_bytes().split(b"\n", 1)
    return json.loads(head), json.loads(body)


def rewrite(cache: Path, head: dict, body: dict | bytes, *, fix_checksum: bool) -> None:
    """Write the cache as someone with access to the file would: the checksum kept, or made to match."""
    data = body if isinstance(body, bytes) else json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
    if fix_checksum:
        head = {**head, "crc32": zlib.crc32(data)}
    cache.write_bytes(json.dumps(head).encode() + b"\n" + data)


def test_a_damaged_file_is_rebuilt(tmp_path: Path) -> None:
    cache = tmp_path / "cache.json"
    sources = content_sources()
    compiled(cache, sources, load_content)
    cache.write_bytes(cache.read_bytes()[: 5000])
    assert compiled(cache, sources, load_content) == load_content()
    parts(cache)  # written whole again


def test_one_changed_byte_with_the_fingerprint_intact_never_changes_what_learners_see(tmp_path: Path) -> None:
    cache = tmp_path / "cache.json"
    sources = content_sources()
    compiled(cache, sources, load_content)
    data = cache.read_bytes()
    where = data.index(b"40.00")
    cache.write_bytes(data[:where] + b"44.00" + data[where + 5:])
    assert compiled(cache, sources, load_content) == load_content()
    assert b"44.00" not in cache.read_bytes()


@pytest.mark.parametrize("damage", ["a class number past the end", "a field that does not exist", "a list for a dataclass"])
def test_content_that_cannot_be_rebuilt_means_reading_the_lesson_files_never_a_crash(tmp_path: Path, damage: str) -> None:
    cache = tmp_path / "cache.json"
    sources = content_sources()
    compiled(cache, sources, load_content)
    head, body = parts(cache)
    if damage == "a class number past the end":
        body["value"]["@"] = len(body["kinds"]) + 5
    elif damage == "a field that does not exist":
        body["value"]["no_such_field"] = 1
    else:
        body["value"] = [1, 2, 3]
    rewrite(cache, head, body, fix_checksum=True)
    assert compiled(cache, sources, load_content) == load_content()


def test_temp_files_left_by_a_killed_compile_are_cleaned_up(tmp_path: Path) -> None:
    cache = tmp_path / "cache.json"
    stray = tmp_path / ".cache.json.123-dead.tmp"
    stray.write_text("{half")
    compiled(cache, content_sources(), load_content)
    assert not stray.exists()


@pytest.mark.parametrize("kind, fields", [
    ("subprocess:Popen", {"args": ["touch", "owned"]}),
    ("textual.binding:Binding", {"key": "q", "action": "quit"}),  # a dataclass, but not BLEEP's
])
def test_a_file_that_names_a_class_outside_bleep_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str, fields: dict) -> None:
    """Someone who could write the file still cannot make BLEEP build anything but its own content."""
    monkeypatch.chdir(tmp_path)
    cache = tmp_path / "cache.json"
    sources = content_sources()
    compiled(cache, sources, load_content)
    head, saved = parts(cache)
    saved["kinds"][0] = kind
    saved["value"] = {"@": 0, **fields}
    rewrite(cache, head, saved, fix_checksum=True)
    assert compiled(cache, sources, load_content) == load_content()
    assert not (tmp_path / "owned").exists()


def test_when_the_cache_cannot_be_written_the_content_is_still_read(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    content = compiled(blocker / "cache" / "content.json", content_sources(), load_content)
    assert content == load_content()


def test_every_source_of_the_content_is_watched() -> None:
    sources = {path.relative_to(shipped_dir("lessons").parent) for path in content_sources()}
    assert Path("lessons/money/atm-withdraw-cash.yaml") in sources
    assert Path("achievements/levels.yaml") in sources
    assert Path("bleep_tui/content/lessons.py") in sources  # the parser: a new BLEEP reads the files again
    assert Path("bleep_tui/core/sims/atm.py") in sources
    assert not any("__pycache__" in path.parts for path in sources)
