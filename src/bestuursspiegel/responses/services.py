"""Answering a meting: start, save as you go, submit. Idempotent under retries and races."""

import hashlib
from dataclasses import dataclass, replace

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bestuursspiegel.assessments.constants import AssessmentStatus, Mode
from bestuursspiegel.assessments.models import Assessment, Participant
from bestuursspiegel.assessments.services import assessment_lock
from bestuursspiegel.assessments.tokens import (
    is_resume_code,
    is_well_formed,
    participant_token_hash,
    response_key,
    resume_code_generate,
    resume_code_normalise,
)
from bestuursspiegel.knowledge.models import Pattern
from bestuursspiegel.operations import metrics
from bestuursspiegel.questionnaires.constants import AnswerValue
from bestuursspiegel.questionnaires.models import Item
from bestuursspiegel.utils.crypto import decrypt_text, encrypt_text
from bestuursspiegel.utils.locks import share_lock

from .constants import PatternValue
from .identification import identify
from .models import Answer, PatternAnswer, Response
from .upsert import Stored, answer_upsert


class ParticipationClosed(Exception):
    """The meting does not accept answers (not yet open, or closed)."""


class AlreadySubmitted(Exception):
    """The response was submitted; answers are final."""


class StartedElsewhere(Exception):
    """This link was used to start answering in another browser; resuming here needs the resume code."""


class ResumeRefused(Exception):
    """A wrong resume code, or too many wrong ones for this link."""

    def __init__(self, message: str, *, blocked: bool = False):
        super().__init__(message)
        self.message, self.blocked = message, blocked


@dataclass(frozen=True)
class Participation:
    """What a respondent's browser holds, for one request: the link, and the resume code once this
    browser started (or resumed) answering. The link alone reaches no answers."""

    participant: Participant
    token: str
    resume_code: str = ""
    # The response as read with the link at the start of this request, and the resume code it was
    # read for (`participation_for_token`). Writes lock and check again, so a snapshot is safe here.
    read: tuple[str, Response | None] | None = None

    @property
    def assessment(self) -> Assessment:
        return self.participant.assessment

    def response(self) -> Response | None:
        if self.read is not None and self.read[0] == self.resume_code:
            return self.read[1]
        if not self.resume_code:
            return None
        try:
            found = Response.objects.get(key=response_key(self.token, self.resume_code))
        except Response.DoesNotExist:
            return None
        found.assessment = self.assessment  # the same meting (the key holds the link), already read
        return found

    @property
    def started_elsewhere(self) -> bool:
        """Started with this link, but not in this browser: the answers stay out of reach here."""
        return self.participant.has_started and self.response() is None


def participation_for_token(token: str, resume_code: str = "") -> Participation | None:
    """The link's participation, with the response this browser's resume code opens (one query)."""
    if not is_well_formed(token):
        return None
    code = resume_code_normalise(resume_code)
    code = code if is_resume_code(code) else ""
    found = identify(token, code)
    if found is None:
        return None
    return Participation(participant=found.participant, token=token, resume_code=code, read=(code, found.response))


def participation_open(participation: Participation) -> None:
    """A respondent opened their link: from now on the meting's promises to them are fixed."""
    assessment_lock(participation.assessment)


def _require_open(assessment: Assessment) -> None:
    if not assessment.accepts_answers:
        raise ParticipationClosed


@transaction.atomic
def response_start(
    *, participation: Participation, consent_open: bool, resume_code: str, source: str = "online"
) -> Response:
    """Start answering in this browser, with the resume code the start page made for it. Sending the
    same start twice (a double click, Back and again) returns the same response. Returns the response;
    the caller keeps `resume_code` in the browser."""
    assessment = participation.assessment
    _require_open(assessment)
    code = resume_code_normalise(resume_code)
    if not is_resume_code(code):
        raise ValidationError(_("The start page was incomplete. Open your link again."))
    key = response_key(participation.token, code)
    existing = Response.objects.filter(key=key).first()
    if existing is not None:
        return existing  # resuming: consent, if needed, was given when it was created
    participant = Participant.objects.select_for_update().get(pk=participation.participant.pk)
    # Look again under the lock: the same start sent twice at once (a double click) waited here for
    # the first, which has now created the response.
    existing = Response.objects.filter(key=key).first()
    if existing is not None:
        return existing
    if participant.has_started:
        raise StartedElsewhere
    if assessment.mode == Mode.OPEN and not consent_open:
        raise ValidationError(_("Confirm that you understand the group will see your answers side by side."))
    response = Response.objects.create(
        key=key,
        assessment=assessment,
        role=participant.role,
        participant=participant if assessment.mode == Mode.OPEN else None,
        consented_open=assessment.mode == Mode.OPEN,
        started_on=timezone.localdate(),
        source=source,
    )
    participant.has_started = True
    participant.save(update_fields=["has_started"])
    assessment_lock(assessment)
    return response


