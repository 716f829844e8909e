"""Who is answering, in one query: the link's participant with its meting and organisation and, when
the browser holds a resume code, the response stored under link and code.

The statement is written once per process from the models' metadata, not compiled by the ORM on
every request: building the same join of four tables (some 70 columns) cost several times more than
running it, and was the largest part of an answer save (docs/benchmarks.md). Values pass through each
field's own database converters, so the instances equal what the ORM returns.
"""

import functools
from dataclasses import dataclass

from django.db import connection

from bestuursspiegel.assessments.models import Assessment, Participant
from bestuursspiegel.assessments.tokens import participant_token_hash, response_key
from bestuursspiegel.organisations.models import Organisation

from .models import Response


@dataclass(frozen=True)
class _Table:
    model: type
    alias: str
    columns: slice
    attnames: tuple[str, ...]
    converters: tuple  # per field: ((converter, expression), ...)
    pk_at: int  # the primary key's position in the row: NULL when an outer join found nothing


@dataclass(frozen=True)
class Found:
    participant: Participant
    response: Response | None


@functools.cache
def _statement(vendor: str) -> tuple[str, tuple[_Table, ...]]:
    """The SQL and how to read its row; `vendor` keys the cache (one database per process)."""
    quote = connection.ops.quote_name
    selected, tables = [], []
    for model, alias in ((Participant, "p"), (Assessment, "a"), (Organisation, "o"), (Response, "r")):
        fields = model._meta.concrete_fields
        start = len(selected)
        selected += [f"{alias}.{quote(field.column)}" for field in fields]
        converters = []
        for field in fields:
            expression = field.get_col(alias)
            found = connection.ops.get_db_converters(expression) + field.get_db_converters(connection)
            converters.append(tuple((converter, expression) for converter in found))
        tables.append(
            _Table(
                model=model,
                alias=alias,
                columns=slice(start, len(selected)),
                attnames=tuple(field.attname for field in fields),
                converters=tuple(converters),
                pk_at=start + list(fields).index(model._meta.pk),
            )
        )

    def column(model, name):
        return quote(model._meta.get_field(name).column)

    def table(model):
        return quote(model._meta.db_table)

    meting_of_participant = f"p.{column(Participant, 'assessment')}"
    # Only identifiers from the models' metadata, quoted; the two values are parameters.
    sql = (
        f"SELECT {', '.join(selected)} FROM {table(Participant)} p "  # noqa: S608
        f"INNER JOIN {table(Assessment)} a ON a.{column(Assessment, 'id')} = {meting_of_participant} "
        f"INNER JOIN {table(Organisation)} o ON o.{column(Organisation, 'id')} = a.{column(Assessment, 'organisation')} "
        f"LEFT OUTER JOIN {table(Response)} r ON r.{column(Response, 'key')} = %s "
        f"AND r.{column(Response, 'assessment')} = {meting_of_participant} "
        f"WHERE p.{column(Participant, 'token_hash')} = %s"
    )
    return sql, tuple(tables)


def _instance(table: _Table, row):
    if row[table.pk_at] is None:
        return None
    values = list(row[table.columns])
    for position, converters in enumerate(table.converters):
        for converter, expression in converters:
            values[position] = converter(values[position], expression, connection)
    return table.model.from_db(connection.alias, table.attnames, values)


def identify(token: str, resume_code: str) -> Found | None:
    """The participant of a (well-formed) link, and the response under link and resume code if this
    browser holds one ("" for none). Both keys come from the same link, so they cannot be mixed."""
    sql, tables = _statement(connection.vendor)
    key = response_key(token, resume_code) if resume_code else None
    with connection.cursor() as cursor:
        cursor.execute(sql, [key, participant_token_hash(token)])
        row = cursor.fetchone()
    if row is None:
        return None
    participant, assessment, organisation, response = (_instance(table, row) for table in tables)
    assessment.organisation = organisation
    participant.assessment = assessment
    if response is not None:
        response.assessment = assessment
    return Found(participant, response)
