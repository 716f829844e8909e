"""Helpers that drive the real services the way respondents do."""

import itertools
import re
from dataclasses import replace

from django.urls import reverse

from bestuursspiegel.assessments import services as assessment_services
from bestuursspiegel.assessments.constants import Mode, ParticipantRole
from bestuursspiegel.assessments.participant_list import ParticipantData
from bestuursspiegel.assessments.tokens import resume_code_generate
from bestuursspiegel.responses import services as response_services

_numbers = itertools.count()


def invite(assessment, actor, count, role=ParticipantRole.COUNCILLOR):
    """Invite `count` participants with unique names and addresses; returns their invitations."""
    numbers = [next(_numbers) for _ in range(count)]
    people = [ParticipantData(name=f"Deelnemer {n}", email=f"deelnemer{n}@example.org", role=role) for n in numbers]
    return assessment_services.participants_add(assessment=assessment, actor=actor, people=people)


def browser(invitation):
    """A browser that opened the link's start page: it holds the link and the resume code that page made."""
    return replace(response_services.participation_for_token(invitation.token), resume_code=resume_code_generate())


def start(participation, consent_open=False):
    return response_services.response_start(
        participation=participation, consent_open=consent_open, resume_code=participation.resume_code
    )


def begin(invitation):
    """Open the link and start in a fresh browser; returns the participation (link and resume code)."""
    mode = invitation.participant.assessment.mode
    return response_services.participation_begin(token=invitation.token, consent_open=mode == Mode.OPEN)


def respond(invitation, values, *, submit=True, examples=None):
    """Answer every item of the meting through the real services; `values` maps item number → value."""
    participation = begin(invitation)
    response = participation.response()
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


def answer(client, number, value, go="next", example=""):
    """Send a statement page's form as a browser does: the answer, an example (often empty), a button."""
    return client.post(reverse("responses:item", args=[number]), {"value": value, "example": example, "go": go})


RESUME_FIELD = re.compile(r'name="resume_code" value="([A-Z0-9]+)"')


def start_here(client):
    """Press Start as a browser does: send the start form back with the resume code the page made."""
    page = client.get(reverse("responses:welcome")).content.decode()
    code = RESUME_FIELD.search(page).group(1)
    response = client.post(reverse("responses:start"), {"resume_code": code})
    assert response.status_code == 302, response.content.decode()[:500]
    return code


def close(assessment, actor):
    """Close the meting, which releases its results (anonymous metingen show nothing before)."""
    from bestuursspiegel.results.services import assessment_close

    closed = assessment_close(assessment=assessment, actor=actor)
    assessment.refresh_from_db()
    return closed
