import pytest
from django.core.management import call_command

from bestuursspiegel.assessments.models import Assessment
from bestuursspiegel.demo.services import DEMO_EMAIL, DEMO_PASSWORD, DEMO_SUBMITTING, demo_setup
from bestuursspiegel.responses.models import Answer, Response
from bestuursspiegel.results.aggregation import results_for_assessment


@pytest.mark.django_db
def test_demo_is_complete_and_idempotent(client):
    first = demo_setup()
    call_command("setup_demo")
    assert first.created
    assert Assessment.objects.unscoped().count() == 1
    assert Response.objects.filter(submitted_on__isnull=False).count() == DEMO_SUBMITTING
    assert Answer.objects.count() == DEMO_SUBMITTING * 19
    result = results_for_assessment(first.assessment)
    assert result.visible and result.submitted_count == DEMO_SUBMITTING
    assert client.login(email=DEMO_EMAIL, password=DEMO_PASSWORD)
