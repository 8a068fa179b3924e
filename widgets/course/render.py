"""HTML for the course's frame: the lesson map and a lesson's learning objectives.

These are plain objects with ``_repr_html_``; Jupyter and Voila display them as HTML, and their
short ``repr`` keeps stored notebook outputs stable.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from widgets.course.catalog import Course, Lesson, load_course
from widgets.markup import inline

_BOX = (
    "border:1px solid var(--jp-border-color1,#c8c8c8);border-radius:6px;"
    "padding:0.6em 1em;margin:0.5em 0;"
)


@dataclass(frozen=True)
class Objectives:
    """The 'by the end of this lesson you can' box at the top of a lesson."""

    lesson: Lesson

    def _repr_html_(self) -> str:
        items = "".join(
            f'<li data-objective="{html.escape(o.id)}">{inline(o.text)}</li>'
            for o in self.lesson.objectives
        )
        return (
            f'<section class="tc-objectives" aria-label="Learning objectives" style="{_BOX}">'
            "<strong>By the end of this lesson you can:</strong>"
            f"<ol>{items}</ol></section>"
        )

    def __repr__(self) -> str:
        return f"Objectives({self.lesson.stem!r}, {len(self.lesson.objectives)} objectives)"


@dataclass(frozen=True)
class LessonMap:
    """Every lesson of the course, with its objectives and a link to it once it exists."""

    course: Course

    def _repr_html_(self) -> str:
        rows = "".join(self._row(lesson) for lesson in self.course.lessons)
        head = "".join(
            f"<th scope='col' style='text-align:left;padding:0.4em'>{name}</th>"
            for name in ("#", "Lesson", "You will be able to", "Hands-on")
        )
        return (
            '<table class="tc-lesson-map" style="border-collapse:collapse;width:100%;'
            'table-layout:fixed">'
            "<caption style='text-align:left;font-weight:bold;padding:0.3em 0'>"
            f"Lesson map: {len(self.course.lessons)} lessons</caption>"
            "<colgroup><col style='width:3em'><col style='width:30%'><col>"
            "<col style='width:20%'></colgroup>"
            f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
        )

    @staticmethod
    def _row(lesson: Lesson) -> str:
        title = inline(lesson.title)
        if lesson.is_available():
            heading = f'<a href="{html.escape(lesson.stem)}.ipynb">{title}</a>'
        else:
            heading = f"{title}<br><em>(in preparation)</em>"
        objectives = "".join(f"<li>{inline(o.text)}</li>" for o in lesson.objectives)
        # JupyterLab's table style right-aligns cells; a map reads left to right.
        cell = "style='vertical-align:top;padding:0.4em;border-top:1px solid #ccc;text-align:left'"
        return (
            f'<tr data-lesson="{html.escape(lesson.stem)}">'
            f"<td {cell}>{lesson.number}</td>"
            f"<td {cell}><strong>{heading}</strong><br>{inline(lesson.summary)}</td>"
            f"<td {cell}><ul style='margin:0;padding-left:1.2em'>{objectives}</ul></td>"
            f"<td {cell}>{inline(lesson.interactive)}</td></tr>"
        )

    def __repr__(self) -> str:
        available = sum(lesson.is_available() for lesson in self.course.lessons)
        return f"LessonMap({len(self.course.lessons)} lessons, {available} available)"


def objectives(stem: str) -> Objectives:
    """The learning objectives of the lesson ``stem``, for display at its top."""
    return Objectives(load_course().lesson(stem))


def lesson_map() -> LessonMap:
    """The map of every lesson in the course."""
    return LessonMap(load_course())
