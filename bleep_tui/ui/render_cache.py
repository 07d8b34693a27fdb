"""Closed screens leave nothing behind: a fix for a cache in Textual 8 that keeps every widget's drawing.

`textual._styles_cache.StylesCache.get_inner_outer` is an `lru_cache` on a method, so each entry's key
holds the StylesCache of the widget that asked, and with it the lines that widget last drew. Up to
1024 widgets stay in memory after they are gone: a lesson's steps, a profile opened and closed. Over a
session that was 0.5 MB a lesson and 37 KB a profile opened. The colours are the only real key.
"""

from __future__ import annotations

import gc
from functools import lru_cache
from typing import Any

from textual._styles_cache import StylesCache

_textual_inner_outer = getattr(StylesCache.get_inner_outer, "__wrapped__", None)


@lru_cache(maxsize=1024)
def _inner_outer(base_background: object, background: object) -> object:
    assert _textual_inner_outer is not None
    return _textual_inner_outer(None, base_background, background)  # it does not use its first argument


def keep_no_closed_widgets() -> None:
    """Key the cache on the colours alone. Does nothing on a Textual where the method is not cached so."""
    if _textual_inner_outer is not None:
        StylesCache.get_inner_outer = lambda self, base_background, background: _inner_outer(base_background, background)  # type: ignore[method-assign]


_malloc_trim: Any = None


def give_back_freed_memory() -> None:
    """Collect what a closed screen left and hand the freed memory back to the system.

    The C library keeps memory a program freed for its next use, so each session would stay as large
    as it ever was; on a server running a hundred sessions that is what fills the memory. Does only
    the collection where the C library is not glibc.
    """
    global _malloc_trim
    gc.collect()
    if _malloc_trim is None:
        import ctypes

        try:
            _malloc_trim = ctypes.CDLL("libc.so.6").malloc_trim
        except (OSError, AttributeError):
            _malloc_trim = False
    if _malloc_trim:
        _malloc_trim(0)
