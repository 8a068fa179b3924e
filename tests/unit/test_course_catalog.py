from __future__ import annotations

import pytest

from tests.unit.conftest import COURSE_YAML, MiniCourse
from widgets.course.catalog import load_course
from widgets.loading import ContentError


def test_the_real_catalogue_numbers_its_lessons_in_order() -> None:
    course = load_course()
    assert [lesson.number for lesson in course.lessons] == list(range(len(course.lessons)))
    assert all(lesson.stem.startswith(f"{lesson.number:02d}-") for lesson in course.lessons)


def test_lesson_lookup_by_stem(mini_course: MiniCourse) -> None:
    mini_course()
    assert load_course().lesson("01-next").title == "Next"


def test_unknown_stem_lists_the_known_lessons(mini_course: MiniCourse) -> None:
    mini_course()
    with pytest.raises(KeyError, match="known lessons: 00-intro, 01-next"):
        load_course().lesson("07-missing")


def test_stem_must_start_with_the_lesson_number(mini_course: MiniCourse) -> None:
    mini_course(course=COURSE_YAML.replace("stem: 01-next", "stem: 02-next"))
    with pytest.raises(ContentError, match=r"course\.yaml: lessons\[1\]: .*must start with 01-"):
        load_course()


def test_lessons_must_be_numbered_without_gaps(mini_course: MiniCourse) -> None:
    broken = COURSE_YAML.replace("number: 1\n    stem: 01-next", "number: 2\n    stem: 02-next")
    mini_course(course=broken)
    with pytest.raises(ContentError, match=r"lessons: .*numbered 0, 1, 2"):
        load_course()


def test_duplicate_objective_ids_are_refused(mini_course: MiniCourse) -> None:
    twice = "      - id: second\n        text: Say what the second objective is.\n"
    mini_course(course=COURSE_YAML + twice)
    with pytest.raises(ContentError, match=r"lessons\[1\]\.objectives: .*duplicate objective id"):
        load_course()


def test_wrong_schema_version_names_the_field(mini_course: MiniCourse) -> None:
    mini_course(course=COURSE_YAML.replace("schema_version: 1", "schema_version: 2"))
    with pytest.raises(ContentError, match="schema_version"):
        load_course()


def test_availability_follows_the_notebook_file(mini_course: MiniCourse) -> None:
    mini_course(lessons={"00-intro": "{}"})
    course = load_course()
    assert course.lesson("00-intro").is_available()
    assert not course.lesson("01-next").is_available()
