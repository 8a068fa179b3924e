"""A lesson's source list is computed from its text and from what its code cells show."""

from __future__ import annotations

import pytest

from tests.unit.conftest import MiniCourse, notebook
from widgets.lesson import SHOWN
from widgets.loading import ContentError
from widgets.references.lesson_sources import (
    chart_citations,
    lesson_citations,
    shown_calls,
    shown_files,
    sources,
)


def test_sources_merge_text_and_what_the_cells_show(mini_course: MiniCourse) -> None:
    root = mini_course(
        lessons={"01-next": notebook(["Calcium [3].", "Phosphate [1, 3]."], ["quiz('01-next')"])}
    )
    (root / "assets" / "questions").mkdir()
    (root / "assets" / "questions" / "01-next.yaml").write_text(
        "questions:\n  - refs: [2]\n", encoding="utf-8"
    )
    assert lesson_citations("01-next") == [1, 2, 3]
    listed = sources("01-next")
    assert [reference.number for reference in listed.references] == [1, 2, 3]
    assert repr(listed) == "SourceList('01-next', references [1, 2, 3])"


def test_a_content_file_joins_only_the_lessons_that_show_it(mini_course: MiniCourse) -> None:
    root = mini_course(
        lessons={
            "00-intro": notebook(["Text [1]."], ["differential_table()"]),
            "01-next": notebook(["Text [1]."], ["objectives('01-next')"]),
        }
    )
    (root / "assets" / "differential.yaml").write_text("a: see [2]\n", encoding="utf-8")
    assert lesson_citations("00-intro") == [1, 2]
    assert lesson_citations("01-next") == [1]


def test_calls_are_found_with_their_literal_arguments(mini_course: MiniCourse) -> None:
    root = mini_course(
        lessons={"00-intro": notebook([], ["from widgets.lesson import quiz", "quiz('x', n)"])}
    )
    assert shown_calls(root / "lessons" / "00-intro.ipynb") == [("quiz", ["x", None])]


def test_a_bank_named_by_a_variable_is_refused(mini_course: MiniCourse) -> None:
    mini_course(lessons={"00-intro": notebook([], ["quiz(stem)"])})
    with pytest.raises(ContentError, match=r"00-intro\.ipynb: quiz\(\.\.\.\): name the lesson"):
        shown_files("00-intro")


def test_a_code_cell_that_is_not_python_is_named(mini_course: MiniCourse) -> None:
    mini_course(lessons={"00-intro": notebook([], ["quiz(("])})
    with pytest.raises(ContentError, match=r"00-intro\.ipynb: code cell 1 is not Python"):
        shown_files("00-intro")


def test_a_citation_without_a_reference_names_lesson_and_number(mini_course: MiniCourse) -> None:
    mini_course(lessons={"00-intro": notebook(["Fine [1], broken [99]."])})
    with pytest.raises(ContentError, match=r"00-intro\.ipynb: cites reference\(s\) \[99\]"):
        sources("00-intro")


def test_a_missing_lesson_notebook_is_a_clear_error(mini_course: MiniCourse) -> None:
    mini_course()
    with pytest.raises(ContentError, match=r"00-intro\.ipynb: lesson notebook not found"):
        sources("00-intro")


def test_every_name_a_lesson_can_show_resolves_to_its_module() -> None:
    import widgets.lesson

    for name, shown in SHOWN.items():
        assert getattr(widgets.lesson, name).__module__ == shown.module, name


def test_an_unknown_name_lists_what_a_lesson_can_show() -> None:
    import widgets.lesson

    with pytest.raises(AttributeError, match="a lesson can show: BodyMap"):
        _ = widgets.lesson.NotAWidget


def test_a_chart_cites_the_rows_it_draws_not_its_whole_table() -> None:
    from widgets.charts.data import load_table

    rows = load_table("sex").rows
    drawn = {row.source for row in rows if row.unit == "patients"}  # what sex_chart draws
    not_drawn = {row.source for row in rows} - drawn
    assert not_drawn, "the table has a row the chart leaves out: the test needs one"
    assert set(chart_citations("sex_chart", [])) == drawn
