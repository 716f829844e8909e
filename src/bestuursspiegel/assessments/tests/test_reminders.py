"""A reminder to invited people who have not submitted: no link in it, counted, sent once per click."""

import re

import pytest
from django.urls import reverse

from bestuursspiegel.accounts.tests.factories import PASSWORD
from bestuursspiegel.assessments.models import Participant
from bestuursspiegel.audit.models import AuditEvent
from bestuursspiegel.once.tests.helpers import page_with_key
from bestuursspiegel.responses.tests.helpers import begin, invite, respond

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(client, facilitator):
    client.login(email=facilitator.email, password=PASSWORD)
    return client


def test_reminders_go_to_who_has_not_submitted_without_a_link(desk, running, facilitator, knowledge, mailoutbox):
    submitted, started, waiting = invite(running, facilitator, 3)
    respond(submitted, 2)
    begin(started)
    url = page_with_key(desk, reverse("assessments:participants_remind", args=[running.uuid]))
    confirm = desk.get(url).content.decode()
    assert "Herinnering sturen aan 2 personen?" in confirm and mailoutbox == []
    assert desk.post(url).status_code == 302
    assert sorted(m.to[0] for m in mailoutbox) == sorted([started.participant.email, waiting.participant.email])
    assert all(not re.search(r"/d/[A-Za-z0-9_-]{20,}", m.body) for m in mailoutbox)  # no link, no token
    assert all(started.token not in m.body and waiting.token not in m.body for m in mailoutbox)
    desk.post(url)  # reload of the POST: not sent twice
    assert len(mailoutbox) == 2
    reminded = Participant.objects.filter(reminders=1)
    assert set(reminded) == {started.participant, waiting.participant}
    assert AuditEvent.objects.unscoped().get(action="participants.remind").detail["count"] == 2
    page = desk.get(reverse("assessments:participants", args=[running.uuid]), follow=True).content.decode()
    assert page.count("één keer herinnerd") == 2


def test_no_reminders_for_a_meting_that_is_not_open(desk, assessment, facilitator, mailoutbox):
    invite(assessment, facilitator, 2)  # a draft
    response = desk.get(reverse("assessments:participants_remind", args=[assessment.uuid]), follow=True)
    assert "Niemand om te herinneren" in response.content.decode() and mailoutbox == []
