import threading
from dataclasses import replace

import pytest
import yaml
from django.core.exceptions import ValidationError
from django.db import connection

from bestuursspiegel.assessments import services as assessment_services
from bestuursspiegel.assessments.constants import AssessmentStatus
from bestuursspiegel.assessments.models import Participant
from bestuursspiegel.questionnaires.loader import DATA_DIR, questionnaire_load
from bestuursspiegel.responses import services
from bestuursspiegel.responses.models import Answer, Response
from bestuursspiegel.results.services import assessment_close
from bestuursspiegel.utils.crypto import decrypt_text

from .helpers import browser, invite, respond, start


@pytest.fixture
def participation(running, facilitator):
    [invitation] = invite(running, facilitator, 1)
    return browser(invitation)


def first_item(participation):
    return participation.assessment.questionnaire.items.get(number=1)


def test_unknown_or_malformed_tokens_give_no_participation(participation):
    assert services.participation_for_token("x" * 43) is None
    assert services.participation_for_token("../../etc/passwd") is None
    assert services.participation_for_token("") is None
    assert services.participation_for_token(participation.token).participant == participation.participant


def test_starting_twice_gives_the_same_response(participation):
    """A double click or Back and Start again sends the same start form, with the same code."""
    first = start(participation)
    second = start(participation)
    assert first.pk == second.pk
    assert Response.objects.count() == 1


def test_the_link_alone_reaches_no_answers(participation):
    """Whoever saw the link (the facilitator who sent it) opens it in another browser: no answers."""
    response = start(participation)
    services.answer_save(response=response, item=first_item(participation), value=2)
    other = services.participation_for_token(participation.token)  # the link, without this browser's code
    assert other.response() is None and other.started_elsewhere
    with pytest.raises(services.StartedElsewhere):
        start(browser_with(participation, "ABCDEFGHJKMN"))
    with pytest.raises(services.StartedElsewhere):
        services.response_submit(participation=other)
    assert Response.objects.count() == 1 and not Response.objects.get().is_submitted


def browser_with(participation, code):
    return replace(participation, resume_code=code)


def test_the_resume_code_continues_in_another_browser_and_guesses_run_out(participation, settings):
    response = start(participation)
    other = services.participation_for_token(participation.token)
    assert (
        services.response_resume(participation=other, resume_code=participation.resume_code.lower()).pk == response.pk
    )
    settings.RESUME_ATTEMPTS = 3
    for _attempt in range(3):
        with pytest.raises(services.ResumeRefused) as refused:
            services.response_resume(participation=other, resume_code="ZZZZ-ZZZZ-ZZZZ")
        assert not refused.value.blocked
    with pytest.raises(services.ResumeRefused) as refused:  # even the right code: only a new link helps now
        services.response_resume(participation=other, resume_code=participation.resume_code)
    assert refused.value.blocked
    assert Participant.objects.get().resume_failures == 3
    assert browser_with(participation, participation.resume_code).response().pk == response.pk  # this browser goes on


def test_opening_a_link_fixes_what_respondents_are_promised(running, facilitator):
    [invitation] = invite(running, facilitator, 1)
    assert not running.is_locked
    services.participation_open(services.participation_for_token(invitation.token))
    running.refresh_from_db()
    assert running.is_locked
    with pytest.raises(ValidationError):
        assessment_services.assessment_update(
            assessment=running,
            actor=facilitator,
            title=running.title,
            run_by=running.run_by,
            introduction="",
            mode="open",
            anonymity_threshold=5,
        )
    running.refresh_from_db()
    assert running.mode == "anonymous"


def test_anonymous_response_has_no_link_to_the_participant(participation):
    response = start(participation)
    assert response.participant is None
    stored = Response.objects.values().get(pk=response.pk)
    assert stored["participant_id"] is None
    assert participation.participant.token_hash not in stored.values()
    assert stored["started_on"] is not None  # a date: no time of day is kept


def test_open_comparison_requires_consent_and_links_the_participant(open_assessment, facilitator):
    assessment_services.assessment_open(assessment=open_assessment, actor=facilitator)
    [invitation] = invite(open_assessment, facilitator, 1)
    participation = browser(invitation)
    with pytest.raises(ValidationError):
        start(participation, consent_open=False)
    assert not Response.objects.exists()
    response = start(participation, consent_open=True)
    assert response.participant == participation.participant
    assert response.consented_open
    # Resuming later needs no second consent and gives the same response.
    assert start(participation, consent_open=False).pk == response.pk


