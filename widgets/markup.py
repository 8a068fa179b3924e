"""Small, safe HTML pieces shared by everything the course renders: emphasis and citations."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

_STRONG = re.compile(r"\*\*(.+?)\*\*")
_EMPHASIS = re.compile(r"\*(.+?)\*")


def inline(text: str) -> str:
    """Escape ``text`` for HTML, then turn ``**bold**`` and ``*italic*`` into tags.

    Content files use the asterisks for gene names (*GALNT3*) and journal titles.
    """
    escaped = html.escape(text, quote=False)
    escaped = _STRONG.sub(r"<strong>\1</strong>", escaped)
    return _EMPHASIS.sub(r"<em>\1</em>", escaped)


def citation(numbers: Iterable[int]) -> str:
    """``[3, 4]`` as HTML, marked so that readers and tests can find it."""
    listed = ", ".join(str(n) for n in numbers)
    return f'<span class="tc-cite">[{listed}]</span>' if listed else ""