def participation_begin(*, token: str, consent_open: bool = False) -> Participation:
    """Open a link and start answering as a respondent's browser does, with a new resume code.
    Returns the participation holding that code (what the browser's cookie holds)."""
    participation = participation_for_token(token)
    if participation is None:
        raise ValidationError(_("This link is not valid"))
    participation_open(participation)
    started = replace(participation, resume_code=resume_code_generate())
    response_start(participation=started, consent_open=consent_open, resume_code=started.resume_code)
    return started


def response_resume(*, participation: Participation, resume_code: str) -> Response:
    """Continue in another browser with the resume code. Wrong codes are counted per link (the count
    is committed before refusing); after `RESUME_ATTEMPTS` only a new link helps, and the browser
    that started keeps working."""
    code = resume_code_normalise(resume_code)
    with transaction.atomic():
        participant = Participant.objects.select_for_update().get(pk=participation.participant.pk)
        blocked = participant.resume_failures >= settings.RESUME_ATTEMPTS
        response = None
        if not blocked and is_resume_code(code):
            response = Response.objects.filter(key=response_key(participation.token, code)).first()
        if response is None and not blocked:
            participant.resume_failures += 1
            participant.save(update_fields=["resume_failures"])
    if blocked:
        raise ResumeRefused(_("Too many wrong codes were tried with this link. Ask for a new link."), blocked=True)
    if response is None:
        raise ResumeRefused(_("This resume code is not correct. Check the code you noted when you started."))
    return response


def clean_answer(*, value, example: str) -> tuple[int, str]:
    try:
        number = int(value)
    except (TypeError, ValueError, OverflowError):
        raise ValidationError(_("Choose one of the answers, or 'don't know / not applicable'.")) from None
    if number not in AnswerValue.values:
        raise ValidationError(_("This answer is not on the scale."))
    example = (example or "").strip()
    if len(example) > settings.EXAMPLE_MAX_LENGTH:
        raise ValidationError(
            _("The example is too long: at most %(max)s characters.") % {"max": settings.EXAMPLE_MAX_LENGTH}
        )
    return number, example


def answer_save(*, response: Response, item, value, example: str = "") -> None:
    """Store or replace one answer. A retry or a second tab updates the same row."""
    number, example = clean_answer(value=value, example=example)
    # What respondents were promised (questionnaire, examples) is fixed once a response exists, so
    # the meting as the caller read it will do; status and submission are checked by the write.
    assessment = response.assessment
    if item.questionnaire_id != assessment.questionnaire_id:
        raise ValidationError(_("This statement is not part of this assessment."))
    if example and not assessment.allow_examples:
        raise ValidationError(_("This assessment does not ask for examples."))
    stored = encrypt_text(assessment.organisation, example)
    if response.source == "live":
        _live_answer_save(response=response, item=item, value=number, example=stored)
    elif not _upsert(response, item, number, stored):
        _refuse(response)
    transaction.on_commit(metrics.answer_saves.inc)


def answer_save_with_link(*, token: str, resume_code: str, number: int, value) -> Stored | None:
    """The statement page's save without an example, the most frequent request, in one statement
    that itself finds the response by link and resume code (no participation read first). Returns
    what was stored, or None when nothing was: an unknown link or code, a closed meting, a submitted
    or live response, a number that is not a statement. The caller then reads the participation to
    say why. Raises ValidationError for an answer not on the scale."""
    number_value, _example = clean_answer(value=value, example="")
    code = resume_code_normalise(resume_code)
    if not (is_well_formed(token) and is_resume_code(code) and 0 < number < 2**15):  # a statement's number
        return None
    stored = answer_upsert(
        key=response_key(token, code), source="online", number=number, value=number_value, example=""
    )
    if stored is not None:
        transaction.on_commit(metrics.answer_saves.inc)
    return stored


