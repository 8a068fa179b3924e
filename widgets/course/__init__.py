"""The course frame: lesson catalogue, lesson map and learning objectives."""

from widgets.course.catalog import Course, Lesson, Objective, load_course
from widgets.course.render import LessonMap, Objectives


def objectives(stem: str) -> Objectives:
    """The learning objectives of the lesson ``stem``, for display at its top."""
    return Objectives(load_course().lesson(stem))


def lesson_map() -> LessonMap:
    """The map of every lesson in the course."""
    return LessonMap(load_course())


__all__ = [
    "Course",
    "Lesson",
    "LessonMap",
    "Objective",
    "Objectives",
    "lesson_map",
    "load_course",
    "objectives",
]
