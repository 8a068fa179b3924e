"""Loading banks: broken ones fail with one clear error naming the file, the question and the field.

Each broken bank is a named file in ``fixtures/banks/``: ``# expect:`` lines at its top give the
words the error must contain (``# expect-not:`` words it must not). The checks across files take
the lesson's objectives and the number of references as arguments, so no course is needed here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from widgets.loading import ContentError
from widgets.paths import ROOT_ENV, bank_path, display_path
from widgets.quiz.bank import Bank, load_bank, load_lesson_bank
from widgets.quiz.registry import TYPES

FIXTURES = Path(__file__).parent / "fixtures"
BROKEN = sorted((FIXTURES / "banks").glob("*.yaml"))
STEM = "01-what-is-tumoral-calcinosis"
OBJECTIVES = ("define-tc", "three-forms")
REFERENCES = 30


@pytest.fixture
def images_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A course root with no catalogue, only ``assets/images/films/a.png``."""
    films = tmp_path / "assets" / "images" / "films"
    films.mkdir(parents=True)
    (films / "a.png").write_bytes(b"png")
    monkeypatch.setenv(ROOT_ENV, str(tmp_path))
    return tmp_path


def load(path: Path, **checks: object) -> Bank:
    options: dict[str, object] = {"lesson": STEM, "objectives": OBJECTIVES}
    options |= {"reference_count": REFERENCES, **checks}
    return load_bank(path, **options)  # type: ignore[arg-type]


def expected(path: Path, tag: str) -> list[str]:
    prefix = f"# {tag}: "
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.removeprefix(prefix) for line in lines if line.startswith(prefix)]


def test_the_good_bank_loads(images_root: Path) -> None:
    bank = load(FIXTURES / "good-bank.yaml")
    assert [q.type for q in bank.questions] == ["single", "numeric"]


def test_every_broken_bank_says_what_it_expects() -> None:
    assert len(BROKEN) >= 20
    for path in BROKEN:
        assert expected(path, "expect"), f"{path.name}: add '# expect:' lines"


@pytest.mark.parametrize("path", BROKEN, ids=[path.stem for path in BROKEN])
def test_a_broken_bank_names_file_question_and_field(images_root: Path, path: Path) -> None:
    with pytest.raises(ContentError) as raised:
        load(path)
    message = str(raised.value)
    assert message.startswith(f"{display_path(path.resolve())}:"), message
    for words in expected(path, "expect"):
        assert words in message, f"{path.name}: {message}"
    for words in expected(path, "expect-not"):
        assert words not in message, f"{path.name}: {message}"


def test_the_unknown_type_message_lists_every_registered_type(images_root: Path) -> None:
    with pytest.raises(ContentError, match="unknown question type") as raised:
        load(FIXTURES / "banks" / "unknown-question-type.yaml")
    assert all(name in str(raised.value) for name in TYPES)


def test_the_cross_file_checks_use_what_they_are_given(images_root: Path) -> None:
    assert load(FIXTURES / "banks" / "unknown-reference.yaml", reference_count=999).questions
    assert load(
        FIXTURES / "banks" / "unknown-objective.yaml", objectives={"read-minds", "three-forms"}
    )
    # Without a lesson to match, a bank may declare any lesson (but its ids must follow it).
    with pytest.raises(ContentError, match="must start with 02-who-gets-it/"):
        load(FIXTURES / "banks" / "lesson-not-the-files.yaml", lesson=None)


def test_a_question_asked_for_by_id(images_root: Path) -> None:
    bank = load(FIXTURES / "good-bank.yaml")
    assert bank.question(f"{STEM}/second").type == "numeric"
    with pytest.raises(KeyError, match=f"no question '{STEM}/nowhere' in the bank of {STEM}"):
        bank.question(f"{STEM}/nowhere")


def test_a_lesson_bank_is_checked_against_the_course_catalogue(course_copy: Path) -> None:
    path = bank_path(STEM)
    path.parent.mkdir(parents=True)
    text = (FIXTURES / "banks" / "unknown-objective.yaml").read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        load_lesson_bank(STEM)
    message = str(raised.value)
    assert message.startswith(f"assets/questions/{STEM}.yaml: question {STEM}/first: objectives")
    assert "define-tc" in message  # the catalogue's objectives of the lesson, listed


def test_a_lesson_bank_must_declare_its_own_lesson(course_copy: Path) -> None:
    path = bank_path("02-who-gets-it")
    path.parent.mkdir(parents=True)
    path.write_text((FIXTURES / "good-bank.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(ContentError, match="lesson: must share its lesson's stem '02-who-gets-it'"):
        load_lesson_bank("02-who-gets-it")


def test_the_bank_of_a_lesson_not_in_the_catalogue(course_copy: Path) -> None:
    with pytest.raises(ContentError) as raised:
        load_lesson_bank("99-nowhere")
    assert str(raised.value).startswith("assets/questions/99-nowhere.yaml: lesson: no lesson")
