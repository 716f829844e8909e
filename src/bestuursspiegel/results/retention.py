"""Retention: after an organisation's retention period, a closed meting loses its raw answers.

What stays: the releases (the published counts, so the results, reports and trend look the same),
the number of respondents, and the audit log. What goes: every answer and example, pattern
answers, the secret-link hashes, the participants' names and e-mail addresses, and the response
references a release kept (which examples to show, which answers a live reveal counted).
"""

import datetime

from django.db import transaction
from django.utils import timezone

from bestuursspiegel.assessments.constants import AssessmentStatus
from bestuursspiegel.assessments.models import Assessment
from bestuursspiegel.audit.services import audit_record
from bestuursspiegel.responses.models import Answer, PatternAnswer

from .models import Release
from .services import release_final


def _without_references(data: dict) -> dict:
    cells = [*data.get("items", {}).values(), *data.get("patterns", {}).values()]
    for cell in [data, *cells]:
        if "examples" in cell:
            cell["examples"] = []
        cell.pop("responses", None)
    return data


@transaction.atomic
def assessment_purge(*, assessment: Assessment, actor=None) -> Assessment:
    assessment = Assessment.objects.same(assessment).select_for_update().get()
    if assessment.purged_on:
        return assessment
    release_final(assessment=assessment, actor=actor)  # closed metingen have one; never purge without it
    for release in Release.objects.filter(assessment=assessment):
        release.data = _without_references(release.data)
        release.save(update_fields=["data"])
    answers, _ = Answer.objects.filter(response__assessment=assessment).delete()
    PatternAnswer.objects.filter(response__assessment=assessment).delete()
    assessment.responses.update(participant=None, key=None)
    for number, participant in enumerate(assessment.participants.order_by("pk"), start=1):
        participant.name, participant.email = f"#{number}", ""
        participant.token_hash = f"purged-{participant.uuid.hex}"
        participant.save(update_fields=["name", "email", "token_hash"])
    assessment.purged_on = timezone.localdate()
    assessment.save(update_fields=["purged_on"])
    audit_record(
        actor=actor,
        action="assessment.purge",
        organisation=assessment.organisation,
        target=assessment,
        removed_rows=answers,
    )
    return assessment


def purge_expired(today: datetime.date | None = None) -> list[Assessment]:
    """Purge every closed meting whose organisation's retention period has passed."""
    today = today or timezone.localdate()
    purged = []
    # Retention runs for every organisation at once (a scheduled command), hence unscoped.
    candidates = (
        Assessment.objects.unscoped()
        .filter(status=AssessmentStatus.CLOSED, purged_on__isnull=True)
        .select_related("organisation")
    )
    for assessment in candidates:
        closed = timezone.localdate(assessment.closed_at) if assessment.closed_at else None
        if closed and closed + datetime.timedelta(days=assessment.organisation.retention_days) <= today:
            purged.append(assessment_purge(assessment=assessment))
    return purged