def assessment_of_response(response_id) -> Assessment:
    """The meting of a response the caller just stored under its link and code (the respondent's own
    meting: unscoped, as the respondent side has no organisation to scope by)."""
    return Assessment.objects.unscoped().get(responses__id=response_id)


def _upsert(response: Response, item, value: int, example: str) -> bool:
    stored = answer_upsert(key=response.key, source=response.source, number=item.number, value=value, example=example)
    return stored is not None


@transaction.atomic
def _live_answer_save(*, response: Response, item, value: int, example: str) -> None:
    """A live participant's answer: under the lock, also refused once the group saw the statement's
    results (a reveal is a row of its own table, so it is read after the lock, not in the write)."""
    _lock_for_answering(response)
    if _revealed_in_live_session(response, item):
        raise ValidationError(_("The results of this statement were shown to the group; answers to it are closed."))
    _upsert(response, item, value, example)


def _refuse(response: Response):
    """Why a save was not stored: the meting closed, or the response was submitted meanwhile."""
    found = Response.objects.filter(pk=response.pk).values_list("assessment__status", "submitted_on").first()
    if found is None or found[0] != AssessmentStatus.OPEN:
        raise ParticipationClosed
    raise AlreadySubmitted


def _lock_state(response: Response) -> tuple[str, object]:
    """Lock the response for changing, with its meting held still, and read afresh what may have
    changed since the caller read them: the meting's status and the response's submission date.

    The meting's row is shared (`share_lock`): the saves of its respondents run side by side, while
    closing and a live reveal, which lock it for update, wait for this transaction or are seen by it.
    Always the meting first, then the response: one order, so a save and a submit of the same
    respondent (two tabs) cannot deadlock."""
    share_lock(Assessment, response.assessment_id)
    locked = Response.objects.select_for_update(of=("self",), no_key=True).filter(pk=response.pk)
    return locked.values_list("assessment__status", "submitted_on").get()


def _lock_for_answering(response: Response) -> None:
    """`_lock_state`, refusing a closed meting or a submitted response."""
    status, submitted_on = _lock_state(response)
    if status != AssessmentStatus.OPEN:
        raise ParticipationClosed
    if submitted_on is not None:
        raise AlreadySubmitted


def _revealed_in_live_session(response: Response, item) -> bool:
    """A live session's participants cannot answer a statement after the group saw its results:
    comparing the screen with the final results would otherwise show what a latecomer answered."""
    if response.source != "live":
        return False
    session = getattr(response.assessment, "live_session", None)
    return session is not None and session.reveals.filter(item=item).exists()


def own_answer(response: Response | None, item) -> Answer | None:
    """The respondent's own answer to one statement, its example decrypted, to show back to them."""
    answer = response.answers.filter(item_id=item.pk).first() if response else None
    if answer is not None:
        answer.example = decrypt_text(response.assessment.organisation, answer.example)
    return answer


def live_responses_submit(assessment: Assessment) -> int:
    """Submit every unsubmitted live-session response that has at least one answer. A live meeting
    accepts incomplete responses: who arrived late answered only the statements still open."""
    pending = Response.objects.filter(assessment=assessment, source="live", submitted_on__isnull=True)
    keys = list(pending.filter(answers__isnull=False).distinct().values_list("pk", flat=True))
    Response.objects.filter(pk__in=keys).update(submitted_on=timezone.localdate())
    if assessment.mode == Mode.OPEN:  # only there is a response linked to its participant
        Participant.objects.filter(response__pk__in=keys).update(has_submitted=True)
    return len(keys)


def missing_items(response: Response):
    answered = response.answers.values("item_id")
    items = Item.objects.filter(questionnaire_id=response.assessment.questionnaire_id)
    return items.exclude(pk__in=answered).order_by("number")


def lens_patterns(assessment):
    """The patterns respondents reflect on, when the meting includes the pattern lens."""
    if not assessment.include_patterns:
        return Pattern.objects.none()
    return Pattern.objects.published().order_by("number")


def missing_patterns(response: Response):
    answered = response.pattern_answers.values("pattern_id")
    return lens_patterns(response.assessment).exclude(pk__in=answered)


