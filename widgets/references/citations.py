"""Finding the numbered citations, such as ``[1]`` or ``[3, 4, 17]``, in lesson text."""

from __future__ import annotations

import json
import re
from pathlib import Path

from widgets.loading import ContentError

#: A citation is a bracketed, comma-separated list of reference numbers that is not a link text.
CITATION = re.compile(r"\[(\d+(?:\s*,\s*\d+)*)\](?!\()")


def cited_numbers(text: str) -> list[int]:
    """Reference numbers cited in ``text``, in order of first appearance, without repeats."""
    seen: dict[int, None] = {}
    for match in CITATION.finditer(text):
        for number in match.group(1).split(","):
            seen.setdefault(int(number), None)
    return list(seen)


def cells_of(notebook: Path, kind: str) -> list[str]:
    """The source text of every ``kind`` ("markdown" or "code") cell of a notebook, in order."""
    try:
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        return [
            "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            for cell in cells
            if cell.get("cell_type") == kind
        ]
    except FileNotFoundError:
        raise ContentError(notebook, "lesson notebook not found") from None
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise ContentError(notebook, f"is not a readable notebook ({error})") from None


def content_citations(data: object) -> list[int]:
    """Reference numbers in parsed content (YAML) data, in order of first appearance.

    They are the numbers under every ``refs`` key, every whole-number ``source`` (a data table's
    row) and every ``[n]`` citation written in the text.
    """
    found: dict[int, None] = {}
    stack = [data]
    while stack:
        item = stack.pop(0)
        if isinstance(item, dict):
            refs = item.get("refs")
            if isinstance(refs, list):
                found.update((n, None) for n in refs if isinstance(n, int))
            source = item.get("source")
            if isinstance(source, int) and not isinstance(source, bool):
                found[source] = None
            stack.extend(value for key, value in item.items() if key != "refs")
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, str):
            found.update((n, None) for n in cited_numbers(item))
    return list(found)
