"""Reopening where it is safe: never when a second release could be compared with the first."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from bestuursspiegel.accounts.tests.factories import PASSWORD
from bestuursspiegel.assessments.constants import AssessmentStatus, Mode
from bestuursspiegel.audit.models import AuditEvent
from bestuursspiegel.responses.tests.helpers import close, invite, respond
from bestuursspiegel.results import services
from bestuursspiegel.results.aggregation import results_for_assessment

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(client, facilitator):
    client.login(email=facilitator.email, password=PASSWORD)
    return client


def test_an_anonymous_meting_that_published_nothing_opens_again_after_a_confirmation(
    desk, running, facilitator, knowledge
):
    invitations = invite(running, facilitator, 6)
    for invitation in invitations[:3]:  # closed too early: below the threshold, nothing shown
        respond(invitation, 2)
    close(running, facilitator)
    assert not results_for_assessment(running).visible
    url = reverse("results:reopen", args=[running.uuid])
    assert url in desk.get(reverse("assessments:detail", args=[running.uuid])).content.decode()
    confirm = desk.get(url).content.decode()
    assert "weer openen voor antwoorden?" in confirm and "wordt vastgelegd in het auditlog" in confirm
    running.refresh_from_db()
    assert running.status == AssessmentStatus.CLOSED  # asking changes nothing
    assert desk.post(url).status_code == 302
    running.refresh_from_db()
    assert running.status == AssessmentStatus.OPEN and not running.releases.exists()
    assert AuditEvent.objects.unscoped().filter(action="assessment.reopen").count() == 1
    for invitation in invitations[3:]:
        respond(invitation, 4)
    close(running, facilitator)
    shown = results_for_assessment(running)
    assert shown.visible and shown.submitted_count == 6


def test_an_anonymous_meting_with_released_figures_never_opens_again(desk, running, facilitator, knowledge):
    invitations = invite(running, facilitator, 6)
    for invitation in invitations[:5]:
        respond(invitation, 2)
    close(running, facilitator)
    before = results_for_assessment(running)
    assert before.visible
    url = reverse("results:reopen", args=[running.uuid])
    assert url not in desk.get(reverse("assessments:detail", args=[running.uuid])).content.decode()
    refused = desk.post(url)
    assert refused.status_code == 302
    assert "Start in plaats daarvan een vervolgmeting" in desk.get(refused["Location"]).content.decode()
    with pytest.raises(ValidationError):
        services.assessment_reopen(assessment=running, actor=facilitator)
    running.refresh_from_db()
    assert running.status == AssessmentStatus.CLOSED and running.releases.count() == 1


def test_open_comparison_opens_again(running, facilitator, knowledge):
    running.mode = Mode.OPEN
    running.save(update_fields=["mode"])
    for invitation in invite(running, facilitator, 5):
        respond(invitation, 2)
    close(running, facilitator)
    services.assessment_reopen(assessment=running, actor=facilitator)
    running.refresh_from_db()
    assert running.status == AssessmentStatus.OPEN
