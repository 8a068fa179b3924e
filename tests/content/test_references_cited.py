"""Every entry of the reference list is cited somewhere a student meets it."""

from __future__ import annotations

from widgets.course.catalog import load_course
from widgets.references.catalog import load_references
from widgets.references.lesson_sources import lesson_citations


def test_every_reference_is_cited_by_some_lesson() -> None:
    # lesson_citations covers a lesson's text and everything it shows: its question bank, the
    # content files its widgets read and the charts it draws. A reference no lesson lists is
    # either dead weight or a citation the course forgot.
    cited: set[int] = set()
    for lesson in load_course().lessons:
        cited.update(lesson_citations(lesson.stem))
    listed = {reference.number for reference in load_references().references}
    uncited = sorted(listed - cited)
    assert not uncited, f"no lesson cites reference(s) {uncited}: cite them or drop them"