@transaction.atomic
def pattern_answer_save(*, response: Response, pattern, value) -> PatternAnswer:
    """Store or replace whether the respondent recognises a pattern."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ValidationError(_("Choose one of the answers.")) from None
    if number not in PatternValue.values:
        raise ValidationError(_("This answer is not on the scale."))
    _lock_for_answering(response)
    if not lens_patterns(response.assessment).filter(pk=pattern.pk).exists():
        raise ValidationError(_("This pattern is not part of this assessment."))
    answer, _created = PatternAnswer.objects.update_or_create(
        response=response, pattern=pattern, defaults={"value": number}
    )
    return answer


@transaction.atomic
def response_submit(*, participation: Participation) -> Response:
    """Mark the response final. Submitting again returns the same response and receipt."""
    found = participation.response()
    if found is None:
        raise StartedElsewhere
    # Holds the meting still, so a submission cannot slip past the release at closing.
    status, submitted_on = _lock_state(found)
    response = found
    if submitted_on is not None:
        response.submitted_on = submitted_on
        return response
    if status != AssessmentStatus.OPEN:
        raise ParticipationClosed
    missing = list(missing_items(response))
    if missing:
        numbers = ", ".join(str(item.number) for item in missing)
        raise ValidationError(
            _("Answer every statement before submitting. Still open: %(numbers)s.") % {"numbers": numbers}
        )
    patterns = list(missing_patterns(response))
    if patterns:
        numbers = ", ".join(str(p.number) for p in patterns)
        raise ValidationError(
            _("Answer every pattern before submitting. Still open: %(numbers)s.") % {"numbers": numbers}
        )
    response.submitted_on = timezone.localdate()
    response.save(update_fields=["submitted_on"])
    # Only a flag on the participant: no date or reference that would tie it to this response.
    Participant.objects.filter(pk=participation.participant.pk).update(has_submitted=True)
    transaction.on_commit(metrics.responses_submitted.inc)
    return response


@transaction.atomic
def paper_response_create(
    *, assessment: Assessment, actor, form_id: str, role: str, values: dict, pattern_values: dict
):
    """Enter a paper form: counted as a participant with a submitted response. `form_id` comes from
    the entry form, so submitting the same form twice stores it once. Returns (response, created)."""
    from bestuursspiegel.assessments.tokens import token_generate
    from bestuursspiegel.audit.services import audit_record

    # The form id comes from the entry page; within the key it is tied to this meting, so that an id
    # used (or sent on purpose) for another meting never collides with it.
    key = "paper:" + hashlib.sha256(f"{assessment.uuid}:{form_id}".encode()).hexdigest()[:58]
    existing = Response.objects.filter(key=key, assessment=assessment).first()
    if existing:
        return existing, False
    _require_open(assessment)
    items = {item.pk: item for item in assessment.questionnaire.items.all()}
    patterns = {p.pk: p for p in lens_patterns(assessment)}
    if set(values) != set(items) or set(pattern_values) != set(patterns):
        raise ValidationError(_("Enter an answer for every statement."))
    cleaned = {item_id: clean_answer(value=value, example="")[0] for item_id, value in values.items()}
    if any(int(v) not in PatternValue.values for v in pattern_values.values()):
        raise ValidationError(_("This answer is not on the scale."))
    number = assessment.participants.filter(on_paper=True).count() + 1
    participant = Participant.objects.create(
        assessment=assessment,
        name=_("Paper form %(n)s") % {"n": number},
        role=role,
        token_hash=participant_token_hash(token_generate()),  # no link: nobody can answer with it
        has_submitted=True,
        on_paper=True,
    )
    today = timezone.localdate()
    response = Response.objects.create(
        assessment=assessment,
        key=key,
        role=role,
        source="paper",
        started_on=today,
        submitted_on=today,
        participant=participant,  # the facilitator typed it in: linked, so a mistaken form can be removed
    )
    Answer.objects.bulk_create(Answer(response=response, item=items[i], value=v) for i, v in cleaned.items())
    PatternAnswer.objects.bulk_create(
        PatternAnswer(response=response, pattern=patterns[p], value=int(v)) for p, v in pattern_values.items()
    )
    assessment_lock(assessment)
    audit_record(
        actor=actor,
        action="paper.enter",
        organisation=assessment.organisation,
        target=assessment,
        participant=str(participant.uuid),
    )
    return response, True


def answers_for_display(response: Response) -> dict:
    """A respondent's own answers by item id, with examples decrypted for showing to them."""
    organisation = response.assessment.organisation
    answers = {}
    for answer in response.answers.all():
        answer.example = decrypt_text(organisation, answer.example)
        answers[answer.item_id] = answer
    return answers
