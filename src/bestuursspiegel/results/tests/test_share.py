"""Sharing released results with the participants: a recorded choice, the same figures, their link."""

import pytest
from django.test import Client
from django.urls import reverse

from bestuursspiegel.accounts.tests.factories import PASSWORD
from bestuursspiegel.audit.models import AuditEvent
from bestuursspiegel.once.tests.helpers import page_with_key
from bestuursspiegel.responses.tests.helpers import close, invite, respond

from .observe import page_cells

pytestmark = pytest.mark.django_db

SECRET = "Een voorbeeld dat alleen de organisator ziet vanaf tien mensen"


@pytest.fixture
def desk(client, facilitator):
    client.login(email=facilitator.email, password=PASSWORD)
    return client


def with_link(invitation) -> Client:
    browser = Client()
    browser.get(reverse("responses:enter", args=[invitation.token]))
    return browser


def test_participants_see_the_shared_results_with_their_link(desk, running, facilitator, knowledge, mailoutbox):
    invitations = invite(running, facilitator, 6)
    for invitation in invitations[:5]:
        respond(invitation, 2, examples={1: SECRET})
    close(running, facilitator)
    late = with_link(invitations[5])  # never answered: still invited, still comes to the conversation
    assert late.get(reverse("shared_results")).status_code == 404  # not shared yet
    url = page_with_key(desk, reverse("results:share", args=[running.uuid]))
    assert "Resultaten delen met de deelnemers?" in desk.get(url).content.decode()
    desk.post(url, {"send_email": "1"})
    desk.post(url, {"send_email": "1"})  # reload: not twice
    assert len(mailoutbox) == 6 and all("/d/" not in m.body for m in mailoutbox)
    assert AuditEvent.objects.unscoped().filter(action="results.share").count() == 1
    shared = late.get(reverse("shared_results"))
    assert shared.status_code == 200
    html = shared.content.decode()
    facilitator_page = desk.get(reverse("results:results", args=[running.uuid])).content.decode()
    assert page_cells(html) == page_cells(facilitator_page) and len(page_cells(html)) == 19
    assert SECRET not in html and "naast elkaar" not in html


def test_sharing_needs_a_release_and_a_link_of_this_meting(desk, running, facilitator, make_assessment, knowledge):
    url = page_with_key(desk, reverse("results:share", args=[running.uuid]))
    desk.post(url)
    running.refresh_from_db()
    assert running.results_shared_at is None  # still open: nothing released, nothing shared
    other = make_assessment(title="Andere meting")
    from bestuursspiegel.assessments.services import assessment_open

    assessment_open(assessment=other, actor=facilitator)
    [stranger] = invite(other, facilitator, 1)
    for invitation in invite(running, facilitator, 5):
        respond(invitation, 2)
    close(running, facilitator)
    desk.post(page_with_key(desk, reverse("results:share", args=[running.uuid])))
    assert with_link(stranger).get(reverse("shared_results")).status_code == 404  # their meting shared nothing
    assert Client().get(reverse("shared_results")).status_code == 403  # no link, no results
