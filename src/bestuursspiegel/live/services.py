"""Running a live session: start, step through the statements, reveal, join, answer, end.

Every facilitator step raises the session's `version`; screens poll it and refresh when it changes.
"""

import secrets

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bestuursspiegel.assessments.constants import Mode, ParticipantRole
from bestuursspiegel.assessments.models import Participant
from bestuursspiegel.assessments.services import issue_link
from bestuursspiegel.assessments.tokens import resume_code_generate
from bestuursspiegel.audit.services import audit_record
from bestuursspiegel.responses import services as responses
from bestuursspiegel.results.services import release_reveal

from .models import LiveReveal, LiveSession

# No 0/O, 1/I/L: read from a projector at the back of a council chamber and typed on a phone.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
# 31^8 is about 8.5e11 codes (40 bits). A valid code is never refused because others at the same
# address guessed (see utils.throttle), so the length, not the throttle, keeps guessing hopeless:
# a million guesses during a session hit it with a chance of about one in 850,000.
CODE_LENGTH = 8
LIVE_NAME = "Deelnemer live-sessie"  # anonymous mode: no name is asked


def code_normalise(code: str) -> str:
    return "".join((code or "").split()).replace("-", "").upper()


def new_join_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _position in range(CODE_LENGTH))


def _locked(session: LiveSession) -> LiveSession:
    return LiveSession.objects.select_for_update().select_related("assessment__organisation").get(pk=session.pk)


def session_for_code(code: str) -> LiveSession | None:
    code = code_normalise(code)
    if len(code) != CODE_LENGTH:
        return None
    return (
        LiveSession.objects.select_related("assessment__organisation", "assessment__questionnaire", "current_item")
        .filter(code=code, status=LiveSession.Status.RUNNING)
        .first()
    )


def session_start(*, assessment, actor) -> LiveSession:
    """Start the meting's live session, or return the running one (a facilitator who reloads)."""
    existing = LiveSession.objects.filter(assessment=assessment).first()
    if existing:
        if not existing.is_running:
            raise ValidationError(_("The live session of this assessment has ended; it cannot be started again."))
        return existing
    if not assessment.accepts_answers:
        raise ValidationError(_("Open the assessment before starting a live session."))
    first = assessment.questionnaire.items.order_by("number").first()
    for _attempt in range(5):  # a clash of two random codes is rare; try again rather than fail
        try:
            with transaction.atomic():
                session = LiveSession.objects.create(
                    assessment=assessment, code=new_join_code(), current_item=first, started_by=actor
                )
        except IntegrityError:
            existing = LiveSession.objects.filter(assessment=assessment).first()
            if existing:
                return existing  # a double click started it already
            continue
        audit_record(actor=actor, action="live.start", organisation=assessment.organisation, target=assessment)
        return session
    raise ValidationError(_("No free join code was found. Try again."))


def _require_running(session: LiveSession) -> None:
    if not session.is_running:
        raise ValidationError(_("This live session has ended."))


def _require_answerable(session: LiveSession) -> None:
    _require_running(session)
    if not session.assessment.accepts_answers:
        raise ValidationError(_("This assessment is closed; answers can no longer be given."))


@transaction.atomic
def session_step(*, session: LiveSession, actor, number: int) -> LiveSession:
    """Show statement `number` on every screen."""
    session = _locked(session)
    _require_running(session)
    item = session.assessment.questionnaire.items.filter(number=number).first() if 0 < number < 1000 else None
    if item is None:
        raise ValidationError(_("This statement is not part of this assessment."))
    if item.pk != session.current_item_id:
        session.current_item = item
        session.version += 1
        session.save(update_fields=["current_item", "version"])
        audit_record(
            actor=actor, action="live.step", organisation=session.assessment.organisation, target=session, number=number
        )
    return session


@transaction.atomic
def session_reveal(*, session: LiveSession, actor) -> LiveSession:
    """Show the group the results of the current statement; its answers close. The figures shown are
    recorded as a release of that statement (`results.services.release_reveal`)."""
    session = _locked(session)
    _require_answerable(session)
    _reveal, created = LiveReveal.objects.get_or_create(session=session, item=session.current_item)
    release_reveal(assessment=session.assessment, item=session.current_item, actor=actor)
    if created:
        session.version += 1
        session.save(update_fields=["version"])
        audit_record(
            actor=actor,
            action="live.reveal",
            organisation=session.assessment.organisation,
            target=session,
            number=session.current_item.number,
        )
    return session


def is_revealed(session: LiveSession, item) -> bool:
    return session.reveals.filter(item=item).exists()


@transaction.atomic
def session_end(*, session: LiveSession, actor) -> int:
    """End the session and submit the answers of everyone who joined it. Returns how many were submitted."""
    session = _locked(session)
    if not session.is_running:
        return 0
    session.status = LiveSession.Status.ENDED
    session.ended_at = timezone.now()
    session.version += 1
    session.save(update_fields=["status", "ended_at", "version"])
    assessment = session.assessment
    submitted = responses.live_responses_submit(assessment)
    audit_record(
        actor=actor, action="live.end", organisation=assessment.organisation, target=session, submitted=submitted
    )
    return submitted


@transaction.atomic
def join(*, session: LiveSession, role: str, name: str = "", consent_open: bool = False) -> responses.Participation:
    """One device joins: a participant with a fresh secret and resume code, kept in the device's
    cookie like a link; the phone never needs to show them."""
    session = _locked(session)
    _require_answerable(session)
    assessment = session.assessment
    if role not in ParticipantRole.values:
        raise ValidationError(_("Choose your role."))
    name = (name or "").strip()
    if assessment.mode == Mode.OPEN:
        if not name:
            raise ValidationError(_("Enter your name: in this open comparison the group sees who answered what."))
        if len(name) > 200:
            raise ValidationError(_("The name is too long: at most 200 characters."))
        if not consent_open:
            raise ValidationError(_("Confirm that you understand the group will see your answers side by side."))
    else:
        name = LIVE_NAME
    invitation = issue_link(Participant(assessment=assessment, name=name, email="", role=role, joined_live=True))
    invitation.participant.save()
    participation = responses.Participation(
        participant=invitation.participant, token=invitation.token, resume_code=resume_code_generate()
    )
    responses.response_start(
        participation=participation, consent_open=consent_open, resume_code=participation.resume_code, source="live"
    )
    return participation


def answer(*, session: LiveSession, participation, item, value):
    """Answer a statement of the session: the one on the screen, or the one a slow phone still showed
    (a form posted just after the facilitator moved on). Revealed statements are closed."""
    _require_answerable(session)
    response = participation.response()
    if response is None or response.assessment_id != session.assessment_id or response.source != "live":
        raise ValidationError(_("Join the live session first."))
    return responses.answer_save(response=response, item=item, value=value)
