"""Closed screens leave nothing behind: a fix for a cache in Textual 8 that keeps every widget's drawing.

`textual._styles_cache.StylesCache.get_inner_outer` is an `lru_cache` on a method, so each entry's key
holds the StylesCache of the widget that asked, and with it the lines that widget last drew. Up to
1024 widgets stay in memory after they are gone: a lesson's steps, a profile opened and closed. Over a
session that was 0.5 MB a lesson and 37 KB a profile opened. The colours are the only real key.
"""

from __future__ import annotations

from functools import lru_cache

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
