"""The one statement that stores an answer while answering is allowed.

Saving is what respondents do most, so it is one SQL statement rather than a transaction of
several (the profile is in docs/benchmarks.md). It finds the response by its key (a hash of link and
resume code, see assessments.tokens: holding the key proves holding the link) and the statement by
its number in the meting's questionnaire, and inserts the answer, or replaces the one for the same
statement (unique response and item), but only if, read in the same statement, the response has the
expected source and is not submitted and its meting is open:

- PostgreSQL: `FOR SHARE` on the response and the meting. Closing (which locks the meting for
  update) and submitting (which locks the response) wait for the save, or the save waits for them
  and then checks the changed row again: it never lands after a release or a submission.
- SQLite: one writer at a time, so nothing changes between the check and the write.

Because the statement identifies the response itself, a save from the statement page needs no
query before it (`services.answer_save_with_link`). Nothing is kept between requests.

On PostgreSQL, planning this statement cost more than running it, so outside a transaction it runs
as a prepared statement of the database session (see `_execute`). The Django ORM has no conditional
upsert; the table and column names come from the models.
"""

import functools
import itertools
import re
import weakref
from dataclasses import dataclass

from django.db import ProgrammingError, connection

from bestuursspiegel.assessments.constants import AssessmentStatus
from bestuursspiegel.assessments.models import Assessment
from bestuursspiegel.questionnaires.models import Item

from .models import Answer, Response

PREPARED_NAME = "bestuursspiegel_answer_save"
INVALID_SQL_STATEMENT_NAME = "26000"  # PostgreSQL's SQLSTATE for "prepared statement does not exist"

# The database sessions (psycopg connections) that prepared the statement, and those where a prepared
# statement went missing: behind a pooler in transaction mode each statement may reach another
# session, so these run the statement as it is.
_prepared = weakref.WeakSet()
_unprepared = weakref.WeakSet()


@dataclass(frozen=True)
class Stored:
    response_id: object
    item_id: int


# The parameters in order, as (model, field) for their database types.
_PARAMETERS = (
    (Answer, "value"),
    (Answer, "example"),
    (Item, "number"),
    (Response, "key"),
    (Response, "source"),
    (Assessment, "status"),
)


@functools.cache
def _sql(vendor: str) -> str:
    """`vendor` keys the cache (one database per process)."""
    q = connection.ops.quote_name
    answers, responses = q(Answer._meta.db_table), q(Response._meta.db_table)
    metingen, items = q(Assessment._meta.db_table), q(Item._meta.db_table)
    lock = "FOR SHARE OF r, a" if vendor == "postgresql" else ""
    return f"""
        INSERT INTO {answers} ({q("response_id")}, {q("item_id")}, {q("value")}, {q("example")})
        SELECT r.{q("id")}, i.{q("id")}, %s, %s
        FROM {responses} r
        JOIN {metingen} a ON a.{q("id")} = r.{q("assessment_id")}
        JOIN {items} i ON i.{q("questionnaire_id")} = a.{q("questionnaire_id")} AND i.{q("number")} = %s
        WHERE r.{q("key")} = %s AND r.{q("source")} = %s AND r.{q("submitted_on")} IS NULL AND a.{q("status")} = %s
        {lock}
        ON CONFLICT ({q("response_id")}, {q("item_id")})
        DO UPDATE SET {q("value")} = excluded.{q("value")}, {q("example")} = excluded.{q("example")}
        RETURNING {q("response_id")}, {q("item_id")}
    """  # noqa: S608 - names from the models, values as parameters


@functools.cache
def _prepare_sql() -> str:
    numbers = itertools.count(1)
    body = re.sub("%s", lambda _match: f"${next(numbers)}", _sql("postgresql"))
    types = ", ".join(model._meta.get_field(name).db_type(connection) for model, name in _PARAMETERS)
    return f"PREPARE {PREPARED_NAME} ({types}) AS {body}"


def _execute(cursor, parameters: list) -> None:
    """Run the statement. On PostgreSQL outside a transaction, as the session's prepared statement
    (prepared on first use): planning is done once per session instead of on every save. If the
    session lost it (a pooler reset it, or gave another session), the statement runs as it is, here
    and from then on for this connection; outside a transaction that failed EXECUTE changed nothing.
    Inside a transaction (a live answer) a failed EXECUTE would abort it, so there it runs as it is."""
    raw = connection.connection
    if connection.vendor != "postgresql" or connection.in_atomic_block or raw in _unprepared:
        cursor.execute(_sql(connection.vendor), parameters)
        return
    if raw not in _prepared:
        cursor.execute(_prepare_sql())
        _prepared.add(raw)
    try:
        cursor.execute(f"EXECUTE {PREPARED_NAME} ({', '.join(['%s'] * len(parameters))})", parameters)
    except ProgrammingError as error:
        if getattr(error.__cause__, "sqlstate", None) != INVALID_SQL_STATEMENT_NAME:
            raise
        _unprepared.add(raw)
        cursor.execute(_sql(connection.vendor), parameters)


def answer_upsert(*, key: str, source: str, number: int, value: int, example: str) -> Stored | None:
    """Store or replace the answer to statement `number` of the response under `key` if that response
    (of `source`) may still change. Returns what was stored, or None: nothing was."""
    parameters = [value, example, number, key, source, AssessmentStatus.OPEN.value]
    with connection.cursor() as cursor:
        _execute(cursor, parameters)
        row = cursor.fetchone()
    if row is None:
        return None
    return Stored(response_id=Response._meta.pk.to_python(row[0]), item_id=row[1])
