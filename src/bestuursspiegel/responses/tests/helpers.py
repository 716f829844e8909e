"""Helpers that drive the real services the way respondents do."""

import itertools

from bestuursspiegel.assessments import services as assessment_services
from bestuursspiegel.assessments.constants import Mode, ParticipantRole
from bestuursspiegel.assessments.participant_list import ParticipantData
from bestuursspiegel.responses import services as response_services

_numbers = itertools.count()


def invite(assessment, actor, count, role=ParticipantRole.COUNCILLOR):
    """Invite `count` participants with unique names and addresses; returns their invitations."""
    numbers = [next(_numbers) for _ in range(count)]
    people = [ParticipantData(name=f"Deelnemer {n}", email=f"deelnemer{n}@example.org", role=role) for n in numbers]
    return assessment_services.participants_add(assessment=assessment, actor=actor, people=people)


def respond(invitation, values, *, submit=True, examples=None):
    """Answer every item of the meting through the real services; `values` maps item number → value."""
    participation = response_services.participation_for_token(invitation.token)
    response = response_services.response_start(
        participation=participation, consent_open=participation.assessment.mode == Mode.OPEN
    )
    for item in participation.assessment.questionnaire.items.all():
        value = values(item) if callable(values) else values
        example = (examples or {}).get(item.number, "")
        response_services.answer_save(response=response, item=item, value=value, example=example)
    for pattern in response_services.lens_patterns(participation.assessment):
        response_services.pattern_answer_save(response=response, pattern=pattern, value=2)
    if submit:
        response_services.response_submit(participation=participation)
    response.refresh_from_db()
    return response
