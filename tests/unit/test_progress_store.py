"""The progress store: learners, attempts, lessons, final sets, export and forgetting; each test
taking ``store`` or ``database_url`` runs on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC
from pathlib import Path

import pytest
from sqlalchemy import Connection, create_engine, select, text
from sqlalchemy.exc import IntegrityError

from widgets.progress.location import sqlite_url
from widgets.progress.schema import attempts
from widgets.progress.store import Store

LESSON = "01-what-is-it"
QUESTION = "01-what-is-it/which-mineral"


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "progress.sqlite3"


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    opened = Store.open(database_url)
    yield opened
    opened.close()


def answer(store: Store, learner_id: int, **changes: object) -> object:
    event: dict[str, object] = {
        "lesson": LESSON,
        "question_id": QUESTION,
        "answer": ["b"],
        "correct": False,
        "credit": 0.0,
        **changes,
    }
    return store.record(learner_id, **event)  # type: ignore[arg-type]


def test_a_learner_is_added_once_under_the_normalised_name(store: Store) -> None:
    ada = store.learner("Ada  Lovelace")
    assert store.learner(" Ada Lovelace ") == ada
    assert store.learner("Grace") != ada
    assert store.name(ada) == "Ada Lovelace"


def test_hostile_names_are_stored_as_data(store: Store, tmp_path: Path) -> None:
    names = ["<script>alert(1)</script>", "../x", "Robert'); DROP TABLE learners;--", "山田"]
    ids = [store.learner(name) for name in names]
    assert [store.name(learner_id) for learner_id in ids] == names
    assert [p.name for p in tmp_path.iterdir() if not p.name.startswith("progress.sqlite3")] == []


def test_attempts_are_numbered_per_learner_and_question(store: Store) -> None:
    ada, grace = store.learner("Ada"), store.learner("Grace")
    answer(store, ada)
    answer(store, grace)
    store.record(ada, lesson=LESSON, question_id=QUESTION, kind="hint", hints=1)
    last = store.record(
        ada,
        lesson=LESSON,
        question_id=QUESTION,
        answer=["a"],
        correct=True,
        credit=0.5,
        hints=1,
        elapsed_ms=4200,
    )
    assert [a.attempt_no for a in store.attempts(ada)] == [1, 2, 3]
    assert [a.attempt_no for a in store.attempts(grace)] == [1]
    assert store.attempts(ada)[-1] == last
    assert (last.answer, last.correct, last.credit, last.hints) == (["a"], True, 0.5, 1)
    assert last.created_at.tzinfo is UTC


def test_hints_and_reveals_survive_a_reopening(store: Store, database_url: str) -> None:
    ada = store.learner("Ada")
    store.record(ada, lesson=LESSON, question_id=QUESTION, kind="hint", hints=1)
    store.record(ada, lesson=LESSON, question_id=QUESTION, kind="reveal", hints=1, revealed=True)
    store.close()
    reopened = Store.open(database_url)
    try:
        events = reopened.attempts(reopened.learner("Ada"), LESSON)
    finally:
        reopened.close()
    assert [(e.kind, e.hints, e.revealed, e.answer) for e in events] == [
        ("hint", 1, False, None),
        ("reveal", 1, True, None),
    ]


def test_attempts_can_be_read_for_one_lesson(store: Store) -> None:
    ada = store.learner("Ada")
    answer(store, ada)
    answer(store, ada, lesson="02-who-gets-it", question_id="02-who-gets-it/q")
    assert [a.lesson for a in store.attempts(ada, "02-who-gets-it")] == ["02-who-gets-it"]
    assert len(store.attempts(ada)) == 2


@pytest.mark.parametrize(
    "changes",
    [
        {"credit": 1.5},
        {"kind": "guess"},
        {"kind": "hint"},  # with an answer
        {"answer": None},  # an answer event without one
        {"correct": None},
    ],
)
def test_an_impossible_event_is_refused_before_it_is_written(
    store: Store, changes: dict[str, object]
) -> None:
    ada = store.learner("Ada")
    with pytest.raises(ValueError, match=r"kind|answer|correct|credit"):
        answer(store, ada, **changes)
    assert store.attempts(ada) == []


def test_the_database_itself_refuses_what_the_checks_refuse(
    store: Store, database_url: str
) -> None:
    answer(store, store.learner("Ada"))
    engine = create_engine(database_url)
    try:
        with pytest.raises(IntegrityError, match="credit_fraction"), engine.begin() as connection:
            connection.execute(text("UPDATE attempts SET credit = 2"))
        with pytest.raises(IntegrityError, match=r"(?i)unique"), engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO attempts (learner_id, lesson, question_id, attempt_no, kind, "
                    "answer, correct, credit, hints, revealed, created_at) "
                    "SELECT learner_id, lesson, question_id, attempt_no, kind, answer, correct, "
                    "credit, hints, revealed, created_at FROM attempts"
                )
            )
    finally:
        engine.dispose()


def test_an_attempt_of_an_unknown_learner_is_refused(store: Store) -> None:
    with pytest.raises(IntegrityError):
        answer(store, 999)


def test_sqlite_runs_in_wal_mode_with_foreign_keys_and_a_busy_timeout(path: Path) -> None:
    opened = Store.open(sqlite_url(path), busy_timeout_s=0.25)
    try:
        with opened._read() as connection:
            pragmas = [
                connection.exec_driver_sql(f"PRAGMA {name}").scalar()
                for name in ("journal_mode", "foreign_keys", "busy_timeout")
            ]
    finally:
        opened.close()
    assert pragmas == ["wal", 1, 250]


def test_a_lesson_keeps_its_first_start_and_first_finish(store: Store) -> None:
    ada = store.learner("Ada")
    started = store.start_lesson(ada, LESSON)
    assert store.start_lesson(ada, LESSON) == started
    finished = store.finish_lesson(ada, LESSON)
    assert finished.started_at == started.started_at
    assert finished.finished_at is not None
    assert store.finish_lesson(ada, LESSON) == finished
    assert store.lessons(ada) == [finished]


def test_finishing_a_lesson_never_started_starts_it_too(store: Store) -> None:
    ada = store.learner("Ada")
    finished = store.finish_lesson(ada, LESSON)
    assert finished.finished_at is not None
    assert finished.started_at <= finished.finished_at


def test_final_sets_are_numbered_and_the_latest_is_read_back(store: Store) -> None:
    ada = store.learner("Ada")
    assert store.final_set(ada) is None
    first = store.save_final_set(ada, ["q3", "q1", "q2"])
    second = store.save_final_set(ada, ["q2", "q4"])
    assert (first.attempt, second.attempt) == (1, 2)
    assert store.final_set(ada) == second
    assert store.final_set(ada, 1) == first
    assert store.final_set(ada, 1).question_ids == ("q3", "q1", "q2")  # type: ignore[union-attr]


def test_a_final_set_saved_for_a_given_try_keeps_its_first_draw(store: Store) -> None:
    ada = store.learner("Ada")
    first = store.save_final_set(ada, ["q1", "q2"], attempt=3)
    again = store.save_final_set(ada, ["q9"], attempt=3)  # another tab, drawing at once
    assert again == first
    assert store.final_set(ada, 3) == first
    assert store.save_final_set(ada, ["q4"]).attempt == 4


def test_the_export_holds_every_event_of_the_learner_only(store: Store) -> None:
    ada, grace = store.learner("Ada"), store.learner("Grace")
    answer(store, ada)
    answer(store, grace)
    store.record(ada, lesson=LESSON, question_id=QUESTION, kind="hint", hints=1)
    rows = store.export(ada)
    assert [(row["learner"], row["kind"], row["answer"]) for row in rows] == [
        ("Ada", "answer", '["b"]'),
        ("Ada", "hint", None),
    ]


def test_forgetting_a_learner_deletes_every_row_of_theirs_only(
    store: Store, database_url: str
) -> None:
    ada, grace = store.learner("Ada"), store.learner("Grace")
    for learner_id in (ada, grace):
        answer(store, learner_id)
        store.start_lesson(learner_id, LESSON)
        store.save_final_set(learner_id, ["q1"])
    assert store.forget(ada) == 4
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            for table in ("attempts", "lesson_progress", "final_sets"):
                query = text(f"SELECT DISTINCT learner_id FROM {table}")
                assert connection.execute(query).all() == [(grace,)]
            names = connection.execute(text("SELECT name FROM learners")).all()
    finally:
        engine.dispose()
    assert names == [("Grace",)]


def test_a_repr_names_the_file(path: Path) -> None:
    store = Store.open(sqlite_url(path))
    store.close()
    assert repr(store) == f"Store({str(path)!r})"


def test_a_write_that_lost_a_key_to_another_writer_is_tried_again(store: Store) -> None:
    ada = store.learner("Ada")
    first = answer(store, ada)
    tries = []

    def add_twice_then_once(connection: Connection) -> int:
        tries.append(1)
        copy = attempts.insert().from_select(
            [c.name for c in attempts.c if c.name != "id"],
            select(*(c for c in attempts.c if c.name != "id")),
        )
        if len(tries) == 1:  # as if another kernel had just taken this attempt_no
            connection.execute(copy)
        return len(tries)

    assert store._write(add_twice_then_once) == 2
    assert store.attempts(ada) == [first]
