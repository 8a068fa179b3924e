"""The class poll in the kernel: the instructor key, the presenter view's session, question,
live counts and reveal, and a student's page in a session (or with a code that names none)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from widgets.classroom import PresenterView, class_banner, is_instructor, poll_options
from widgets.learner import Identity
from widgets.progress.location import sqlite_url
from widgets.progress.safe import SafeStore
from widgets.progress.session import Session
from widgets.quiz.bank import load_lesson_bank
from widgets.quiz.view import QuizView

STEM = "01-what-is-tumoral-calcinosis"


@pytest.fixture
def url(tmp_path: Path) -> str:
    return sqlite_url(tmp_path / "progress.sqlite3")


@pytest.fixture
def sessions(url: str) -> Iterator[Callable[[str, str], Session]]:
    made: list[Session] = []

    def session(name: str, query: str) -> Session:
        made.append(Session(SafeStore.open(url), Identity(name, "link", query=query)))
        return made[-1]

    yield session
    for each in made:
        each.store.close()


class Timers:
    def __init__(self) -> None:
        self.pending: list[tuple[float, Callable[[], None]]] = []

    def __call__(self, delay: float, callback: Callable[[], None]) -> object:
        self.pending.append((delay, callback))
        return None

    def run(self) -> None:
        due, self.pending = self.pending, []
        for _, callback in due:
            callback()


def test_the_presenter_view_needs_the_instructor_key() -> None:
    assert is_instructor("present=s3cret&learner=I", key="s3cret")
    assert not is_instructor("present=guess&learner=I", key="s3cret")
    assert not is_instructor("learner=I", key="s3cret")
    assert not is_instructor("present=", key="")  # no key configured: nobody


def test_a_poll_counts_the_class_s_first_answers_live_and_reveals_on_request(
    sessions: Callable[[str, str], Session],
) -> None:
    bank = load_lesson_bank(STEM)
    timers = Timers()
    teacher = PresenterView(bank, sessions("Instructor", "present=k"), schedule=timers)
    teacher.start.click()
    code = teacher.current.code  # type: ignore[union-attr]
    assert code in teacher.code.value
    question = next(q for q in teacher.questions if q.type == "single")
    teacher.choice.value = question.id
    teacher.put.click()
    assert "<strong>0</strong> students have answered" in teacher.count.value

    for name, choice in (("Ada", 1), ("Ben", 1), ("Cy", 0)):
        student = sessions(name, f"class={code.lower()}&learner={name}")
        assert code in class_banner(student).value  # type: ignore[union-attr]
        student.question(STEM, question.id).add(
            "answer", answer=choice, correct=False, credit=0.0, hints=0, revealed=False
        )
    student.question(STEM, question.id).add(  # Cy again: only the first answer counts
        "answer", answer=1, correct=False, credit=0.0, hints=0, revealed=False
    )
    timers.run()  # the next look at the store
    assert "<strong>3</strong> students have answered" in teacher.count.value
    counts = [int(part.split('"')[0]) for part in teacher.chart.value.split('data-count="')[1:]]
    assert counts[:2] == [1, 2]
    assert timers.pending, "the view keeps looking while the question is put"

    assert "correct" not in teacher.chart.value
    teacher.reveal.click()
    assert question.answer_text()[:20] in teacher.answer.value.replace("<em>", "").replace(
        "</em>", ""
    )
    keyed = [n for n, option in enumerate(poll_options(question) or []) if option.correct]
    rows = teacher.chart.value.split('class="tc-poll-row"')[1:]
    assert ["✓ correct" in row for row in rows] == [n in keyed for n in range(len(rows))]

    teacher.show_stats.click()
    assert "<td>3</td>" in teacher.stats.value  # three answered, by first answers
    assert "Ada" not in teacher.stats.value
    teacher.close_session.click()
    assert teacher.stats in teacher.children  # the session's statistics stay on screen
    late = sessions("Dee", f"class={code}&learner=Dee")
    assert "no open class session" in class_banner(late).value  # type: ignore[union-attr]


def test_a_student_s_quiz_in_a_session_says_so_and_a_bad_code_is_told(
    sessions: Callable[[str, str], Session],
) -> None:
    bank = load_lesson_bank(STEM)
    teacher = PresenterView(bank, sessions("Instructor", "present=k"), schedule=Timers())
    teacher.start.click()
    code = teacher.current.code  # type: ignore[union-attr]
    joined = sessions("Ada", f"class={code}&learner=Ada")
    assert "You are answering in class session" in class_banner(joined).value  # type: ignore[union-attr]
    wrong = sessions("Ben", "class=ZZZZZZ&learner=Ben")
    banner = class_banner(wrong)
    assert "There is no open class session &#x27;ZZZZZZ&#x27;" in banner.value  # type: ignore[union-attr]
    hostile = class_banner(sessions("Eve", "class=<img src=x onerror=alert(1)>&learner=Eve"))
    assert "<img" not in hostile.value  # type: ignore[union-attr]
    assert class_banner(sessions("Cy", "learner=Cy")) is None
    QuizView(bank, learner="Ben", session=wrong)  # the quiz still works for them
