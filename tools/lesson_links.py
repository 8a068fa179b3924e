"""Write the previous / next links at the top and the bottom of every lesson.

    python tools/lesson_links.py                  # every lesson of assets/course.yaml
    python tools/lesson_links.py lessons/03-why-it-forms.ipynb
    python tools/lesson_links.py --check          # write nothing; exit 1 if a lesson would change

The links come from the catalogue's lesson order, numbers and titles; where they go and why
running it again changes nothing is ``widgets.course.lesson_links``. Only the tool's own markdown
cells change, outputs are not touched, so the lesson needs no re-run.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

import nbformat

from widgets.course.catalog import Lesson, load_course
from widgets.course.lesson_links import nav_line, with_lesson_links


def lesson_paths(requested: Sequence[str], lessons: Sequence[Lesson]) -> list[Path]:
    if not requested:
        return [lesson.notebook_path() for lesson in lessons]
    paths = [Path(name).resolve() for name in requested]
    missing = [str(path) for path in paths if not path.is_file()]
    if missing:
        raise SystemExit(f"lesson_links: no such lesson file: {', '.join(missing)}")
    known = {lesson.stem for lesson in lessons}
    unlisted = [path.name for path in paths if path.stem not in known]
    if unlisted:
        raise SystemExit(f"lesson_links: not in assets/course.yaml: {', '.join(unlisted)}")
    return paths


def relink(path: Path, lessons: Sequence[Lesson], *, write: bool) -> bool:
    """Whether the lesson's links change; with ``write``, save the lesson with them."""
    # nbformat's read/write carry no annotations.
    notebook = nbformat.read(path, as_version=4)  # type: ignore[no-untyped-call]
    cells = with_lesson_links(notebook.cells, nav_line(lessons, path.stem))
    if cells == notebook.cells:
        return False
    if write:
        notebook.cells = [nbformat.from_dict(cell) for cell in cells]  # type: ignore[no-untyped-call]
        nbformat.write(notebook, path)  # type: ignore[no-untyped-call]
    return True


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("lessons", nargs="*", help="lesson files (default: every lesson)")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 on changes")
    args = parser.parse_args(argv)
    lessons = [lesson for lesson in load_course().lessons if lesson.is_available()]
    paths = lesson_paths(args.lessons, lessons)
    changed = [path for path in paths if relink(path, lessons, write=not args.check)]
    for path in changed:
        verb = "would link" if args.check else "linked"
        print(f"{verb} {path.name}", file=sys.stderr if args.check else sys.stdout)
    return 1 if args.check and changed else 0


if __name__ == "__main__":
    raise SystemExit(main())
