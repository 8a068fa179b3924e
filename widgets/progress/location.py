"""Where the progress database is: a database URL from the environment, or a SQLite file.

``TC_DATABASE_URL`` (any SQLAlchemy URL, e.g. ``postgresql+psycopg://host/course``) wins; else
the file ``progress.sqlite3`` in ``TC_DATA_DIR`` if set, else in the user's data directory.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import platformdirs
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

DATABASE_URL_ENV = "TC_DATABASE_URL"
DATA_DIR_ENV = "TC_DATA_DIR"
APP_NAME = "tumoral-calcinosis-course"
FILE_NAME = "progress.sqlite3"


class LocationError(ValueError):
    """The environment names a database or folder that cannot be used."""


def database_url(environ: Mapping[str, str] | None = None) -> str:
    """The progress database's URL; creates the data folder (mode 0700) when it is missing."""
    environ = os.environ if environ is None else environ
    url = environ.get(DATABASE_URL_ENV, "").strip()
    if url:
        _parse(url, source=f"{DATABASE_URL_ENV}={url!r}")
        return url
    folder = environ.get(DATA_DIR_ENV, "").strip()
    source = f"{DATA_DIR_ENV}={folder!r}" if folder else "the user data directory"
    path = Path(folder) if folder else Path(platformdirs.user_data_dir(APP_NAME))
    return sqlite_url(_usable_folder(path.expanduser(), source=source) / FILE_NAME)


def sqlite_url(path: Path) -> str:
    return URL.create("sqlite", database=str(path.absolute())).render_as_string()


def sqlite_file(url: str) -> Path | None:
    """The file a SQLite URL names (also in ``file:`` URI form), or None (a server, memory)."""
    parsed = _parse(url, source=repr(url))
    database = parsed.database or ""
    if not parsed.drivername.startswith("sqlite") or database in ("", ":memory:"):
        return None
    if parsed.query.get("uri") == "true" and database.startswith("file:"):
        database = database.removeprefix("file:").split("?")[0]
        return None if database in ("", ":memory:") else Path(database)
    return Path(database)


def describe(url: str) -> str:
    """How to name the store to a person: its file, or its URL without the password."""
    path = sqlite_file(url)
    if path is not None:
        return str(path)
    return _parse(url, source=repr(url)).render_as_string(hide_password=True)


def _parse(url: str, *, source: str) -> URL:
    try:
        return make_url(url)
    except ArgumentError as error:
        raise LocationError(f"{source} is not a database URL: {error}") from None


def _usable_folder(path: Path, *, source: str) -> Path:
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as error:
        reason = error.strerror or str(error)
        raise LocationError(f"{source} cannot hold the progress file: {path}: {reason}") from None
    if not os.access(path, os.W_OK | os.X_OK):
        raise LocationError(f"{source} cannot hold the progress file: {path} is not writable")
    return path
