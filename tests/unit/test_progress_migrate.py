"""The shipped migrations build exactly the schema's tables, and go down and up again, on SQLite
and on PostgreSQL."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, create_engine, inspect

from tests.conftest import ROOT
from widgets.progress import migrate
from widgets.progress.location import sqlite_url
from widgets.progress.schema import METADATA, SCHEMA_REVISION
from widgets.progress.store import SchemaError, Store


def migrated(tmp_path: Path) -> Engine:
    url = sqlite_url(tmp_path / "progress.sqlite3")
    Store.open(url).close()
    return create_engine(url)


def differences(engine: Engine) -> list[object]:
    with engine.connect() as connection:
        return list(compare_metadata(MigrationContext.configure(connection), METADATA))


def test_opening_a_store_migrates_it_to_the_newest_revision(tmp_path: Path) -> None:
    with migrated(tmp_path).connect() as connection:
        assert migrate.current(connection) == migrate.head()


def test_the_schema_module_names_the_newest_revision() -> None:
    assert migrate.head() == SCHEMA_REVISION


@pytest.mark.parametrize(
    "store", ["widgets.progress.store:Store", "widgets.progress.safe:SafeStore"]
)
def test_a_store_at_the_newest_revision_opens_without_alembic(tmp_path: Path, store: str) -> None:
    # Alembic with Mako and Pygments is about 12 MiB of every lesson kernel that shows a quiz.
    migrated(tmp_path)
    module, name = store.split(":")
    script = (
        f"import sys; from {module} import {name}; "
        f"{name}.open({sqlite_url(tmp_path / 'progress.sqlite3')!r}).close(); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('alembic', 'mako')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout
    assert out.strip() == "[]"


def test_a_store_from_a_newer_course_is_refused_with_alembic_s_reason(tmp_path: Path) -> None:
    engine = migrated(tmp_path)
    with engine.begin() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(SchemaError, match="9999"):
        Store.open(sqlite_url(tmp_path / "progress.sqlite3"))


def test_the_migrated_database_matches_the_schema(database_url: str) -> None:
    Store.open(database_url).close()
    engine = create_engine(database_url)
    try:
        assert differences(engine) == []
    finally:
        engine.dispose()


def test_the_comparison_sees_a_table_the_migrations_lack(tmp_path: Path) -> None:
    engine = migrated(tmp_path)
    with engine.begin() as connection:
        connection.exec_driver_sql("DROP TABLE final_sets")
    assert [difference[0] for difference in differences(engine)] == ["add_table"]  # type: ignore[index]


def test_downgrade_to_nothing_and_upgrade_again_round_trips(database_url: str) -> None:
    Store.open(database_url).close()
    engine = create_engine(database_url)
    try:
        with engine.begin() as connection:
            migrate.downgrade(connection, "base")
        assert set(inspect(engine).get_table_names()) == {"alembic_version"}
        with engine.begin() as connection:
            migrate.upgrade(connection)
            assert migrate.current(connection) == migrate.head()
        assert differences(engine) == []
    finally:
        engine.dispose()


def test_the_migration_scripts_ship_inside_the_package() -> None:
    folder = migrate.MIGRATIONS
    assert folder.is_relative_to(Path(migrate.__file__).parent)
    assert {"env.py", "script.py.mako"} <= {path.name for path in folder.iterdir()}
