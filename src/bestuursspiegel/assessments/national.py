"""The operators' overview across organisations: how many metingen and participants, never answers.

For whoever hosts the product for many municipalities (a province, VNG): one row per organisation,
counted in the database with one query (a subquery per column, so 342 organisations with thousands
of respondents cost no more round trips than three). Only operators (superusers, who must use
two-step login) see it; it shows counts that each organisation's facilitators already see.
"""

from dataclasses import dataclass

from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from bestuursspiegel.organisations.constants import OrganisationKind
from bestuursspiegel.organisations.models import Organisation

from .constants import AssessmentStatus

COLUMNS = ("assessment_count", "open_count", "invited_count", "submitted_count")


def _counted(path: str, condition: Q | None = None):
    """A count over one relation of the outer organisation, as a subquery (no row multiplication)."""
    per_organisation = Organisation.objects.filter(pk=OuterRef("pk")).annotate(n=Count(path, filter=condition))
    return Coalesce(Subquery(per_organisation.values("n")), 0)


def organisations_overview():
    """Every organisation by name, with its metingen (all and open), invited participants and
    submitted responses."""
    return (
        Organisation.objects.annotate(
            assessment_count=_counted("assessments"),
            open_count=_counted("assessments", Q(assessments__status=AssessmentStatus.OPEN)),
            invited_count=_counted("assessments__participants"),
            submitted_count=_counted("assessments__responses", Q(assessments__responses__submitted_on__isnull=False)),
        )
        .order_by("name")
        .values("name", "kind", *COLUMNS)
    )


@dataclass(frozen=True)
class Overview:
    rows: list[dict]
    totals: dict[str, int]


def national_overview() -> Overview:
    rows = [row | {"kind": OrganisationKind(row["kind"]).label} for row in organisations_overview()]
    return Overview(rows=rows, totals={column: sum(row[column] for row in rows) for column in COLUMNS})
