"""A class answering at once: 30 kernels (separate processes) write to one store, SQLite or a
real PostgreSQL server."""

from __future__ import annotations

import time
from collections import Counter

from sqlalchemy import func, select

from tests.progress.processes import student_processes
from widgets.progress.schema import attempts
from widgets.progress.store import Store

STUDENTS = 30
QUESTIONS = 20
DEADLINE_S = 90
#: All 600 answers in the same second on 2 cores, a far denser burst than a class makes: a
#: write may wait a few seconds for the lock, near the 5 s default.
BURST_BUSY_TIMEOUT = ("--busy-timeout-s", "30")


def run_class(url: str, names: list[str], *options: str) -> list[list[int]]:
    """Each name's process answers once all are ready; the attempt ids each reported."""
    options = (*options, *BURST_BUSY_TIMEOUT, "--wait-for-go")
    with student_processes(url, names, *options) as processes:
        for process in processes:
            assert process.stdout is not None
            assert process.stdout.readline() == "ready\n"
        for process in processes:  # every kernel is open: now they all answer at once
            assert process.stdin is not None
            process.stdin.write("go\n")
            process.stdin.flush()
        deadline = time.monotonic() + DEADLINE_S
        outputs = []
        for process in processes:
            out, err = process.communicate(timeout=max(1.0, deadline - time.monotonic()))
            assert process.returncode == 0, err
            outputs.append([int(line) for line in out.split()])
    return outputs


def test_thirty_kernels_answering_at_once_lose_and_duplicate_nothing(database_url: str) -> None:
    url = database_url
    Store.open(url).close()  # the course's first kernel creates the store
    names = [f"Student {number}" for number in range(STUDENTS)]

    reported = run_class(url, names, "--questions", str(QUESTIONS))

    store = Store.open(url)
    try:
        ids = [store.learner(name) for name in names]
        for learner_id, own in zip(ids, reported, strict=True):
            rows = store.attempts(learner_id)
            assert sorted(row.id for row in rows) == sorted(own)
            assert Counter(row.question_id for row in rows) == {
                f"01-what-is-it/question-{n}": 1 for n in range(QUESTIONS)
            }
            assert {row.attempt_no for row in rows} == {1}
        with store._read() as connection:
            total = connection.scalar(select(func.count()).select_from(attempts))
    finally:
        store.close()
    assert total == STUDENTS * QUESTIONS == sum(len(own) for own in reported)


def test_kernels_of_one_learner_number_their_attempts_without_gaps(database_url: str) -> None:
    """Four tabs of one learner answering one question: attempts 1..40, each exactly once."""
    url = database_url
    Store.open(url).close()
    names = ["Ada"] * 4

    run_class(url, names, "--questions", "1", "--rounds", "10")

    store = Store.open(url)
    try:
        numbers = [row.attempt_no for row in store.attempts(store.learner("Ada"))]
    finally:
        store.close()
    assert sorted(numbers) == list(range(1, 41))


def test_kernels_opening_a_new_store_at_once_create_it_once(database_url: str) -> None:
    """A class's first kernels all find the database empty: one creates the schema, the others
    wait for it and use it."""
    names = [f"Student {number}" for number in range(8)]
    with student_processes(database_url, names, "--questions", "1") as processes:
        for process in processes:
            _, err = process.communicate(timeout=DEADLINE_S)
            assert process.returncode == 0, err
    store = Store.open(database_url)
    try:
        assert sorted(store.name(store.learner(name)) for name in names) == sorted(names)
    finally:
        store.close()
