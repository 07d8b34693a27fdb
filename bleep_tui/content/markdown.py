"""The small part of Markdown lessons use (docs/authoring.md), as patterns both front ends read it with."""

from __future__ import annotations

import re

ITEM = re.compile(r"(?P<indent> *)(?P<marker>[-*+]|\d{1,3}[.)]) +(?P<text>.*)")
HEADING = re.compile(r"#{1,6} +(?P<text>.*?)\s*#*\s*$")
INLINE = re.compile(
    r"\*\*(?P<bold>.+?)\*\*|__(?P<bold2>.+?)__|`(?P<code>[^`]+)`"
    r"|\*(?P<italic>[^*\s][^*]*?)\*|(?<!\w)_(?P<italic2>[^_\s][^_]*?)_(?!\w)"
    r"|\[(?P<link>[^\]]+)\]\((?P<url>[^)\s]+)\)"
)
