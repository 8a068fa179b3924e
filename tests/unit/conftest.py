"""A miniature course on disk, so pure modules can be tested against files the test controls."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from widgets.paths import ROOT_ENV

COURSE_YAML = """\
schema_version: 1
title: Mini course
lessons:
  - number: 0
    stem: 00-intro
    title: Intro
    summary: The first lesson of the mini course.
    interactive: None yet
    objectives:
      - id: first
        text: Say what the <first> objective is.
  - number: 1
    stem: 01-next
    title: Next
    summary: A lesson not written yet.
    interactive: None yet
    objectives:
      - id: second
        text: Say what the second objective is.
"""

REFERENCES_YAML = """\
schema_version: 2
references:
  - number: 1
    authors: Author A
    title: A paper about calcium
    source: "*J Calc*"
    year: "2001"
    details: 1(2):3-4
    doi: 10.1000/one
    access: abstract only
  - number: 2
    authors: Author B
    title: A web page about phosphate
    source: Example site
    url: https://example.org/phosphate
    access: not recorded
    missing: [year]
  - number: 3
    title: A book without a link
    source: Example Press
    year: "1999"
    access: full text
    missing: [authors]
"""


def notebook(markdown: list[str], code: list[str] = ()) -> str:  # type: ignore[assignment]
    cells: list[dict[str, object]] = [
        {"cell_type": "markdown", "metadata": {}, "source": text} for text in markdown
    ]
    cells += [
        {
            "cell_type": "code",
            "metadata": {},
            "source": text,
            "outputs": [],
            "execution_count": None,
        }
        for text in code
    ]
    for number, cell in enumerate(cells):
        cell["id"] = f"cell-{number}"
    return json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5})


MiniCourse = Callable[..., Path]


@pytest.fixture
def mini_course(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> MiniCourse:
    """Build a course root in tmp_path and point the package at it; returns the root."""

    def build(*, course: str = COURSE_YAML, lessons: dict[str, str] | None = None) -> Path:
        (tmp_path / "assets").mkdir(exist_ok=True)
        (tmp_path / "lessons").mkdir(exist_ok=True)
        (tmp_path / "assets" / "course.yaml").write_text(course, encoding="utf-8")
        (tmp_path / "assets" / "references.yaml").write_text(REFERENCES_YAML, encoding="utf-8")
        for stem, text in (lessons or {}).items():
            (tmp_path / "lessons" / f"{stem}.ipynb").write_text(text, encoding="utf-8")
        monkeypatch.setenv(ROOT_ENV, str(tmp_path))
        return tmp_path

    return build
