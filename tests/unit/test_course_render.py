from __future__ import annotations

from tests.unit.conftest import MiniCourse
from widgets.course.render import lesson_map, objectives


def test_objectives_list_every_objective_escaped(mini_course: MiniCourse) -> None:
    mini_course()
    box = objectives("00-intro")
    html = box._repr_html_()
    assert "By the end of this lesson you can" in html
    assert "Say what the &lt;first&gt; objective is." in html
    assert "<first>" not in html
    assert repr(box) == "Objectives('00-intro', 1 objectives)"


def test_lesson_map_links_only_the_lessons_that_exist(mini_course: MiniCourse) -> None:
    mini_course(lessons={"00-intro": "{}"})
    course_map = lesson_map()
    html = course_map._repr_html_()
    assert '<a href="00-intro.ipynb">Intro</a>' in html
    assert "01-next.ipynb" not in html
    assert "in preparation" in html
    assert html.count("<tr data-lesson=") == 2
    assert repr(course_map) == "LessonMap(2 lessons, 1 available)"
