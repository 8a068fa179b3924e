"""Stored lesson outputs are what tools/run_lessons.py writes, and lessons stay thin."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from tests.conftest import lesson_files, read_notebook
from widgets.lesson import SHOWN

MAX_OUTPUT_BYTES = 200_000
MAX_NOTEBOOK_BYTES = 1_000_000
LESSONS = lesson_files()


def code_cells(path: Path) -> list[dict[str, object]]:
    notebook = read_notebook(path)
    return [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]  # type: ignore[attr-defined,index]


def source(cell: dict[str, object]) -> str:
    text = cell["source"]
    return "".join(text) if isinstance(text, list) else str(text)


def test_there_are_lessons() -> None:
    assert len(LESSONS) >= 2


@pytest.mark.parametrize("path", LESSONS, ids=lambda path: path.stem)
class TestHygiene:
    def test_execution_counts_run_one_to_n(self, path: Path) -> None:
        counts = [cell["execution_count"] for cell in code_cells(path)]
        assert counts == list(range(1, len(counts) + 1)), "re-run: ./course lessons"

    def test_no_error_or_stderr_outputs(self, path: Path) -> None:
        for number, cell in enumerate(code_cells(path), start=1):
            for output in cell["outputs"]:  # type: ignore[attr-defined]
                assert output["output_type"] != "error", f"code cell {number} stored an error"
                assert output.get("name") != "stderr", f"code cell {number} wrote to stderr"

    def test_no_saved_widget_state(self, path: Path) -> None:
        assert "widgets" not in read_notebook(path)["metadata"]  # type: ignore[operator]

    def test_outputs_are_small(self, path: Path) -> None:
        assert path.stat().st_size < MAX_NOTEBOOK_BYTES
        for number, cell in enumerate(code_cells(path), start=1):
            size = len(json.dumps(cell["outputs"]))
            assert size < MAX_OUTPUT_BYTES, f"code cell {number} outputs {size} bytes"

    def test_outputs_hold_no_machine_paths(self, path: Path) -> None:
        text = json.dumps([cell["outputs"] for cell in code_cells(path)])
        assert not re.search(r"(/tmp/|/root/|/work/|/home/|[A-Z]:\\\\)", text)

    def test_code_cells_define_nothing_and_reach_nowhere(self, path: Path) -> None:
        for number, cell in enumerate(code_cells(path), start=1):
            text = source(cell)
            tree = ast.parse(text)
            defined = [
                node
                for node in ast.walk(tree)
                if isinstance(
                    node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Lambda
                )
            ]
            assert not defined, f"code cell {number}: put functions and classes in widgets/"
            for banned in ("sys.path", "%run", "../", "exec(", "eval("):
                assert banned not in text, f"code cell {number} uses {banned!r}"

    def test_code_cells_are_short_calls(self, path: Path) -> None:
        for number, cell in enumerate(code_cells(path), start=1):
            lines = [line for line in source(cell).splitlines() if line.strip()]
            assert len(lines) <= 4, (
                f"code cell {number} has {len(lines)} lines: move logic to widgets/"
            )

    def test_code_cells_show_only_what_widgets_lesson_offers(self, path: Path) -> None:
        # The lesson's source list is computed from the names in widgets.lesson.SHOWN, so a
        # lesson that reached into the package another way could show uncounted citations.
        for number, cell in enumerate(code_cells(path), start=1):
            for node in ast.walk(ast.parse(source(cell))):
                if isinstance(node, ast.Import | ast.ImportFrom):
                    module = node.module if isinstance(node, ast.ImportFrom) else None
                    assert module == "widgets.lesson", (
                        f"code cell {number}: import what a lesson shows from widgets.lesson"
                    )
                if isinstance(node, ast.Call):
                    called = ast.unparse(node.func)
                    assert called in SHOWN, (
                        f"code cell {number}: {called}() is not in widgets.lesson"
                    )
