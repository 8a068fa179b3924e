"""Re-execute every lesson in a fresh kernel, in order, and save the outputs.

This is the only way lesson outputs change. Each lesson runs in its own new kernel with the
``lessons/`` folder as working directory; saved widget state and timing metadata are dropped so
that the stored notebook holds only what strict nbval compares.

    python tools/run_lessons.py                 # every lesson
    python tools/run_lessons.py lessons/01-*.ipynb

A lesson that fails stops the run with the lesson's name, the cell number and the error; that
lesson's file is left as it was.

It also writes each cell's slide metadata for ``./course slides`` (Voila's reveal template): a
new slide at every markdown cell that opens with a level-1 or level-2 heading (the lesson's title
and its sections); every other cell continues the slide before it.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

ROOT = Path(__file__).resolve().parent.parent
LESSONS = ROOT / "lessons"
#: Environment every lesson runs under, so outputs do not depend on the developer's shell.
LESSON_ENV = {"PYTHONHASHSEED": "0", "TZ": "UTC"}
KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
CELL_TIMEOUT_S = 300


class LessonExecutionError(RuntimeError):
    """A lesson raised while executing; the message names the lesson and the cell."""


def lesson_paths(requested: Sequence[str]) -> list[Path]:
    if not requested:
        return sorted(LESSONS.glob("[0-9][0-9]-*.ipynb"))
    paths = [Path(name).resolve() for name in requested]
    missing = [str(path) for path in paths if not path.is_file()]
    if missing:
        raise SystemExit(f"run_lessons: no such lesson file: {', '.join(missing)}")
    return sorted(paths)


def failed_cell(notebook: nbformat.NotebookNode) -> tuple[int, str]:
    """The 1-based code-cell number and first source line of the cell holding an error."""
    code_cells = [cell for cell in notebook.cells if cell.cell_type == "code"]
    for number, cell in enumerate(code_cells, start=1):
        if any(output.get("output_type") == "error" for output in cell.get("outputs", [])):
            first_line = (cell.source.splitlines() or [""])[0]
            return number, first_line
    return 0, ""


def slide_type(cell: nbformat.NotebookNode) -> str | None:
    """The cell's reveal.js slide type: "slide" where a section opens, else None (the cell
    continues the slide before it)."""
    if cell.cell_type != "markdown":
        return None
    first = (cell.source.lstrip().splitlines() or [""])[0]
    return "slide" if first.startswith(("# ", "## ")) else None


def mark_slides(notebook: nbformat.NotebookNode) -> None:
    """Write every cell's ``slideshow`` metadata from ``slide_type``."""
    for cell in notebook.cells:
        kind = slide_type(cell)
        if kind is None:
            cell.metadata.pop("slideshow", None)
        else:
            cell.metadata["slideshow"] = {"slide_type": kind}


def execute(path: Path) -> nbformat.NotebookNode:
    """Run ``path`` in a fresh kernel and return the executed, cleaned notebook."""
    # nbformat's read/write carry no annotations.
    notebook: nbformat.NotebookNode = nbformat.read(path, as_version=4)  # type: ignore[no-untyped-call]
    notebook.metadata.pop("widgets", None)
    notebook.metadata["kernelspec"] = dict(KERNELSPEC)
    client = NotebookClient(
        notebook,
        kernel_name=KERNELSPEC["name"],
        timeout=CELL_TIMEOUT_S,
        resources={"metadata": {"path": str(path.parent)}},
        store_widget_state=False,
        record_timing=False,
    )
    progress = tempfile.TemporaryDirectory(prefix="tc-lesson-progress-")
    # A fresh, empty progress store: outputs never depend on anyone's saved answers.
    lesson_env = {**LESSON_ENV, "TC_DATA_DIR": progress.name}
    saved_env = {key: os.environ.get(key) for key in [*lesson_env, "TC_DATABASE_URL"]}
    os.environ.pop("TC_DATABASE_URL", None)
    os.environ.update(lesson_env)
    try:
        client.execute()
    except CellExecutionError as error:
        number, first_line = failed_cell(notebook)
        summary = str(error).strip().splitlines()[-1] if str(error).strip() else repr(error)
        raise LessonExecutionError(
            f"{path.name}: code cell {number} ({first_line!r}) failed: {summary}"
        ) from None
    finally:
        for key, value in saved_env.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        progress.cleanup()
    notebook.metadata.pop("widgets", None)
    notebook.metadata["language_info"] = {"name": "python"}
    mark_slides(notebook)
    return notebook


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("lessons", nargs="*", help="lesson files (default: every lesson)")
    args = parser.parse_args(argv)
    for path in lesson_paths(args.lessons):
        print(f"running {path.name} ...", flush=True)
        try:
            notebook = execute(path)
        except LessonExecutionError as error:
            print(f"run_lessons: {error}", file=sys.stderr)
            return 1
        nbformat.write(notebook, path)  # type: ignore[no-untyped-call]
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
