"""Locks the ORM cannot express: shared row locks, and one holder per installation."""

import fcntl
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.db import connection


def share_lock(model, pk) -> None:
    """Hold one row still until the transaction ends, while others may hold it too.

    PostgreSQL: `FOR SHARE` waits for, and makes wait, whoever changes or `FOR UPDATE`-locks the row,
    but not other sharers: the saves of a meting's respondents run side by side, closing waits for
    them (or they see it closed). SQLite: transactions here are IMMEDIATE, so the first statement
    already holds the whole database for writing; there is nothing finer to take."""
    if connection.vendor != "postgresql":
        return
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT 1 FROM {table} WHERE id = %s FOR SHARE", [pk])  # noqa: S608 - our own table name


@contextmanager
def installation_lock(name: str) -> Iterator[bool]:
    """Yields True to the one holder of `name` in the whole installation, False to anyone who tries
    while it is held (they should skip their work, not wait).

    PostgreSQL: a session advisory lock, shared by every instance on the database and released when
    the holder's connection ends, also if its process dies. SQLite: the database is a file on one
    machine, so a lock on a file beside it does the same for every process there."""
    if connection.vendor == "postgresql":
        key = int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
            held = cursor.fetchone()[0]
        try:
            yield held
        finally:
            if held:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_unlock(%s)", [key])
        return
    path = Path(f"{connection.settings_dict['NAME']}.{name}.lock")
    with path.open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
