import pytest
from django.core.exceptions import ValidationError

from bestuursspiegel.assessments import services as assessment_services
from bestuursspiegel.assessments.constants import ParticipantRole
from bestuursspiegel.audit.models import AuditEvent
from bestuursspiegel.interpretation.models import DiscussionNote
from bestuursspiegel.interpretation.services import discussion_notes_save
from bestuursspiegel.live import services
from bestuursspiegel.live.models import LiveSession
from bestuursspiegel.live.selectors import stage
from bestuursspiegel.responses import services as responses
from bestuursspiegel.responses.models import Response
from bestuursspiegel.results.aggregation import results_for_assessment
from bestuursspiegel.results.services import assessment_close


def _join_and_answer(session, values, role=ParticipantRole.COUNCILLOR):
    """Join `len(values)` devices and let each answer the current statement."""
    invitations = []
    for value in values:
        invitation = services.join(session=session, role=role)
        services.answer(session=session, participation=invitation, item=session.current_item, value=value)
        invitations.append(invitation)
    return invitations


@pytest.fixture
def session(running, facilitator):
    return services.session_start(assessment=running, actor=facilitator)


def test_start_needs_an_open_meting_and_is_idempotent(assessment, facilitator):
    with pytest.raises(ValidationError):
        services.session_start(assessment=assessment, actor=facilitator)
    assessment_services.assessment_open(assessment=assessment, actor=facilitator)
    assessment.refresh_from_db()
    first = services.session_start(assessment=assessment, actor=facilitator)
    again = services.session_start(assessment=assessment, actor=facilitator)
    assert first.pk == again.pk
    assert first.current_item.number == 1
    assert len(first.code) == services.CODE_LENGTH and set(first.code) <= set(services.CODE_ALPHABET)
    assert AuditEvent.objects.unscoped().filter(action="live.start").count() == 1


def test_join_code_is_forgiving_in_format_and_only_valid_while_running(session, facilitator):
    spaced = f" {session.code[:3].lower()}-{session.code[3:]} "
    assert services.session_for_code(spaced).pk == session.pk
    assert services.session_for_code("ZZZZZ") is None
    assert services.session_for_code(session.code + "XY") is None
    services.session_end(session=session, actor=facilitator)
    assert services.session_for_code(session.code) is None


def test_reveal_below_threshold_hides_and_closes_the_statement(session, facilitator):
    invitations = _join_and_answer(session, [1, 2, 3, 4])
    assert stage(session)["answered"] == 4
    services.session_reveal(session=session, actor=facilitator)
    info = stage(session)
    assert info["revealed"] and not info["statement"].result.visible
    assert info["statement"].result.distribution is None
    # After the reveal nobody of the session can answer or change this statement any more.
    late = services.join(session=session, role=ParticipantRole.COUNCILLOR)
    for invitation in [invitations[0], late]:
        with pytest.raises(ValidationError):
            services.answer(session=session, participation=invitation, item=session.current_item, value=5)
    assert stage(session)["answered"] == 4


def test_reveal_at_threshold_shows_distribution_and_norm(session, facilitator):
    _join_and_answer(session, [5, 5, 4, 3, 1])
    session = services.session_reveal(session=session, actor=facilitator)
    result = stage(session)["statement"].result
    assert result.visible and result.respondents == 5
    assert result.distribution.counts == {5: 2, 4: 1, 3: 1, 1: 1}
    norm = session.assessment.norms.get(item=session.current_item)
    expected_share = sum(1 for v in [5, 5, 4, 3, 1] if v in norm.acceptable_values) / 5
    assert result.acceptable_share == expected_share
    assert result.meets_norm == (expected_share * 100 >= session.assessment.norm_min_share)
    assert stage(session)["statement"].people is None  # anonymous: never who answered what


def test_steps_raise_the_version_and_only_accept_statements_of_the_meting(session, facilitator):
    version = session.version
    session = services.session_step(session=session, actor=facilitator, number=2)
    assert session.current_item.number == 2 and session.version == version + 1
    with pytest.raises(ValidationError):
        services.session_step(session=session, actor=facilitator, number=99)
    session = services.session_step(session=session, actor=facilitator, number=2)
    assert session.version == version + 1  # staying put changes nothing


def test_a_stale_form_answers_the_statement_it_showed(session, facilitator):
    first = session.current_item
    invitation = services.join(session=session, role=ParticipantRole.ALDERMAN)
    session = services.session_step(session=session, actor=facilitator, number=2)
    services.answer(session=session, participation=invitation, item=first, value=2)
    response = invitation.response()
    assert list(response.answers.values_list("item__number", "value")) == [(1, 2)]


