"""A damaged, locked or unwritable store never stops a lesson: the learner is told instead."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from widgets.progress.location import sqlite_url
from widgets.progress.safe import NOT_SAVED, SafeStore, move_aside
from widgets.progress.store import Store

LESSON = "01-what-is-it"
GARBAGE = bytes(range(256)) * 64


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "progress.sqlite3"


def answer(safe: SafeStore, learner_id: int) -> object:
    return safe.record(
        learner_id, lesson=LESSON, question_id=f"{LESSON}/q", answer=1, correct=True, credit=1.0
    )


def stored_learner(path: Path) -> None:
    store = Store.open(sqlite_url(path))
    store.record(
        store.learner("Ada"), lesson=LESSON, question_id="q", answer=1, correct=True, credit=1
    )
    store.close()


@pytest.fixture
def exclusive_lock(path: Path) -> Iterator[sqlite3.Connection]:
    """Another program holding the store's file with ``BEGIN EXCLUSIVE``."""
    stored_learner(path)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    yield other
    other.close()


def test_a_healthy_store_has_no_status(path: Path) -> None:
    safe = SafeStore.open(sqlite_url(path))
    ada = safe.learner("Ada")
    assert ada is not None
    assert answer(safe, ada) is not None
    assert (safe.status, safe.saving) == (None, True)
    safe.close()


def test_a_damaged_file_is_moved_aside_kept_and_a_fresh_store_started(path: Path) -> None:
    stored_learner(path)
    path.write_bytes(GARBAGE)

    safe = SafeStore.open(sqlite_url(path))

    (moved,) = path.parent.glob("progress.sqlite3.damaged-*")
    assert moved.read_bytes() == GARBAGE
    assert safe.status is not None
    assert str(path) in safe.status
    assert str(moved) in safe.status
    ada = safe.learner("Ada")
    assert ada is not None
    assert answer(safe, ada) is not None
    assert safe.saving
    safe.close()


def test_a_store_that_closed_and_was_damaged_is_moved_aside_at_the_next_write(
    path: Path,
) -> None:
    safe = SafeStore.open(sqlite_url(path))
    ada = safe.learner("Ada")
    assert ada is not None
    safe.close()  # e.g. after the lesson let go of the file, another program overwrote it
    path.write_bytes(GARBAGE)

    assert safe.learner("Ada") is not None
    assert len(list(path.parent.glob("progress.sqlite3.damaged-*"))) == 1
    assert safe.status is not None
    assert "was damaged" in safe.status


def test_moving_aside_never_overwrites_an_earlier_damaged_file(path: Path) -> None:
    path.write_bytes(b"first")
    first = move_aside(path)
    path.write_bytes(b"second")
    second = move_aside(path)
    assert first != second
    assert (first.read_bytes(), second.read_bytes()) == (b"first", b"second")
    assert not path.exists()


def test_a_locked_store_says_so_and_the_lesson_goes_on(
    path: Path, exclusive_lock: sqlite3.Connection
) -> None:
    safe = SafeStore.open(sqlite_url(path), busy_timeout_s=0.2)
    ada = safe.learner("Ada")  # known already: found by reading, which the lock allows
    assert ada is not None
    assert len(safe.attempts(ada)) == 1
    started = time.monotonic()

    saved = answer(safe, ada)

    assert saved is None
    assert 0.2 <= time.monotonic() - started < 2
    assert safe.learner("Grace") is None
    assert safe.status == (f"{NOT_SAVED}the progress file {path} is locked by another program.")
    assert not safe.saving
    exclusive_lock.execute("ROLLBACK")
    assert answer(safe, ada) is not None
    assert safe.status is None
    safe.close()


def test_a_data_folder_that_cannot_exist_says_so_and_nothing_raises(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    monkeypatch.delenv("TC_DATABASE_URL", raising=False)
    monkeypatch.setenv("TC_DATA_DIR", str(tmp_path / "a-file" / "data"))

    safe = SafeStore.open()

    assert safe.status is not None
    assert safe.status.startswith(NOT_SAVED)
    assert f"TC_DATA_DIR='{tmp_path / 'a-file' / 'data'}'" in safe.status
    assert safe.learner("Ada") is None
    assert answer(safe, 1) is None
    assert (safe.attempts(1), safe.lessons(1), safe.export(1)) == ([], [], [])
    assert (safe.start_lesson(1, LESSON), safe.finish_lesson(1, LESSON)) == (None, None)
    assert (safe.save_final_set(1, ["q"]), safe.final_set(1), safe.forget(1)) == (None,) * 3
    safe.close()


def test_a_file_that_is_a_folder_says_it_cannot_be_written(tmp_path: Path) -> None:
    folder = tmp_path / "progress.sqlite3"
    folder.mkdir()
    safe = SafeStore.open(sqlite_url(folder))
    assert safe.status is not None
    assert safe.status.startswith(f"{NOT_SAVED}the progress file {folder} cannot be written")
    assert answer(safe, 1) is None
    assert folder.is_dir()


def test_a_read_only_store_still_shows_progress_but_says_it_is_not_saved(path: Path) -> None:
    stored_learner(path)
    safe = SafeStore.open(f"sqlite:///file:{path}?mode=ro&uri=true")

    assert [a.question_id for a in safe.attempts(1)] == ["q"]
    assert answer(safe, 1) is None
    assert safe.status is not None
    assert safe.status.startswith(f"{NOT_SAVED}the progress file {path} cannot be written")
    safe.close()


def test_a_store_from_a_newer_course_says_so(path: Path) -> None:
    stored_learner(path)
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    safe = SafeStore.open(sqlite_url(path))
    assert safe.status is not None
    assert "another version of the course" in safe.status
    assert str(path) in safe.status


def test_a_database_server_that_does_not_answer_says_so_without_its_password() -> None:
    from tests.conftest import free_port

    where = f"127.0.0.1:{free_port()}/course?connect_timeout=2"
    safe = SafeStore.open(f"postgresql+psycopg://course:s3cret@{where}")

    assert safe.status is not None
    assert safe.status.startswith(
        f"{NOT_SAVED}the progress database postgresql+psycopg://course:***@{where} reported an "
        "error (connection failed: "
    )
    assert "s3cret" not in safe.status
    assert answer(safe, 1) is None
    safe.close()


def test_a_store_on_postgresql_from_a_newer_course_says_so(database_url: str) -> None:
    Store.open(database_url).close()
    engine = create_engine(database_url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    safe = SafeStore.open(database_url)
    assert safe.status is not None
    assert "another version of the course" in safe.status
    safe.close()
