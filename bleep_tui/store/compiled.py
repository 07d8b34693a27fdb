"""The content compiled to one JSON file in the data folder, so a session starts without reading YAML.

Reading the lesson files costs every session about 0.3 s of CPU and 3 MB of memory: PyYAML, the
parsers, and what parsing leaves behind. The first session after an install or an update reads
them and writes `cache/content.json`; later sessions read that while no source has changed (the
lesson and achievement files and BLEEP's own content code, compared by size and time).

Only BLEEP's own dataclasses are rebuilt from the file, never pickle, and only when the file's
checksum (CRC-32 of the content as written) still matches: a damaged or altered file, or any error
while rebuilding from it, makes BLEEP read the lesson files again. The folder can be deleted at any time.
"""

from __future__ import annotations

import dataclasses
import importlib
import json
import re
import zlib
from pathlib import Path
from typing import Any, Callable, Iterable, TypeVar

from bleep_tui.content.shipped import Content, content_sources, load_content
from bleep_tui.content.translated import content_translation, translation_sources
from bleep_tui.i18n import LOCALE_DIR, SOURCE_LANGUAGE
from bleep_tui.store.files import atomic_write, ensure_private_dir, remove_stray_temp_files

FORMAT = 2  # 2: the content carries its checksum
CACHE_FILE = Path("cache") / "content.json"
OWN_MODULES = ("bleep_tui.core.", "bleep_tui.content.")  # the only classes the file may name

LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(_[A-Z]{2})?")  # a language's folder in the locale folder, nothing else
T = TypeVar("T")


class NotCompiled(ValueError):
    """The file does not hold what this BLEEP would have written."""


def shipped_content(data_dir: Path, language: str = SOURCE_LANGUAGE) -> Content:
    """The shipped lessons, levels and achievements in `language` as far as they are translated (else in
    English), from the compiled file when it is up to date: one file per language."""
    if language == SOURCE_LANGUAGE or not LANGUAGE_CODE.fullmatch(language) or not translation_sources(LOCALE_DIR, language)[0].is_file():
        return compiled(data_dir / CACHE_FILE, content_sources(), load_content)

    def build() -> Content:
        return load_content(translation=content_translation(LOCALE_DIR, language))

    cache_file = data_dir / CACHE_FILE.with_name(f"content-{language}.json")
    return compiled(cache_file, [*content_sources(), *translation_sources(LOCALE_DIR, language)], build)


def fingerprint(sources: Iterable[Path]) -> list[Any]:
    """What the compiled file was made from, as it reads back from JSON: compared, not hashed (hashlib costs 0.6 MB)."""
    return [FORMAT] + [[str(path), stat.st_size, stat.st_mtime_ns] for path, stat in sorted((p, p.stat()) for p in sources)]


def compiled(cache_file: Path, sources: Iterable[Path], build: Callable[[], T]) -> T:
    """What `build()` returned when `sources` were last as they are now; else `build()`, saved for next time.

    Errors of `build` are its own; the cache never stops it (unreadable, damaged or unwritable: BLEEP builds).
    """
    try:
        stamp = fingerprint(sources)
    except OSError:
        return build()
    try:
        return load(cache_file.read_bytes(), stamp)
    except Exception:  # noqa: BLE001 - missing, damaged, altered or from another version: read the sources
        pass
    built = build()
    try:
        ensure_private_dir(cache_file.parent)
        remove_stray_temp_files(cache_file)
        atomic_write(cache_file, dump(built, stamp))
    except OSError:
        pass  # a full or read-only disk: the next session reads the lesson files again
    return built


def encode(value: Any, kinds: dict[type, int]) -> Any:
    """`value` as JSON: tuples as arrays, BLEEP's dataclasses as {"@": number in `kinds`, field: value}."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        kind = kinds.setdefault(type(value), len(kinds))
        return {"@": kind, **{field.name: encode(getattr(value, field.name), kinds) for field in dataclasses.fields(value)}}
    if isinstance(value, tuple):
        return [encode(item, kinds) for item in value]
    if isinstance(value, list):
        return {"@list": [encode(item, kinds) for item in value]}
    if isinstance(value, dict) and all(isinstance(key, str) for key in value):
        return {"@dict": {key: encode(item, kinds) for key, item in value.items()}}
    if isinstance(value, Path):
        return {"@path": str(value)}
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"cannot compile a {type(value).__name__}")


def decode(value: Any, kinds: list[type]) -> Any:
    if isinstance(value, list):
        return tuple(decode(item, kinds) for item in value)
    if not isinstance(value, dict):
        return value
    if "@list" in value:
        return [decode(item, kinds) for item in value["@list"]]
    if "@dict" in value:
        return {key: decode(item, kinds) for key, item in value["@dict"].items()}
    if "@path" in value:
        return Path(value["@path"])
    kind = kinds[value.pop("@")]
    return kind(**{name: decode(item, kinds) for name, item in value.items()})


def dump(value: Any, fingerprint: list[Any]) -> str:
    """The first line: the fingerprint and the checksum of the second; the second: the content."""
    kinds: dict[type, int] = {}
    encoded = encode(value, kinds)
    names = [f"{kind.__module__}:{kind.__qualname__}" for kind in kinds]
    body = json.dumps({"kinds": names, "value": encoded}, ensure_ascii=False, separators=(",", ":"))
    head = json.dumps({"fingerprint": fingerprint, "crc32": zlib.crc32(body.encode("utf-8"))})
    return head + "\n" + body


def load(data: bytes, fingerprint: list[Any]) -> Any:
    """The content saved with `fingerprint`; NotCompiled when the file is stale, damaged or altered."""
    head_line, _, body = data.partition(b"\n")
    head = json.loads(head_line)
    if head["fingerprint"] != fingerprint:
        raise NotCompiled("made from other sources")
    if head["crc32"] != zlib.crc32(body):
        raise NotCompiled("its checksum does not match: damaged or altered")
    saved = json.loads(body)
    value = decode(saved["value"], [own_dataclass(name) for name in saved["kinds"]])
    if not dataclasses.is_dataclass(value):  # what BLEEP compiles is always one of its content records
        raise NotCompiled("it does not hold BLEEP's content")
    return value


def own_dataclass(name: str) -> type:
    module, _, qualname = name.partition(":")
    if not module.startswith(OWN_MODULES):
        raise NotCompiled(f"{name} is not one of BLEEP's classes")
    kind = getattr(importlib.import_module(module), qualname, None)
    if not (isinstance(kind, type) and dataclasses.is_dataclass(kind)):
        raise NotCompiled(f"{name} is not one of BLEEP's content classes")
    return kind
