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


@pytest.mark.django_db
def test_the_demo_desk_takes_reports_and_its_adviser_reads_them(client, verified_login):
    from django.urls import reverse

    from bestuursspiegel.demo.reporting_desk import DEMO_RECIPIENT_EMAIL
    from bestuursspiegel.reporting_desk.models import Report, ReportingDesk

    organisation = demo_setup().organisation
    demo_setup()
    desk = ReportingDesk.objects.filter(organisation=organisation).get()
    assert Report.objects.filter(desk=desk).count() == 1
    page = client.get(reverse("reporting_desk:intake", args=[desk.public_token]), follow=True)
    assert "Melding versturen" in page.content.decode()  # open, with a recipient who has a key
    adviser = desk.recipients.get().user
    assert adviser.email == DEMO_RECIPIENT_EMAIL
    verified_login(client, adviser)
    client.post(reverse("reporting_desk:unlock", args=[desk.uuid]), {"password": DEMO_PASSWORD})
    report = Report.objects.filter(desk=desk).get()
    detail = client.get(reverse("reporting_desk:report", args=[desk.uuid, report.uuid])).content.decode()
    assert "Demo-melding, verzonnen" in detail and "Dank voor uw melding" in detail
