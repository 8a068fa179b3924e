"""Images, the differential table and in-lesson exercises: every record complete and true."""

from __future__ import annotations

import json
import re

import pytest

from tests.conftest import ROOT
from widgets.course.catalog import load_course
from widgets.differential.data import COLUMNS, load_differential
from widgets.images import MANIFEST, load_manifest, sha256_of
from widgets.paths import images_dir
from widgets.quiz.bank import load_lesson_bank
from widgets.quiz.types.image_choice import ImageChoice
from widgets.quiz.types.staged_case import StagedCase
from widgets.references.catalog import load_references
from widgets.xray.conditions import CONDITIONS


def test_every_image_is_in_the_manifest_with_its_true_hash() -> None:
    manifest = load_manifest()
    on_disk = sorted(
        str(p.relative_to(images_dir())) for p in images_dir().rglob("*") if p.is_file()
    )
    listed = sorted(image.file for image in manifest.images)
    assert [f for f in on_disk if f != MANIFEST] == listed
    wrong = [i.file for i in manifest.images if sha256_of(images_dir() / i.file) != i.sha256]
    assert wrong == [], "run python tools/render_films.py"


def test_every_simulated_film_still_shows_what_its_record_says() -> None:
    from tools.render_films import main

    assert main(["--check"]) == 0


def _images_shown(stem: str) -> list[str]:
    found = []
    for question in load_lesson_bank(stem).questions:
        bodies = [s.question for s in question.stages] if isinstance(question, StagedCase) else []
        if isinstance(question, StagedCase):
            found += [s.image for s in question.stages if s.image]
        for body in [question, *bodies]:
            if isinstance(body, ImageChoice):
                found += [o.image for o in body.options]
    return found


def test_every_image_a_question_shows_is_a_recorded_image() -> None:
    listed = {image.file for image in load_manifest().images}
    shown = {image for lesson in load_course().lessons for image in _images_shown(lesson.stem)}
    assert shown, "the course shows images"
    assert shown <= listed


def test_the_differential_cites_real_references_in_every_cell() -> None:
    differential = load_differential()
    count = len(load_references().references)
    assert all(1 <= n <= count for n in differential.citations())
    for condition in differential.conditions:
        for column in COLUMNS:
            assert re.search(r"\[\d+(?:, \d+)*\]", condition.cell(column)), (condition.id, column)


def test_the_gallery_shows_every_condition_the_simulator_models() -> None:
    shown = [c.simulator for c in load_differential().simulated()]
    assert sorted(shown) == sorted(CONDITIONS)
    assert load_differential().conditions[0].simulator == "tumoral_calcinosis"


def _code(stem: str) -> str:
    notebook = json.loads((ROOT / "lessons" / f"{stem}.ipynb").read_text(encoding="utf-8"))
    return "\n".join("".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "code")


@pytest.mark.parametrize(
    "lesson",
    [lesson for lesson in load_course().lessons if lesson.is_available()],
    ids=lambda lesson: lesson.stem,
)
def test_in_lesson_questions_are_shown_once_by_their_own_lesson(lesson) -> None:  # type: ignore[no-untyped-def]
    marked = {q.id for q in load_lesson_bank(lesson.stem).questions if q.in_lesson}
    called = re.findall(r'exercise\("([^"]+)"\)', _code(lesson.stem))
    assert len(called) == len(set(called)), "an exercise shown twice"
    assert set(called) == marked
