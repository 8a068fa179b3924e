"""Class sessions in the store, on SQLite and PostgreSQL: a code, the question put, the reveal,
answers kept per session, and what a session refuses."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from widgets.progress.store import CODE_ALPHABET, CODE_LENGTH, ClassSessionError, Store

LESSON = "01-what-is-it"
QUESTION = f"{LESSON}/which-mineral"


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    opened = Store.open(database_url)
    yield opened
    opened.close()


def answer(store: Store, learner: int, choice: int, session: int | None, **more: object) -> object:
    return store.record(
        learner,
        lesson=more.pop("lesson", LESSON),  # type: ignore[arg-type]
        question_id=more.pop("question_id", QUESTION),  # type: ignore[arg-type]
        answer=choice,
        correct=choice == 0,
        class_session_id=session,
    )


def test_a_session_has_a_readable_code_and_is_found_by_it(store: Store) -> None:
    opened = store.open_class(LESSON)
    assert len(opened.code) == CODE_LENGTH
    assert set(opened.code) <= set(CODE_ALPHABET)
    assert store.class_session(f" {opened.code.lower()} ") == opened
    assert store.class_session("NOSUCH") is None
    assert opened.open
    assert (opened.question_id, opened.revealed) == (None, False)


def test_answers_are_kept_per_session_first_answer_per_learner(store: Store) -> None:
    ada, ben, cy = store.learner("Ada"), store.learner("Ben"), store.learner("Cy")
    monday, tuesday = store.open_class(LESSON), store.open_class(LESSON)
    store.put_question(monday.id, QUESTION)
    answer(store, ada, 1, monday.id)
    answer(store, ada, 0, monday.id)  # a second try: not the class's answer
    answer(store, ben, 0, monday.id)
    answer(store, cy, 2, tuesday.id)
    answer(store, cy, 3, None)  # on their own, outside any session
    assert [(a.learner_id, a.answer) for a in store.class_answers(monday.id, QUESTION)] == [
        (ada, 1),
        (ben, 0),
    ]
    assert [a.answer for a in store.class_answers(tuesday.id, QUESTION)] == [2]
    assert len(store.attempts(ada)) == 2  # the learner's own record has both


def test_the_question_put_its_reveal_and_closing_are_kept(store: Store) -> None:
    session = store.open_class(LESSON)
    assert store.put_question(session.id, QUESTION).question_id == QUESTION
    assert store.reveal_answer(session.id).revealed
    assert not store.put_question(session.id, f"{LESSON}/next").revealed
    closed = store.close_class(session.id)
    assert not closed.open
    assert store.class_session(session.code) == closed


def test_a_closed_session_or_another_lesson_s_question_is_refused_and_nothing_written(
    store: Store,
) -> None:
    ada = store.learner("Ada")
    session = store.open_class(LESSON)
    with pytest.raises(ClassSessionError, match=f"{session.code} is on {LESSON}, not on 02-x/q"):
        answer(store, ada, 0, session.id, lesson="02-x", question_id="02-x/q")
    store.close_class(session.id)
    with pytest.raises(ClassSessionError, match=f"{session.code} has closed"):
        answer(store, ada, 0, session.id)
    assert store.attempts(ada) == []
    assert store.class_answers(session.id, QUESTION) == []


def test_a_session_s_answers_are_read_for_its_statistics(store: Store) -> None:
    ada, ben = store.learner("Ada"), store.learner("Ben")
    session, other = store.open_class(LESSON), store.open_class(LESSON)
    answer(store, ada, 1, session.id)
    answer(store, ben, 0, other.id)
    answer(store, ben, 2, None)
    assert [(a.learner_id, a.answer) for a in store.answers(class_session_id=session.id)] == [
        (ada, 1)
    ]
    assert len(store.answers()) == 3
