"""The interpretation app's public face: writes after the conversation, each audited."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from bestuursspiegel.audit.services import audit_record

from .models import DiscussionNote, LandkaartPosition, PhaseDecision, ShortlistEntry


@transaction.atomic
def discussion_notes_save(*, assessment, actor, notes: dict) -> int:
    """`notes` maps an item to (notes, conclusions). Empty pairs remove the note. Returns changes."""
    changed = 0
    existing = {n.item_id: n for n in assessment.discussion_notes.all()}
    for item, (text, conclusions) in notes.items():
        text, conclusions = text.strip(), conclusions.strip()
        note = existing.get(item.pk)
        if not text and not conclusions:
            if note:
                note.delete()
                changed += 1
            continue
        if note and (note.notes, note.conclusions) == (text, conclusions):
            continue
        DiscussionNote.objects.update_or_create(
            assessment=assessment, item=item, defaults={"notes": text, "conclusions": conclusions, "updated_by": actor}
        )
        changed += 1
    if changed:
        audit_record(
            actor=actor,
            action="discussion.notes",
            organisation=assessment.organisation,
            target=assessment,
            count=changed,
        )
    return changed


@transaction.atomic
def phase_decide(*, assessment, actor, level, suggested_level, reason: str = "") -> PhaseDecision:
    """Confirm the suggested phase, or choose another with a reason."""
    reason = reason.strip()
    if suggested_level is not None and level != suggested_level and not reason:
        raise ValidationError(_("Give a reason for choosing another phase than the suggested one."))
    if suggested_level is None and not reason:
        raise ValidationError(_("There is no suggestion yet; give a reason for the phase you choose."))
    decision = PhaseDecision.objects.create(
        assessment=assessment, level=level, suggested_level=suggested_level, reason=reason, decided_by=actor
    )
    audit_record(
        actor=actor,
        action="phase.decide",
        organisation=assessment.organisation,
        target=assessment,
        level=level.slug,
        suggested=suggested_level.slug if suggested_level else "",
    )
    return decision


def phase_current(assessment) -> PhaseDecision | None:
    return assessment.phase_decisions.select_related("level", "suggested_level", "decided_by").first()


@transaction.atomic
def shortlist_add(*, assessment, actor, instrument, note: str = "") -> ShortlistEntry:
    entry, created = ShortlistEntry.objects.get_or_create(
        assessment=assessment, instrument=instrument, defaults={"note": note.strip(), "added_by": actor}
    )
    if created:
        audit_record(
            actor=actor,
            action="shortlist.add",
            organisation=assessment.organisation,
            target=assessment,
            instrument=instrument.slug,
        )
    return entry


@transaction.atomic
def shortlist_remove(*, assessment, actor, instrument) -> bool:
    deleted, _detail = ShortlistEntry.objects.filter(assessment=assessment, instrument=instrument).delete()
    if deleted:
        audit_record(
            actor=actor,
            action="shortlist.remove",
            organisation=assessment.organisation,
            target=assessment,
            instrument=instrument.slug,
        )
    return bool(deleted)


@transaction.atomic
def landkaart_save(*, assessment, actor, positions: dict) -> None:
    """`positions` maps a questionnaire section to (stage or None, note)."""
    for section, (stage, note) in positions.items():
        if stage is None:
            LandkaartPosition.objects.filter(assessment=assessment, section=section).delete()
            continue
        LandkaartPosition.objects.update_or_create(
            assessment=assessment,
            section=section,
            defaults={"stage": stage, "note": note.strip(), "recorded_by": actor},
        )
    audit_record(actor=actor, action="landkaart.save", organisation=assessment.organisation, target=assessment)
