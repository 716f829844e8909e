"""Row locks the ORM cannot express."""

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
