"""Alembic's environment for the progress store: migrate the connection the store hands over.

``widgets.progress.migrate`` builds the Alembic configuration in code and puts its open
connection in ``config.attributes["connection"]``; no ``alembic.ini`` is needed. Run by hand
(``alembic -c <ini> revision --autogenerate``), it connects to ``sqlalchemy.url`` instead.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine

from widgets.progress.schema import METADATA


def run_migrations(connection: Connection) -> None:
    # Batch mode lets later migrations alter SQLite tables (by copying them).
    context.configure(connection=connection, target_metadata=METADATA, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def main() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        run_migrations(connection)
        return
    url = context.config.get_main_option("sqlalchemy.url")
    if url is None:
        raise RuntimeError("set sqlalchemy.url, or migrate through widgets.progress.migrate")
    with create_engine(url).begin() as own_connection:
        run_migrations(own_connection)


# Alembic installs ``context.config`` while it runs this file; importing it alone does nothing.
if hasattr(context, "config"):
    main()
