"""The one-query identification gives what the ORM gives, and nothing of another link's."""

from dataclasses import replace

from django.db.models import Model

from bestuursspiegel.assessments.constants import Mode
from bestuursspiegel.assessments.models import Participant
from bestuursspiegel.responses import services
from bestuursspiegel.responses.identification import identify
from bestuursspiegel.responses.models import Response

from .helpers import begin, invite


def fields_of(instance: Model) -> dict:
    return {field.attname: getattr(instance, field.attname) for field in instance._meta.concrete_fields}


def test_the_instances_equal_what_the_orm_reads(running, facilitator):
    """Every field, after each database's converters: dates, times, booleans, UUIDs, JSON, choices."""
    running.mode = Mode.OPEN  # the response then also points to its participant
    running.save()
    [invitation] = invite(running, facilitator, 1)
    started = begin(invitation)
    found = identify(invitation.token, started.resume_code)

    participant = Participant.objects.select_related("assessment__organisation").get(pk=invitation.participant.pk)
    assert fields_of(found.participant) == fields_of(participant)
    assert fields_of(found.participant.assessment) == fields_of(participant.assessment)
    assert fields_of(found.participant.assessment.organisation) == fields_of(participant.assessment.organisation)
    assert fields_of(found.response) == fields_of(Response.objects.get(participant=participant))
    assert found.response.assessment is found.participant.assessment
    assert not found.participant._state.adding and found.participant._state.db == "default"


def test_a_response_only_under_its_own_link_and_code(running, facilitator):
    first, second = invite(running, facilitator, 2)
    started = begin(first)
    assert identify(first.token, started.resume_code).response.pk == started.response().pk
    assert identify(first.token, "").response is None
    assert identify(first.token, "ABCDEFGHJKMN").response is None
    # The first browser's code with the second link: the second participant, no response.
    other = identify(second.token, started.resume_code)
    assert other.participant.pk == second.participant.pk and other.response is None
    assert identify("x" * 43, "") is None


def test_a_changed_resume_code_reads_the_response_again(running, facilitator):
    """The snapshot read with the link holds only for the code it was read with."""
    [invitation] = invite(running, facilitator, 1)
    started = begin(invitation)
    with_code = services.participation_for_token(invitation.token, started.resume_code)
    without = services.participation_for_token(invitation.token)
    assert with_code.response().pk == started.response().pk
    assert without.response() is None
    assert replace(without, resume_code=started.resume_code).response().pk == started.response().pk
