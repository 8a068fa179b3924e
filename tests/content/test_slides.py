"""Every lesson's slides (``./course slides``) break at its title and sections, as
``tools/run_lessons.py`` writes them, never by hand."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from tests.conftest import ROOT, lesson_files, tool


def slide_types(notebook: nbformat.NotebookNode) -> list[str | None]:
    return [cell.metadata.get("slideshow", {}).get("slide_type") for cell in notebook.cells]


@pytest.mark.parametrize("path", lesson_files(), ids=lambda path: path.stem)
def test_each_lesson_s_slides_are_those_run_lessons_writes(path: Path) -> None:
    stored = nbformat.read(path, as_version=4)  # type: ignore[no-untyped-call]
    expected = nbformat.read(path, as_version=4)  # type: ignore[no-untyped-call]
    tool("run_lessons").mark_slides(expected)
    assert slide_types(stored) == slide_types(expected), (
        f"{path.name}: run ./course lessons {path.relative_to(ROOT)} to write its slides"
    )
    assert slide_types(stored)[0] == "slide"  # the title opens the first slide
    assert slide_types(stored).count("slide") >= 3  # a section per slide, not one long page


def test_a_section_heading_opens_a_slide_and_other_cells_continue_it() -> None:
    run_lessons = tool("run_lessons")
    notebook = nbformat.v4.new_notebook()  # type: ignore[no-untyped-call]
    notebook.cells = [
        nbformat.v4.new_markdown_cell("# Title\n\ntext"),  # type: ignore[no-untyped-call]
        nbformat.v4.new_code_cell("quiz()"),  # type: ignore[no-untyped-call]
        nbformat.v4.new_markdown_cell("### Try this"),  # type: ignore[no-untyped-call]
        nbformat.v4.new_markdown_cell("\n## Section"),  # type: ignore[no-untyped-call]
        nbformat.v4.new_markdown_cell("text ## not a heading"),  # type: ignore[no-untyped-call]
    ]
    notebook.cells[2].metadata["slideshow"] = {"slide_type": "fragment"}  # by hand: replaced
    run_lessons.mark_slides(notebook)
    assert slide_types(notebook) == ["slide", None, None, "slide", None]
