"""Where the progress database is: TC_DATABASE_URL, else TC_DATA_DIR, else the data directory."""

from __future__ import annotations

import stat
from pathlib import Path

import platformdirs
import pytest

from widgets.progress.location import (
    APP_NAME,
    FILE_NAME,
    LocationError,
    database_url,
    describe,
    sqlite_file,
    sqlite_url,
)


def test_a_database_url_wins_over_a_data_folder(tmp_path: Path) -> None:
    url = "postgresql+psycopg://course:secret@db.example.org/progress"
    environ = {"TC_DATABASE_URL": url, "TC_DATA_DIR": str(tmp_path)}
    assert database_url(environ) == url
    assert not any(tmp_path.iterdir())


def test_the_data_folder_holds_the_sqlite_file_and_is_created_private(tmp_path: Path) -> None:
    folder = tmp_path / "new" / "data"
    url = database_url({"TC_DATA_DIR": str(folder)})
    assert sqlite_file(url) == folder / FILE_NAME
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_without_either_the_users_data_directory_is_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    url = database_url({})
    assert sqlite_file(url) == Path(platformdirs.user_data_dir(APP_NAME)) / FILE_NAME
    assert sqlite_file(url) == tmp_path / APP_NAME / FILE_NAME


def test_a_data_folder_below_a_file_is_refused_naming_variable_and_value(
    tmp_path: Path,
) -> None:
    (tmp_path / "a-file").write_text("not a folder", encoding="utf-8")
    folder = tmp_path / "a-file" / "data"
    with pytest.raises(LocationError, match=rf"TC_DATA_DIR='{folder}' cannot hold"):
        database_url({"TC_DATA_DIR": str(folder)})


def test_a_malformed_database_url_is_refused_naming_the_variable() -> None:
    with pytest.raises(LocationError, match=r"TC_DATABASE_URL='not a url' is not a database"):
        database_url({"TC_DATABASE_URL": "not a url"})


def test_a_sqlite_uri_names_its_file_and_memory_names_none(tmp_path: Path) -> None:
    path = tmp_path / "p.sqlite3"
    assert sqlite_file(f"sqlite:///file:{path}?mode=ro&uri=true") == path
    assert sqlite_file(sqlite_url(path)) == path
    assert sqlite_file("sqlite://") is None
    assert sqlite_file("postgresql://db/progress") is None


def test_a_server_is_described_without_its_password() -> None:
    described = describe("postgresql+psycopg://course:secret@db.example.org/progress")
    assert "secret" not in described
    assert "db.example.org/progress" in described
