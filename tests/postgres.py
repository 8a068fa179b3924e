"""A throw-away PostgreSQL server for the tests: a cluster of its own in a temporary folder
(``initdb``), listening on one loopback port only (``pg_ctl``), stopped and removed afterwards.

It uses the server programs of Debian's ``postgresql`` package (``.ci/run`` installs it when
missing), found on ``PATH`` or in ``/usr/lib/postgresql/<version>/bin``. PostgreSQL refuses to
run as root; as root the cluster belongs to the ``postgres`` user the package creates.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import count
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL

from tests.conftest import free_port

SERVER_USER = "postgres"  # the system user Debian's package creates
ROLE = "course"  # the cluster's superuser, trusted on loopback only
INSTALL_HINT = "apt-get install postgresql (as .ci/run does)"


def server_programs() -> Path:
    """The folder of ``initdb`` and ``pg_ctl``; raises naming what to install when missing."""
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).resolve().parent
    installed = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"),
        key=lambda path: int(path.parts[-3]) if path.parts[-3].isdigit() else 0,
    )
    if installed:
        return installed[-1].parent
    raise RuntimeError(f"PostgreSQL's server programs (pg_ctl, initdb) are missing: {INSTALL_HINT}")


@dataclass
class Cluster:
    """A running throw-away server; ``database()`` makes a fresh empty database on it."""

    port: int
    _names: Iterator[int]

    def url(self, database: str = "postgres") -> str:
        return URL.create(
            "postgresql+psycopg", username=ROLE, host="127.0.0.1", port=self.port, database=database
        ).render_as_string(hide_password=False)

    @contextmanager
    def database(self) -> Iterator[str]:
        """A new database's URL, dropped afterwards (with any connection still open to it)."""
        name = f"test_{next(self._names)}"
        admin = create_engine(self.url(), isolation_level="AUTOCOMMIT")
        try:
            with admin.connect() as connection:
                connection.execute(text(f'CREATE DATABASE "{name}"'))
            yield self.url(name)
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        finally:
            admin.dispose()


def _as_server_user() -> tuple[list[str], int | None]:
    """The command prefix and user id to run the server programs under."""
    if os.geteuid() != 0:
        return [], None
    try:
        uid = pwd.getpwnam(SERVER_USER).pw_uid
    except KeyError:
        raise RuntimeError(
            f"running as root, and there is no {SERVER_USER!r} user to run PostgreSQL as: "
            f"{INSTALL_HINT}"
        ) from None
    return ["runuser", "-u", SERVER_USER, "--"], uid


@contextmanager
def throwaway_cluster() -> Iterator[Cluster]:
    """Start a server in a temporary folder; stop it and delete the folder afterwards."""
    programs = server_programs()
    prefix, uid = _as_server_user()
    folder = Path(tempfile.mkdtemp(prefix="tc-postgres-"))
    data, log = folder / "data", folder / "server.log"
    if uid is not None:
        os.chown(folder, uid, -1)

    def run(*command: str) -> None:
        done = subprocess.run([*prefix, *command], capture_output=True, text=True, check=False)
        if done.returncode != 0:
            extra = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            name = Path(command[0]).name
            raise RuntimeError(f"{name} failed ({done.returncode}): {done.stderr.strip()}\n{extra}")

    port = free_port()
    started = False
    try:
        run(
            str(programs / "initdb"),
            "--pgdata",
            str(data),
            "--username",
            ROLE,
            "--auth",
            "trust",
            "--encoding",
            "UTF8",
            "--no-sync",  # a throw-away cluster: nothing to keep if the machine stops
        )
        options = f"-c listen_addresses=127.0.0.1 -p {port} -k {folder} -c max_connections=200"
        run(str(programs / "pg_ctl"), "--pgdata", str(data), "--log", str(log), "--wait",
            "--timeout", "60", "--options", options, "start")  # fmt: skip
        started = True
        yield Cluster(port, count(1))
    finally:
        if started:
            run(str(programs / "pg_ctl"), "--pgdata", str(data), "--mode", "fast", "--wait", "stop")
        shutil.rmtree(folder, ignore_errors=True)
