"""The results app's public face: releasing a meting's figures, at closing and in a live session.

A release is made inside the transaction that changes what may be seen, so nothing can come in
between: closing locks the meting's row for update, and saving or submitting an answer holds it
with a shared lock (`responses.services._response_locked`), so a submission either happened before
the release and is in it, or finds the meting closed.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bestuursspiegel.assessments.constants import AssessmentStatus
from bestuursspiegel.assessments.models import Assessment
from bestuursspiegel.assessments.services import assessment_mark_closed, mail_participant
from bestuursspiegel.audit.services import audit_record
from bestuursspiegel.responses.services import live_responses_submit

from .models import Release
from .release import release_data, reveal_data


@transaction.atomic
def assessment_close(*, assessment, actor):
    """Close a meting: no more answers, live responses are submitted, and the figures are released."""
    assessment = assessment_mark_closed(assessment=assessment, actor=actor)
    live_responses_submit(assessment)
    release_final(assessment=assessment, actor=actor)
    return assessment


def results_viewed(*, assessment, result, actor, **detail) -> None:
    """Who looked at a meting's results, and whether figures were visible (page or API)."""
    audit_record(
        actor=actor,
        action="results.view",
        organisation=assessment.organisation,
        target=assessment,
        visible=result.visible,
        **detail,
    )


def reopen_refusal(assessment) -> str | None:
    """Why this meting cannot take answers again, or None. Reopening is safe where a later release
    cannot be compared with an earlier one: in open comparison (the group sees answers anyway), or
    when nothing was published (every figure was below the threshold). Otherwise the second final
    release would differ from the first by the answers of those who came later, perhaps one person."""
    if assessment.status != AssessmentStatus.CLOSED:
        return _("Only a closed assessment can be opened again.")
    if assessment.purged_on:
        return _("The answers of this assessment were deleted after the retention period.")
    if assessment.is_anonymous and any(_published(release.data) for release in assessment.releases.all()):
        return _(
            "Its results have been released. A second release could differ from the first by the answers "
            "of a few people, so it cannot be opened again; start a follow-up assessment instead."
        )
    return None


def _published(data: dict) -> bool:
    cells = [data] if "items" not in data else [*data["items"].values(), *data.get("patterns", {}).values()]
    return any(cell.get("counts") is not None for cell in cells)


@transaction.atomic
def assessment_reopen(*, assessment, actor):
    """Take answers again; the final release (which published nothing, or open figures) is withdrawn."""
    assessment = Assessment.objects.same(assessment).select_for_update().get()
    refusal = reopen_refusal(assessment)
    if refusal:
        raise ValidationError(refusal)
    assessment.releases.filter(kind=Release.Kind.FINAL).delete()
    assessment.status, assessment.closed_at = AssessmentStatus.OPEN, None
    assessment.save(update_fields=["status", "closed_at"])
    audit_record(actor=actor, action="assessment.reopen", organisation=assessment.organisation, target=assessment)
    return assessment


@transaction.atomic
def results_share(*, assessment, actor, notify: bool) -> int:
    """Let the participants see the released results (the same release, through the same gate) with
    their own link; a choice of the facilitator, recorded. With `notify`, everyone with an address
    gets an e-mail without a link. Returns the number of e-mails."""
    assessment = Assessment.objects.same(assessment).select_for_update().get()
    if not assessment.releases.filter(kind=Release.Kind.FINAL).exists():
        raise ValidationError(_("Results can be shared once they are released, when the assessment closes."))
    if assessment.results_shared_at is None:
        assessment.results_shared_at = timezone.now()
        assessment.save(update_fields=["results_shared_at"])
    people = list(assessment.participants.exclude(email="")) if notify else []
    for participant in people:
        mail_participant(participant, "results/email/shared")
    audit_record(
        actor=actor,
        action="results.share",
        organisation=assessment.organisation,
        target=assessment,
        emails=len(people),
    )
    return len(people)


@transaction.atomic
def release_final(*, assessment, actor) -> Release:
    """The one final release of a meting; a second call returns the first."""
    existing = assessment.releases.filter(kind=Release.Kind.FINAL).first()
    if existing is not None:
        return existing
    release = Release.objects.create(
        assessment=assessment, kind=Release.Kind.FINAL, released_by=actor, data=release_data(assessment)
    )
    shown = sum(cell["counts"] is not None for cell in release.data["items"].values())
    _audit(release, actor, submitted=release.data["submitted"], shown=shown)
    return release


def _audit(release: Release, actor, **detail) -> None:
    assessment = release.assessment
    audit_record(
        actor=actor,
        action="results.release",
        organisation=assessment.organisation,
        target=assessment,
        kind=release.kind,
        **detail,
    )


@transaction.atomic
def release_reveal(*, assessment, item, actor) -> Release:
    """Show one statement's live answers to the group. Once a meting is closed its final release is
    the last word: a reveal after it could differ from it by a few people's answers."""
    if assessment.releases.filter(kind=Release.Kind.FINAL).exists() or not assessment.accepts_answers:
        raise ValidationError(_("This assessment is closed; its results were released at closing."))
    release, created = Release.objects.get_or_create(
        assessment=assessment,
        kind=Release.Kind.REVEAL,
        item=item,
        defaults={"released_by": actor, "data": reveal_data(assessment, item)},
    )
    if created:
        _audit(release, actor, number=item.number, shown=release.data["counts"] is not None)
    return release
