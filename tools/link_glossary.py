"""Link each glossary term where it first appears in a lesson to its entry in lesson 00.

    python tools/link_glossary.py                 # every teaching lesson (01 to 09)
    python tools/link_glossary.py lessons/03-why-it-forms.ipynb
    python tools/link_glossary.py --check         # write nothing; exit 1 if a lesson would change

Only markdown cells change (``widgets.glossary.links`` says where links go and why running it
again changes nothing); outputs are not touched, so the lesson needs no re-run.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

import nbformat

from widgets.glossary.lessons import linked_lessons, linked_markdown
from widgets.paths import lesson_notebook


def lesson_paths(requested: Sequence[str]) -> list[Path]:
    if not requested:
        return [lesson_notebook(stem) for stem in linked_lessons()]
    paths = [Path(name).resolve() for name in requested]
    missing = [str(path) for path in paths if not path.is_file()]
    if missing:
        raise SystemExit(f"link_glossary: no such lesson file: {', '.join(missing)}")
    return paths


def relink(path: Path, *, write: bool) -> bool:
    """Whether the lesson's links change; with ``write``, save the linked lesson."""
    before, after = linked_markdown(path)
    if before == after:
        return False
    if write:
        # nbformat's read/write carry no annotations.
        notebook = nbformat.read(path, as_version=4)  # type: ignore[no-untyped-call]
        markdown = [cell for cell in notebook.cells if cell.cell_type == "markdown"]
        for cell, text in zip(markdown, after, strict=True):
            cell.source = text
        nbformat.write(notebook, path)  # type: ignore[no-untyped-call]
    return True


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("lessons", nargs="*", help="lesson files (default: lessons 01 to 09)")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 on changes")
    args = parser.parse_args(argv)
    changed = [path for path in lesson_paths(args.lessons) if relink(path, write=not args.check)]
    for path in changed:
        verb = "would link" if args.check else "linked"
        print(f"{verb} {path.name}", file=sys.stderr if args.check else sys.stdout)
    return 1 if args.check and changed else 0


if __name__ == "__main__":
    raise SystemExit(main())
