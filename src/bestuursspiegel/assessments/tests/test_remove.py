"""A participant invited by mistake, or a paper form typed in by mistake, can be removed: asked
first, recorded in the audit log, and only where nothing published changes."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from bestuursspiegel.accounts.tests.factories import PASSWORD
from bestuursspiegel.assessments import services
from bestuursspiegel.assessments.models import Participant
from bestuursspiegel.audit.models import AuditEvent
from bestuursspiegel.responses import services as response_services
from bestuursspiegel.responses.models import Answer, Response
from bestuursspiegel.responses.tests.helpers import begin, close, invite, respond

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(client, facilitator):
    client.login(email=facilitator.email, password=PASSWORD)
    return client


def paper(assessment, facilitator, form_id="papier-1"):
    items = assessment.questionnaire.items.all()
    response, _created = response_services.paper_response_create(
        assessment=assessment,
        actor=facilitator,
        form_id=form_id,
        role="councillor",
        values={item.pk: 4 for item in items},
        pattern_values={},
    )
    return response


def test_someone_who_never_opened_the_link_is_removed_after_a_confirmation(desk, running, facilitator):
    mistaken, opened = invite(running, facilitator, 2)
    begin(opened)
    url = reverse("assessments:participant_remove", args=[running.uuid, mistaken.participant.uuid])
    page = desk.get(reverse("assessments:participants", args=[running.uuid]), follow=True).content.decode()
    assert url in page  # offered for the one who never opened the link …
    refused_url = reverse("assessments:participant_remove", args=[running.uuid, opened.participant.uuid])
    assert refused_url not in page  # … not for the one who did
    confirm = desk.get(url)
    assert confirm.status_code == 200 and "Dit kan niet ongedaan worden gemaakt" in confirm.content.decode()
    assert Participant.objects.count() == 2  # asking removes nothing
    assert desk.post(url).status_code == 302
    assert list(Participant.objects.values_list("pk", flat=True)) == [opened.participant.pk]
    event = AuditEvent.objects.unscoped().get(action="participant.remove")
    assert event.actor == facilitator and mistaken.participant.name not in str(event.detail)
    # Someone who opened the link stays, also when the address is typed by hand.
    assert desk.post(refused_url).status_code == 302
    assert Participant.objects.filter(pk=opened.participant.pk).exists()


def test_a_mistaken_paper_form_goes_with_its_answers(desk, running, facilitator):
    [invitation] = invite(running, facilitator, 1)
    respond(invitation, 2)
    kept, mistaken = paper(running, facilitator, "a"), paper(running, facilitator, "b")
    participant = mistaken.participant
    desk.post(reverse("assessments:participant_remove", args=[running.uuid, participant.uuid]))
    assert not Response.objects.filter(pk=mistaken.pk).exists()
    assert not Answer.objects.filter(response_id=mistaken.pk).exists()
    assert Response.objects.filter(pk=kept.pk).exists() and Answer.objects.filter(response=kept).count() == 19
    assert Response.objects.filter(source="online").count() == 1
    assert AuditEvent.objects.unscoped().filter(action="paper.remove").count() == 1


def test_nothing_is_removed_after_closing(running, facilitator):
    invitations = invite(running, facilitator, 6)
    for invitation in invitations[:5]:
        respond(invitation, 2)
    form = paper(running, facilitator)
    close(running, facilitator)
    assert services.participants_removable(running) == set()
    for participant in (invitations[5].participant, form.participant):
        with pytest.raises(ValidationError):
            services.participant_remove(participant=participant, actor=facilitator)
    assert Participant.objects.count() == 7 and Response.objects.filter(source="paper").count() == 1


def test_another_organisation_cannot_remove(client, running, facilitator, other_facilitator):
    [invitation] = invite(running, facilitator, 1)
    client.login(email=other_facilitator.email, password=PASSWORD)
    url = reverse("assessments:participant_remove", args=[running.uuid, invitation.participant.uuid])
    assert client.get(url).status_code == 404 and client.post(url).status_code == 404
    assert Participant.objects.count() == 1
