"""Plotly's extension leaves a lesson page only when nothing in the notebook can draw a chart."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from course_server.extensions import (
    PLOTLY_EXTENSION,
    PLOTLY_MIMETYPE,
    course_page_config,
    may_draw_charts,
    notebook_may_draw_charts,
    without_unused_plotly,
)
from tests.conftest import lesson_files, read_notebook

IMPORTS = "from widgets.lesson import objectives, quiz, sources"
CHART_IMPORTS = "from widgets.lesson import age_chart, quiz"


def notebook(*sources: str, outputs: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    cells: list[dict[str, Any]] = [{"cell_type": "markdown", "source": "# 1. A lesson"}]
    cells += [{"cell_type": "code", "source": source, "outputs": []} for source in sources]
    if outputs:
        cells[-1]["outputs"] = outputs
    return {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}


def stored_charts(cells: list[dict[str, Any]]) -> bool:
    return any(
        PLOTLY_MIMETYPE in output.get("data", {})
        for cell in cells
        for output in cell.get("outputs", [])
    )


def test_a_lesson_of_calls_that_draw_no_chart_needs_no_plotly() -> None:
    assert not may_draw_charts(notebook(IMPORTS, 'objectives("01-x")', 'quiz("01-x")'))


@pytest.mark.parametrize(
    "cells",
    [
        (CHART_IMPORTS, "age_chart()"),  # a figure
        (CHART_IMPORTS,),  # a chart's name imported is as good as called
        ("from widgets.lesson import LabExplorer", "LabExplorer()"),  # a chart inside a widget
        ("import plotly.express as px", "px.line([1, 2])"),  # not a course lesson
        (IMPORTS, "figure = quiz()", "figure"),  # a cell that does more than call
        ("import widgets.lesson", "widgets.lesson.quiz()"),  # not a plain call
        (IMPORTS, "unknown_widget()"),  # a name SHOWN does not know
        (IMPORTS, "quiz(("),  # not Python
        ("from widgets.charts.figures import age_chart", "age_chart()"),
    ],
)
def test_anything_that_may_draw_a_chart_keeps_plotly(cells: tuple[str, ...]) -> None:
    assert may_draw_charts(notebook(*cells))


def test_a_stored_plotly_output_keeps_plotly() -> None:
    chart = {"output_type": "display_data", "data": {PLOTLY_MIMETYPE: {}}, "metadata": {}}
    assert may_draw_charts(notebook(IMPORTS, 'objectives("01-x")', outputs=[chart]))


@pytest.mark.parametrize("path", lesson_files(), ids=lambda path: path.stem)
def test_every_lesson_is_judged_by_what_it_calls(path: Path) -> None:
    lesson = read_notebook(path)
    cells = lesson["cells"]
    assert isinstance(cells, list)
    draws = notebook_may_draw_charts(path)
    assert may_draw_charts(lesson) is draws
    if stored_charts(cells):
        assert draws
    # Lessons are calls of widgets.lesson names only, so each is decided by SHOWN, never kept
    # for being unreadable: a lesson without a chart call is served without plotly.
    calls = notebook(*["".join(cell["source"]) for cell in cells if cell["cell_type"] == "code"])
    assert may_draw_charts(calls) is draws


def test_the_lessons_whose_only_charts_are_inside_widgets_keep_plotly() -> None:
    # Lesson 3's laboratory explorer draws its chart after the page opens; no output stores it.
    lesson = next(path for path in lesson_files() if path.stem == "03-why-it-forms")
    assert notebook_may_draw_charts(lesson)
    introduction = next(path for path in lesson_files() if path.stem == "00-start-here")
    assert not notebook_may_draw_charts(introduction)


def config() -> dict[str, Any]:
    names = ["@voila-dashboards/widgets-manager8", PLOTLY_EXTENSION, "jupyterlab_pygments"]
    return {"federated_extensions": [{"name": name, "load": "static/x.js"} for name in names]}


def names(page_config: dict[str, Any]) -> list[str]:
    return [extension["name"] for extension in page_config["federated_extensions"]]


@pytest.fixture
def root(tmp_path: Path) -> Path:
    (tmp_path / "plain.ipynb").write_text(json.dumps(notebook(IMPORTS, 'quiz("01-x")')))
    (tmp_path / "charts.ipynb").write_text(json.dumps(notebook(CHART_IMPORTS, "age_chart()")))
    (tmp_path / "broken.ipynb").write_text("{not json")
    return tmp_path


def settings(root: Path) -> dict[str, Any]:
    return {"contents_manager": SimpleNamespace(root_dir=str(root))}


def test_the_hook_leaves_plotly_out_of_a_page_without_charts_in_place(root: Path) -> None:
    page_config = config()
    returned = without_unused_plotly(
        page_config, settings=settings(root), notebook_path="plain.ipynb"
    )
    assert returned is page_config
    assert names(page_config) == ["@voila-dashboards/widgets-manager8", "jupyterlab_pygments"]


@pytest.mark.parametrize(
    "notebook_path", ["charts.ipynb", "broken.ipynb", "missing.ipynb", "", None, "../plain.ipynb"]
)
def test_the_hook_keeps_plotly_otherwise(root: Path, notebook_path: str | None) -> None:
    (root.parent / "plain.ipynb").write_text((root / "plain.ipynb").read_text())
    page_config = without_unused_plotly(
        config(), settings=settings(root), notebook_path=notebook_path
    )
    assert PLOTLY_EXTENSION in names(page_config)


def test_a_hook_set_in_voilas_config_still_runs_first(root: Path) -> None:
    def configured(page_config: dict[str, Any], **_: Any) -> dict[str, Any]:
        return {**page_config, "mine": True}

    hook = course_page_config(configured)
    page_config = hook(config(), settings=settings(root), notebook_path="plain.ipynb", log=None)
    assert page_config["mine"] is True
    assert PLOTLY_EXTENSION not in names(page_config)