def test_saving_again_replaces_the_answer_instead_of_adding_one(participation):
    response = start(participation)
    item = first_item(participation)
    services.answer_save(response=response, item=item, value=2, example="Eerste")
    services.answer_save(response=response, item=item, value="4", example="Tweede")
    [answer] = Answer.objects.all()
    assert (answer.value, decrypt_text(participation.assessment.organisation, answer.example)) == (4, "Tweede")


@pytest.mark.parametrize("value", [None, "", "abc", 6, -1, "3.5", 99])
def test_values_off_the_scale_are_refused_and_nothing_is_stored(participation, value):
    response = start(participation)
    with pytest.raises(ValidationError):
        services.answer_save(response=response, item=first_item(participation), value=value)
    assert not Answer.objects.exists()


def test_dont_know_is_a_valid_answer(participation):
    response = start(participation)
    services.answer_save(response=response, item=first_item(participation), value=0)
    assert Answer.objects.get().value == 0


def test_oversized_example_is_refused(participation, settings):
    response = start(participation)
    with pytest.raises(ValidationError):
        services.answer_save(
            response=response, item=first_item(participation), value=3, example="x" * (settings.EXAMPLE_MAX_LENGTH + 1)
        )
    assert not Answer.objects.exists()


def test_items_of_another_questionnaire_version_are_refused(participation):
    data = yaml.safe_load((DATA_DIR / "bestuurscultuur-v1.yaml").read_text(encoding="utf-8"))
    data["version"] = 2
    other_item = questionnaire_load(data=data).questionnaire.items.get(number=1)
    response = start(participation)
    with pytest.raises(ValidationError):
        services.answer_save(response=response, item=other_item, value=3)


def test_submit_needs_every_statement_answered(participation):
    response = start(participation)
    services.answer_save(response=response, item=first_item(participation), value=3)
    with pytest.raises(ValidationError, match="2, 3, 4"):
        services.response_submit(participation=participation)
    assert not Response.objects.get().is_submitted
    assert not Participant.objects.get().has_submitted


def test_submitting_twice_returns_the_same_receipt(running, facilitator):
    [invitation] = invite(running, facilitator, 1)
    participation = browser(invitation)
    response = start(participation)
    for item in running.questionnaire.items.all():
        services.answer_save(response=response, item=item, value=3)
    first = services.response_submit(participation=participation)
    again = services.response_submit(participation=participation)
    assert first.receipt == response.receipt
    assert again.receipt == response.receipt
    assert Response.objects.count() == 1
    assert Participant.objects.get().has_submitted


def test_answers_are_final_after_submitting(running, facilitator):
    [invitation] = invite(running, facilitator, 1)
    response = respond(invitation, 3)
    with pytest.raises(services.AlreadySubmitted):
        services.answer_save(response=response, item=running.questionnaire.items.get(number=1), value=1)
    assert set(Answer.objects.values_list("value", flat=True)) == {3}


def test_a_closed_meting_changes_nothing(running, facilitator):
    [invitation] = invite(running, facilitator, 1)
    participation = browser(invitation)
    response = start(participation)
    for item in running.questionnaire.items.all():
        services.answer_save(response=response, item=item, value=3)
    assessment_close(assessment=running, actor=facilitator)
    with pytest.raises(services.ParticipationClosed):
        services.answer_save(response=response, item=running.questionnaire.items.get(number=1), value=1)
    with pytest.raises(services.ParticipationClosed):
        services.response_submit(participation=participation)
    assert set(Answer.objects.values_list("value", flat=True)) == {3}
    assert not Response.objects.get().is_submitted


def test_a_meting_in_preparation_accepts_nothing(assessment, facilitator):
    [invitation] = invite(assessment, facilitator, 1)
    participation = browser(invitation)
    assert assessment.status == AssessmentStatus.DRAFT
    with pytest.raises(services.ParticipationClosed):
        start(participation)
    assert not Response.objects.exists()


def test_first_answer_locks_the_meting(participation):
    assert not participation.assessment.is_locked
    response = start(participation)
    services.answer_save(response=response, item=first_item(participation), value=3)
    participation.assessment.refresh_from_db()
    assert participation.assessment.is_locked


@pytest.mark.django_db(transaction=True)
def test_concurrent_saves_of_one_answer_store_exactly_one_row(running, facilitator):
    """Two tabs or a double click: the unique constraint and the row lock keep one answer."""
    [invitation] = invite(running, facilitator, 1)
    participation = browser(invitation)
    response = start(participation)
    item = first_item(participation)
    errors = []

    def save(value):
        try:
            services.answer_save(response=response, item=item, value=value)
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(v % 5 + 1,)) for v in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Answer.objects.filter(response=response, item=item).count() == 1
