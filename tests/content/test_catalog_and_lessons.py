"""The course catalogue, the lessons on disk and the content files agree with one another."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import LESSONS, lesson_files
from widgets.classification.forms import load_forms
from widgets.course.catalog import load_course
from widgets.references.catalog import load_references
from widgets.references.lesson_sources import lesson_citations, shown_files

COURSE = load_course()
AVAILABLE = [lesson for lesson in COURSE.lessons if lesson.is_available()]


def cells(path: Path, kind: str) -> list[str]:
    notebook = json.loads(path.read_text(encoding="utf-8"))
    return ["".join(cell["source"]) for cell in notebook["cells"] if cell["cell_type"] == kind]


def test_every_lesson_file_is_in_the_catalogue() -> None:
    stems = {lesson.stem for lesson in COURSE.lessons}
    unlisted = [path.name for path in lesson_files() if path.stem not in stems]
    assert not unlisted, f"add these lessons to assets/course.yaml: {unlisted}"


def test_the_whole_course_exists_and_every_lesson_states_its_objectives() -> None:
    assert [lesson.stem for lesson in AVAILABLE] == [lesson.stem for lesson in COURSE.lessons]
    assert len(AVAILABLE) == 11
    for lesson in COURSE.lessons:
        assert lesson.objectives, lesson.stem
        assert all(objective.text.strip() for objective in lesson.objectives)


@pytest.mark.parametrize("lesson", AVAILABLE, ids=lambda lesson: lesson.stem)
class TestLesson:
    def test_opens_with_a_heading_that_carries_the_catalogue_title(self, lesson) -> None:  # type: ignore[no-untyped-def]
        first = cells(lesson.notebook_path(), "markdown")[0].splitlines()[0]
        assert first.startswith("# ")
        assert first.lower().endswith(lesson.title.lower()), (first, lesson.title)

    def test_shows_its_own_objectives_first_and_its_own_sources_last(self, lesson) -> None:  # type: ignore[no-untyped-def]
        code = [text for text in cells(lesson.notebook_path(), "code") if "import" not in text]
        assert code[0] == f'objectives("{lesson.stem}")'
        assert code[-1] == f'sources("{lesson.stem}")'

    def test_every_citation_resolves_to_a_reference(self, lesson) -> None:  # type: ignore[no-untyped-def]
        numbers = lesson_citations(lesson.stem)
        assert numbers, "a lesson that teaches must cite its sources"
        assert min(numbers) >= 1
        assert max(numbers) <= len(load_references().references)

    def test_brackets_that_look_like_citations_are_citations(self, lesson) -> None:  # type: ignore[no-untyped-def]
        # A range such as [3-5] or a typo such as [3,,4] would silently escape the source list.
        text = "\n".join(cells(lesson.notebook_path(), "markdown"))
        odd = re.findall(r"\[\s*\d[^\]\(]*\](?!\()", text)
        malformed = [found for found in odd if not re.fullmatch(r"\[\d+(?:, \d+)*\]", found)]
        assert not malformed, f"write citations as [1] or [1, 2]: {malformed}"


def test_files_a_lesson_shows_exist() -> None:
    for lesson in COURSE.lessons:
        for path in shown_files(lesson.stem):
            assert path.is_file(), f"{lesson.stem} shows missing {path.name}"


def test_every_fact_in_the_forms_file_cites_a_real_reference() -> None:
    count = len(load_references().references)
    for form in load_forms().forms:
        for fact in form.facts:
            assert all(1 <= n <= count for n in fact.refs), (form.id, fact.label)


def test_lessons_folder_holds_only_lessons() -> None:
    # Hidden entries (such as JupyterLab's .ipynb_checkpoints) are ignored by git and Voila.
    names = [path.name for path in LESSONS.iterdir() if not path.name.startswith(".")]
    stray = [name for name in names if not re.fullmatch(r"\d\d-[a-z0-9-]+\.ipynb", name)]
    assert not stray, f"only NN-topic.ipynb lessons belong in lessons/: {stray}"
