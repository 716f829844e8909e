"""From results to a shortlist in a real browser, axe-core on every page."""

import pytest
from playwright.sync_api import expect

from bestuursspiegel.accounts.tests.factories import PASSWORD
from bestuursspiegel.assessments import services as assessment_services
from bestuursspiegel.responses.tests.helpers import close, invite, respond

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_results_to_shortlist(live_server, new_context, assert_accessible, make_assessment, facilitator, knowledge):
    assessment = make_assessment(include_patterns=True)
    assessment_services.assessment_open(assessment=assessment, actor=facilitator)
    for i, invitation in enumerate(invite(assessment, facilitator, 6)):
        respond(
            invitation, lambda item, i=i: 1 if item.number == 3 else (4 + i % 2 if item.direction == "problem" else 2)
        )
    page = new_context().new_page()
    page.goto(f"{live_server.url}/account/inloggen/")
    page.get_by_label("E-mailadres").fill(facilitator.email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Inloggen").click()
    page.goto(f"{live_server.url}/metingen/{assessment.uuid}/resultaten/")
    expect(page.get_by_text("De resultaten worden vrijgegeven als u de meting sluit.")).to_be_visible()
    assert_accessible(page)
    close(assessment, facilitator)
    page.reload()
    assert_accessible(page)
    expect(page.get_by_role("heading", name="Hoe eensgezind is de groep?")).to_be_visible()

    page.get_by_role("link", name="Agenda voor het goede gesprek").first.click()
    expect(page.get_by_role("heading", level=2).first).to_contain_text("3. Er zijn slechte omgangsvormen")
    assert_accessible(page)

    page.goto(f"{live_server.url}/metingen/{assessment.uuid}/fase/")
    expect(page.get_by_text("Fase 1", exact=True).first).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Fase vastleggen").click()
    expect(page.get_by_text("De fase is vastgelegd.")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Gedragscode ontwikkelen/verbeteren kiezen").first.click()
    expect(page.get_by_text("“Gedragscode ontwikkelen/verbeteren” is gekozen.")).to_be_visible()
    expect(page.get_by_role("button", name="Gedragscode ontwikkelen/verbeteren verwijderen")).to_be_visible()
    assert_accessible(page)

    page.goto(f"{live_server.url}/metingen/{assessment.uuid}/landkaart/")
    page.get_by_role("group", name="Raad").get_by_label("Bewust onbekwaam", exact=True).check()
    page.get_by_role("button", name="Posities opslaan").click()
    expect(page.get_by_text("De posities op de landkaart zijn opgeslagen.")).to_be_visible()
    assert_accessible(page)
