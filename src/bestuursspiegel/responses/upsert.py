"""The one statement that stores an answer while answering is allowed.

Saving is what respondents do most, so it is one SQL statement rather than a transaction of
several (the profile is in docs/benchmarks.md). It inserts the answer, or replaces the one for the
same statement (unique response and item), but only if, read in the same statement, the response
is not submitted and its meting is open:

- PostgreSQL: `FOR SHARE` on the response and the meting. Closing (which locks the meting for
  update) and submitting (which locks the response) wait for the save, or the save waits for them
  and then checks the changed row again: it never lands after a release or a submission.
- SQLite: one writer at a time, so nothing changes between the check and the write.

The Django ORM has no conditional upsert; the table and column names come from the models.
"""

from django.db import connection

from bestuursspiegel.assessments.constants import AssessmentStatus
from bestuursspiegel.assessments.models import Assessment

from .models import Answer, Response


def _sql() -> str:
    q = connection.ops.quote_name
    lock = "FOR SHARE" if connection.vendor == "postgresql" else ""
    return f"""
        INSERT INTO {q(Answer._meta.db_table)} ({q("response_id")}, {q("item_id")}, {q("value")}, {q("example")})
        SELECT %s, %s, %s, %s
        WHERE EXISTS (
            SELECT 1 FROM {q(Response._meta.db_table)} r
            JOIN {q(Assessment._meta.db_table)} a ON a.{q("id")} = r.{q("assessment_id")}
            WHERE r.{q("id")} = %s AND r.{q("submitted_on")} IS NULL AND a.{q("status")} = %s
            {lock}
        )
        ON CONFLICT ({q("response_id")}, {q("item_id")})
        DO UPDATE SET {q("value")} = excluded.{q("value")}, {q("example")} = excluded.{q("example")}
    """  # noqa: S608 - names from the models, values as parameters


def answer_upsert(*, response: Response, item_id: int, value: int, example: str) -> bool:
    """Store or replace one answer if the response may still change. Returns whether it was stored."""
    key = Response._meta.pk.get_db_prep_value(response.pk, connection)
    with connection.cursor() as cursor:
        cursor.execute(_sql(), [key, item_id, value, example, key, AssessmentStatus.OPEN.value])
        return cursor.rowcount == 1
