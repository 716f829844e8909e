"""Action plan, buffer check, agenda and report download in a real browser, axe on every page."""

import pytest
from playwright.sync_api import expect

from bestuursspiegel.accounts.tests.factories import PASSWORD
from bestuursspiegel.interpretation import services as interpretation_services
from bestuursspiegel.knowledge.models import Instrument
from bestuursspiegel.responses.tests.helpers import close, invite, respond

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_plan_agenda_and_report(live_server, new_context, assert_accessible, running, facilitator, knowledge):
    for invitation in invite(running, facilitator, 5):
        respond(invitation, lambda item: 1 if item.number == 3 else 4 if item.direction == "problem" else 2)
    close(running, facilitator)
    instrument = Instrument.objects.get(slug="gedragscode-ontwikkelen-verbeteren")
    interpretation_services.shortlist_add(assessment=running, actor=facilitator, instrument=instrument)
    page = new_context(accept_downloads=True).new_page()
    page.goto(f"{live_server.url}/account/inloggen/")
    page.get_by_label("E-mailadres").fill(facilitator.email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Inloggen").click()

    page.goto(f"{live_server.url}/metingen/{running.uuid}/actieplan/")
    assert_accessible(page)
    page.get_by_role("button", name="Maak een actie van 1 gekozen instrument").click()
    page.get_by_role("link", name="Gedragscode ontwikkelen/verbeteren").click()
    page.get_by_label("Eigenaar (persoon of rol)").fill("Werkgroep raad")
    page.get_by_label("Gereed op").fill("2027-03-01")
    page.get_by_label("Status").select_option(label="bezig")
    assert_accessible(page)
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("De actie is opgeslagen.")).to_be_visible()
    expect(page.get_by_role("cell", name="Werkgroep raad")).to_be_visible()

    page.goto(f"{live_server.url}/metingen/{running.uuid}/buffers/")
    assert_accessible(page)

    page.goto(f"{live_server.url}/integriteitsagenda/")
    page.get_by_label("Start van de raadsperiode").fill("2026-03-30")
    page.get_by_role("button", name="Agenda maken").click()
    expect(page.get_by_text("De integriteitsagenda is gemaakt.")).to_be_visible()
    assert_accessible(page)
    with page.expect_download() as calendar:
        page.get_by_role("link", name="Downloaden voor uw agenda (.ics)").click()
    assert calendar.value.suggested_filename == "integriteitsagenda.ics"

    page.goto(f"{live_server.url}/metingen/{running.uuid}/")
    assert_accessible(page)
    with page.expect_download() as report:
        page.get_by_role("link", name="Rapport (PDF)").click()
    assert report.value.suggested_filename.endswith(".pdf")
    with open(report.value.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"

    page.goto(f"{live_server.url}/metingen/{running.uuid}/papier/")
    assert_accessible(page)
    page.goto(f"{live_server.url}/metingen/{running.uuid}/trend/")
    assert_accessible(page)
