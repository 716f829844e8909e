"""The assessments app's public face: creating and running a meting.

Every write is a keyword-only function under a transaction; views only call these.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from bestuursspiegel.audit.services import audit_record
from bestuursspiegel.questionnaires.constants import SCALE_VALUES
from bestuursspiegel.questionnaires.services import questionnaire_current

from .constants import DEFAULT_PHASE1_MIN_OUTSIDE, DEFAULT_PHASE2_MIN_OUTSIDE, AssessmentStatus, Mode
from .models import Assessment, Norm, NormChange, Participant
from .participant_list import ParticipantData
from .tokens import participant_token_hash, token_generate


@dataclass(frozen=True)
class IssuedInvitation:
    """A participant with their secret link; exists only in memory, shown once."""

    participant: Participant
    token: str

    @property
    def path(self) -> str:
        return reverse("responses:enter", args=[self.token])


def _validate_settings(*, mode: str, anonymity_threshold: int, norm_min_share: int) -> None:
    if mode not in Mode.values:
        raise ValidationError(_("Choose anonymous or open comparison."))
    if mode == Mode.ANONYMOUS and anonymity_threshold < settings.MIN_ANONYMITY_THRESHOLD:
        raise ValidationError(
            _("In anonymous mode the threshold is at least %(minimum)s respondents.")
            % {"minimum": settings.MIN_ANONYMITY_THRESHOLD}
        )
    if not 1 <= norm_min_share <= 100:
        raise ValidationError(_("The minimum share must be between 1 and 100 percent."))


@transaction.atomic
def assessment_create(
    *,
    organisation,
    actor,
    title: str,
    run_by: str,
    introduction: str = "",
    mode: str = Mode.ANONYMOUS,
    anonymity_threshold: int = settings.MIN_ANONYMITY_THRESHOLD,
    norm_min_share: int = 75,
    include_patterns: bool = False,
    compare_groups: bool = True,
    allow_examples: bool = True,
) -> Assessment:
    _validate_settings(mode=mode, anonymity_threshold=anonymity_threshold, norm_min_share=norm_min_share)
    questionnaire = questionnaire_current()
    assessment = Assessment.objects.create(
        organisation=organisation,
        questionnaire=questionnaire,
        title=title,
        run_by=run_by,
        introduction=introduction,
        mode=mode,
        anonymity_threshold=anonymity_threshold,
        norm_min_share=norm_min_share,
        include_patterns=include_patterns,
        compare_groups=compare_groups,
        allow_examples=allow_examples,
        created_by=actor,
    )
    Norm.objects.bulk_create(
        Norm(assessment=assessment, item=item, acceptable_values=item.default_acceptable)
        for item in questionnaire.items.all()
    )
    audit_record(actor=actor, action="assessment.create", organisation=organisation, target=assessment)
    return assessment


def assessment_lock(assessment: Assessment) -> None:
    """Fix what respondents were promised (mode, threshold, groups, examples) and start recording norm
    changes. Called when the first respondent opens a link, joins live, answers, or a paper form is entered."""
    if assessment.locked_on is None:
        today = timezone.localdate()
        Assessment.objects.same(assessment).filter(locked_on__isnull=True).update(locked_on=today)
        assessment.locked_on = today


LOCKED_SETTINGS = ("mode", "anonymity_threshold", "include_patterns", "compare_groups", "allow_examples")


@transaction.atomic
def assessment_update(
    *,
    assessment: Assessment,
    actor,
    title: str,
    run_by: str,
    introduction: str,
    mode: str,
    anonymity_threshold: int,
    include_patterns: bool = False,
    compare_groups: bool = True,
    allow_examples: bool = True,
) -> Assessment:
    """Texts can always change; what respondents were promised only until the first one opens a link."""
    assessment = Assessment.objects.same(assessment).select_for_update().get()
    fixed = {
        "mode": mode,
        "anonymity_threshold": anonymity_threshold,
        "include_patterns": include_patterns,
        "compare_groups": compare_groups,
        "allow_examples": allow_examples,
    }
    if assessment.is_locked and any(getattr(assessment, name) != value for name, value in fixed.items()):
        raise ValidationError(
            _(
                "A participant has opened their link, so the mode, the threshold, the group comparison and "
                "the examples can no longer change."
            )
        )
    _validate_settings(mode=mode, anonymity_threshold=anonymity_threshold, norm_min_share=assessment.norm_min_share)
    assessment.title, assessment.run_by, assessment.introduction = title, run_by, introduction
    for name, value in fixed.items():
        setattr(assessment, name, value)
    assessment.save()
    audit_record(actor=actor, action="assessment.update", organisation=assessment.organisation, target=assessment)
    return assessment


@dataclass(frozen=True)
class NormSettings:
    """Everything set in advance: acceptable answers, serious statements, and the phase rules."""

    acceptable: dict[int, list[int]]
    norm_min_share: int
    serious: frozenset[int] = frozenset()
    phase1_min_outside: int = DEFAULT_PHASE1_MIN_OUTSIDE
    phase2_min_outside: int = DEFAULT_PHASE2_MIN_OUTSIDE


def _clean_norms(assessment, norms, settings_: NormSettings) -> None:
    _validate_settings(
        mode=assessment.mode,
        anonymity_threshold=assessment.anonymity_threshold,
        norm_min_share=settings_.norm_min_share,
    )
    if set(settings_.acceptable) != set(norms) or not set(settings_.serious) <= set(norms):
        raise ValidationError(_("Every statement needs a norm."))
    for item_id, values in settings_.acceptable.items():
        if not values:
            raise ValidationError(
                _("Statement %(number)s: choose at least one acceptable answer.")
                % {"number": norms[item_id].item.number}
            )
        if any(int(v) not in SCALE_VALUES for v in values):
            raise ValidationError(_("An acceptable answer is not on the scale."))
    if not 1 <= settings_.phase1_min_outside < settings_.phase2_min_outside:
        raise ValidationError(
            _("Phase 2 needs more statements outside the norm than phase 1, and phase 1 at least one.")
        )


@transaction.atomic
def norms_update(*, assessment: Assessment, actor, norm_settings: NormSettings, reason: str = "") -> int:
    """Set what is decided in advance. After the first answer a change needs a reason and is kept.

    Returns the number of changes.
    """
    assessment = Assessment.objects.same(assessment).select_for_update().get()
    norms = {norm.item_id: norm for norm in assessment.norms.select_related("item")}
    _clean_norms(assessment, norms, norm_settings)
    changes = []  # (field, item or None, old, new, apply)
    for item_id, norm in norms.items():
        acceptable = sorted({int(v) for v in norm_settings.acceptable[item_id]})
        if acceptable != sorted(norm.acceptable_values):
            changes.append(("acceptable_values", norm, norm.acceptable_values, acceptable))
        serious = item_id in norm_settings.serious
        if serious != norm.is_serious:
            changes.append(("is_serious", norm, norm.is_serious, serious))
    for field in ("norm_min_share", "phase1_min_outside", "phase2_min_outside"):
        new = getattr(norm_settings, field)
        if new != getattr(assessment, field):
            changes.append((field, None, getattr(assessment, field), new))
    if not changes:
        return 0
    reason = reason.strip()
    if assessment.is_locked and not reason:
        raise ValidationError(_("Answers have arrived: give a reason for changing the norms."))
    for field, norm, old, new in changes:
        if assessment.is_locked:
            NormChange.objects.create(
                assessment=assessment,
                item=norm.item if norm else None,
                field=field,
                old_value=old,
                new_value=new,
                reason=reason,
                changed_by=actor,
            )
        target = norm or assessment
        setattr(target, field, new)
        target.save(update_fields=[field])
    audit_record(
        actor=actor,
        action="norms.update",
        organisation=assessment.organisation,
        target=assessment,
        changed=len(changes),
        after_lock=assessment.is_locked,
    )
    return len(changes)


@transaction.atomic
def _assessment_move(*, assessment: Assessment, actor, source: str, target: str, stamp: str, error) -> Assessment:
    """Move a meting one step in its lifecycle (draft → open → closed), audited."""
    assessment = Assessment.objects.same(assessment).select_for_update().get()
    if assessment.status != source:
        raise ValidationError(error)
    assessment.status = target
    setattr(assessment, stamp, timezone.now())
    assessment.save(update_fields=["status", stamp])
    action = "assessment.open" if target == AssessmentStatus.OPEN else "assessment.close"
    audit_record(actor=actor, action=action, organisation=assessment.organisation, target=assessment)
    return assessment


def assessment_open(*, assessment: Assessment, actor) -> Assessment:
    return _assessment_move(
        assessment=assessment,
        actor=actor,
        source=AssessmentStatus.DRAFT,
        target=AssessmentStatus.OPEN,
        stamp="opened_at",
        error=_("Only an assessment in preparation can be opened."),
    )


def assessment_mark_closed(*, assessment: Assessment, actor) -> Assessment:
    """Only the status change. Close a meting with `results.services.assessment_close`, which also
    releases its figures in the same transaction."""
    return _assessment_move(
        assessment=assessment,
        actor=actor,
        source=AssessmentStatus.OPEN,
        target=AssessmentStatus.CLOSED,
        stamp="closed_at",
        error=_("Only an open assessment can be closed."),
    )


def issue_link(participant: Participant) -> IssuedInvitation:
    token = token_generate()
    participant.token_hash = participant_token_hash(token)
    return IssuedInvitation(participant=participant, token=token)


@transaction.atomic
def participants_add(*, assessment: Assessment, actor, people: list[ParticipantData]) -> list[IssuedInvitation]:
    """Add participants and return their links; the links are not stored and cannot be shown again."""
    if assessment.status == AssessmentStatus.CLOSED:
        raise ValidationError(_("This assessment is closed; no participants can be added."))
    existing = {e.lower() for e in assessment.participants.exclude(email="").values_list("email", flat=True)}
    duplicates = sorted(p.email for p in people if p.email and p.email.lower() in existing)
    if duplicates:
        raise ValidationError(_("Already invited for this assessment: %(emails)s.") % {"emails": ", ".join(duplicates)})
    invitations = []
    for person in people:
        invitation = issue_link(
            Participant(assessment=assessment, name=person.name, email=person.email, role=person.role)
        )
        invitation.participant.save()
        invitations.append(invitation)
    audit_record(
        actor=actor,
        action="participants.add",
        organisation=assessment.organisation,
        target=assessment,
        count=len(invitations),
    )
    return invitations


@transaction.atomic
def participant_reissue_link(*, participant: Participant, actor) -> IssuedInvitation:
    """Replace a lost link. Unsubmitted answers saved under the old link stay unreachable."""
    participant = Participant.objects.select_for_update().select_related("assessment").get(pk=participant.pk)
    if participant.assessment.status == AssessmentStatus.CLOSED:
        raise ValidationError(_("This assessment is closed; links can no longer be renewed."))
    if participant.has_submitted:
        raise ValidationError(_("This participant has already submitted; a new link is not needed."))
    if participant.joined_live:
        raise ValidationError(
            _("This participant joined a live session on their own device; there is no link to renew.")
        )
    invitation = issue_link(participant)
    # Answers started under the old link stay with it, out of reach: the new link starts afresh.
    participant.has_started, participant.resume_failures = False, 0
    participant.link_sent_at = participant.link_shown_at = None
    participant.save(update_fields=["token_hash", "has_started", "resume_failures", "link_sent_at", "link_shown_at"])
    audit_record(
        actor=actor,
        action="participant.reissue_link",
        organisation=participant.assessment.organisation,
        target=participant,
    )
    return invitation


def _email_link(invitation: IssuedInvitation) -> None:
    link = settings.SITE_URL.rstrip("/") + invitation.path
    mail_participant(invitation.participant, "assessments/email/invitation", link=link)


def mail_participant(participant: Participant, template: str, **extra) -> None:
    """E-mail one participant from `<template>_subject.txt` and `<template>.txt` (invitation,
    reminder, shared results): the same context and sender for every such e-mail."""
    context = {"participant": participant, "assessment": participant.assessment, **extra}
    send_mail(
        subject=render_to_string(f"{template}_subject.txt", context).strip(),
        message=render_to_string(f"{template}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[participant.email],
    )


def reminder_recipients(assessment: Assessment):
    """Who a reminder goes to: invited with an address and not submitted. The participants page
    already shows who submitted, so choosing them tells nobody anything new."""
    return assessment.participants.filter(has_submitted=False, on_paper=False, joined_live=False).exclude(email="")


@transaction.atomic
def reminders_send(*, assessment: Assessment, actor) -> int:
    """E-mail a reminder without the link (only a hash of it exists): it points to the invitation
    e-mail, and to the organiser for a new link. Counted per participant and audited."""
    assessment = Assessment.objects.same(assessment).select_for_update().get()
    if assessment.status != AssessmentStatus.OPEN:
        raise ValidationError(_("Reminders can only be sent while the assessment is open."))
    now = timezone.now()
    recipients = list(reminder_recipients(assessment))
    for participant in recipients:
        mail_participant(participant, "assessments/email/reminder")
        participant.reminded_at, participant.reminders = now, participant.reminders + 1
    Participant.objects.bulk_update(recipients, ["reminded_at", "reminders"])
    audit_record(
        actor=actor,
        action="participants.remind",
        organisation=assessment.organisation,
        target=assessment,
        count=len(recipients),
    )
    return len(recipients)


@transaction.atomic
def invitations_deliver(*, invitations: list[IssuedInvitation], actor, by_email: bool) -> list[IssuedInvitation]:
    """Deliver fresh links. With `by_email`, every participant with an address gets the link by
    e-mail and nobody sees it. The others' links are for the facilitator to pass on by hand: they
    are returned to be shown once, and that they were shown is recorded and audited, because whoever
    saw a link could have answered with it. Returns the invitations to show."""
    now = timezone.now()
    emailed = [i for i in invitations if by_email and i.participant.email]
    shown = [i for i in invitations if i not in emailed]
    for invitation in emailed:
        _email_link(invitation)
    Participant.objects.filter(pk__in=[i.participant.pk for i in emailed]).update(link_sent_at=now, link_shown_at=None)
    Participant.objects.filter(pk__in=[i.participant.pk for i in shown]).update(link_shown_at=now, link_sent_at=None)
    for invitation in invitations:  # the callers' objects say what was stored
        sent = invitation in emailed
        invitation.participant.link_sent_at, invitation.participant.link_shown_at = (now, None) if sent else (None, now)
    if invitations:
        assessment = invitations[0].participant.assessment
        for action, group in (("invitations.send", emailed), ("invitations.show", shown)):
            if group:
                audit_record(
                    actor=actor,
                    action=action,
                    organisation=assessment.organisation,
                    target=assessment,
                    count=len(group),
                    participants=[str(i.participant.uuid) for i in group],
                )
    return shown


@transaction.atomic
def assessment_follow_up(*, previous: Assessment, actor) -> tuple[Assessment, list[IssuedInvitation] | None]:
    """A repeated meting: same questionnaire version, norms, rules, mode and participants (new links).

    One follow-up per meting: asked again (a reload, a second click, another tab) it returns the one
    that exists, with None for the invitations, so nobody is invited twice.
    """
    previous = Assessment.objects.unscoped().select_for_update().get(pk=previous.pk)  # two at once: one creates
    existing = Assessment.objects.unscoped().filter(previous=previous).order_by("created_at").first()
    if existing is not None:
        return existing, None
    follow_up = Assessment.objects.create(
        organisation=previous.organisation,
        questionnaire=previous.questionnaire,
        title=_("%(title)s (follow-up)") % {"title": previous.title},
        run_by=previous.run_by,
        introduction=previous.introduction,
        mode=previous.mode,
        anonymity_threshold=previous.anonymity_threshold,
        norm_min_share=previous.norm_min_share,
        phase1_min_outside=previous.phase1_min_outside,
        phase2_min_outside=previous.phase2_min_outside,
        include_patterns=previous.include_patterns,
        compare_groups=previous.compare_groups,
        allow_examples=previous.allow_examples,
        previous=previous,
        created_by=actor,
    )
    Norm.objects.bulk_create(
        Norm(
            assessment=follow_up,
            item_id=norm.item_id,
            acceptable_values=norm.acceptable_values,
            is_serious=norm.is_serious,
        )
        for norm in previous.norms.all()
    )
    people = [
        ParticipantData(name=p.name, email=p.email, role=p.role)
        for p in previous.participants.filter(on_paper=False, joined_live=False)
    ]
    invitations = participants_add(assessment=follow_up, actor=actor, people=people) if people else []
    audit_record(
        actor=actor,
        action="assessment.follow_up",
        organisation=previous.organisation,
        target=follow_up,
        previous=str(previous.uuid),
    )
    return follow_up, invitations


def participants_removable(assessment: Assessment) -> set[int]:
    """Who can be removed outright: someone invited by mistake who never opened their link, or a
    paper form typed in by mistake, while the meting is not closed. Nothing published changes, and
    the participants page already shows who started and who submitted."""
    if assessment.status == AssessmentStatus.CLOSED:
        return set()
    typed_in = set(assessment.responses.filter(participant__on_paper=True).values_list("participant_id", flat=True))
    return {
        p.pk
        for p in assessment.participants.all()
        if not p.joined_live and (p.pk in typed_in if p.on_paper else not (p.has_started or p.has_submitted))
    }


def participant_removable(participant: Participant) -> bool:
    return participant.pk in participants_removable(participant.assessment)


@transaction.atomic
def participant_remove(*, participant: Participant, actor) -> None:
    """Remove a participant (and a paper form's answers) so that the response rate is right again."""
    participant = Participant.objects.select_for_update().select_related("assessment").get(pk=participant.pk)
    assessment = Assessment.objects.unscoped().select_for_update().get(pk=participant.assessment_id)
    if not participant_removable(participant):  # checked again under the locks: they may have started
        raise ValidationError(
            _("Only someone who never opened their link, or a paper form, can be removed, and not after closing.")
        )
    removed_answers, _by_model = assessment.responses.filter(participant=participant).delete()
    audit_record(
        actor=actor,
        action="paper.remove" if participant.on_paper else "participant.remove",
        organisation=assessment.organisation,
        target=assessment,
        participant=str(participant.uuid),
        rows=removed_answers,
    )
    participant.delete()


@transaction.atomic
def participant_forget(*, participant: Participant, actor) -> Participant:
    """Remove a participant's personal data on request. Their answers stay in the totals, unnamed."""
    participant = Participant.objects.select_for_update().select_related("assessment").get(pk=participant.pk)
    participant.name = _("Removed on request")
    participant.email = ""
    participant.save(update_fields=["name", "email"])
    participant.assessment.responses.filter(participant=participant).update(participant=None)
    audit_record(
        actor=actor, action="participant.forget", organisation=participant.assessment.organisation, target=participant
    )
    return participant