def test_open_mode_needs_name_and_consent_and_shows_people(open_assessment, facilitator):
    assessment_services.assessment_open(assessment=open_assessment, actor=facilitator)
    open_assessment.refresh_from_db()
    session = services.session_start(assessment=open_assessment, actor=facilitator)
    with pytest.raises(ValidationError):
        services.join(session=session, role=ParticipantRole.MAYOR, name="", consent_open=True)
    with pytest.raises(ValidationError):
        services.join(session=session, role=ParticipantRole.MAYOR, name="A. de Vries", consent_open=False)
    invitation = services.join(session=session, role=ParticipantRole.MAYOR, name="A. de Vries", consent_open=True)
    services.answer(session=session, participation=invitation, item=session.current_item, value=4)
    session = services.session_reveal(session=session, actor=facilitator)
    statement = stage(session)["statement"]
    assert statement.result.visible
    assert [(p.name, v) for p, v in statement.people] == [("A. de Vries", 4)]


def test_anonymous_join_stores_no_name(session):
    invitation = services.join(session=session, role=ParticipantRole.COUNCILLOR, name="Jan", consent_open=True)
    assert invitation.participant.name == services.LIVE_NAME
    response = invitation.response()
    assert response.source == "live" and response.participant is None


def test_end_submits_answered_live_responses_into_the_normal_results(session, facilitator):
    _join_and_answer(session, [5, 4, 4, 5, 5])
    services.join(session=session, role=ParticipantRole.COUNCILLOR)  # joined, never answered
    session = services.session_step(session=session, actor=facilitator, number=2)
    _join_and_answer(session, [1])  # a latecomer who answered only statement 2
    discussion_notes_save(assessment=session.assessment, actor=facilitator, notes={session.current_item: ("n", "c")})
    assert services.session_end(session=session, actor=facilitator) == 6
    assert services.session_end(session=session, actor=facilitator) == 0  # a double click ends it once
    session.refresh_from_db()
    assert not session.is_running
    live = Response.objects.filter(assessment=session.assessment, source="live")
    assert live.filter(submitted_on__isnull=False).count() == 6
    assert live.filter(submitted_on__isnull=True).count() == 1
    assert not results_for_assessment(session.assessment).released  # anonymous: released at closing
    assessment_close(assessment=session.assessment, actor=facilitator)
    result = results_for_assessment(session.assessment)
    assert result.submitted_count == 6
    by_number = {r.item.number: r for r in result.items}
    assert by_number[1].visible and by_number[1].respondents == 5
    assert not by_number[2].visible and by_number[2].respondents == 1
    assert DiscussionNote.objects.get(assessment=session.assessment, item=session.current_item).conclusions == "c"
    with pytest.raises(ValidationError):
        services.session_start(assessment=session.assessment, actor=facilitator)


def test_answers_through_the_normal_flow_respect_the_reveal(session, facilitator):
    invitation = services.join(session=session, role=ParticipantRole.COUNCILLOR)
    services.session_reveal(session=session, actor=facilitator)
    response = invitation.response()
    with pytest.raises(ValidationError):
        responses.answer_save(response=response, item=session.current_item, value=3)
    second = session.assessment.questionnaire.items.get(number=2)
    responses.answer_save(response=response, item=second, value=3)
    assert response.answers.count() == 1


def test_every_facilitator_step_is_audited(session, facilitator):
    services.session_step(session=session, actor=facilitator, number=3)
    services.session_reveal(session=session, actor=facilitator)
    services.session_end(session=session, actor=facilitator)
    actions = set(AuditEvent.objects.unscoped().filter(actor=facilitator).values_list("action", flat=True))
    assert {"live.start", "live.step", "live.reveal", "live.end"} <= actions
    assert LiveSession.objects.count() == 1


def test_live_joiners_are_not_invited_again_or_given_links(session, facilitator):
    from bestuursspiegel.responses.tests.helpers import invite

    [invited] = invite(session.assessment, facilitator, 1)
    joined = services.join(session=session, role=ParticipantRole.COUNCILLOR)
    assert joined.participant.joined_live and not invited.participant.joined_live
    with pytest.raises(ValidationError):
        assessment_services.participant_reissue_link(participant=joined.participant, actor=facilitator)
    services.session_end(session=session, actor=facilitator)
    assessment_close(assessment=session.assessment, actor=facilitator)
    follow_up, _links = assessment_services.assessment_follow_up(previous=session.assessment, actor=facilitator)
    assert list(follow_up.participants.values_list("email", flat=True)) == [invited.participant.email]
