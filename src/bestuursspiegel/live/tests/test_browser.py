"""One facilitator, one projector and five phones in a real browser; axe-core on every page."""

import re

import pytest
from playwright.sync_api import expect

from bestuursspiegel.accounts.tests.factories import PASSWORD
from bestuursspiegel.interpretation.models import DiscussionNote
from bestuursspiegel.responses.models import Response

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
ANSWERS = ["nooit", "nooit", "soms", "soms", "geregeld"]


def test_live_session_with_projector_and_five_phones(live_server, new_context, assert_accessible, running, facilitator):
    base = live_server.url
    desk = new_context()
    control = desk.new_page()
    control.goto(f"{base}/account/inloggen/")
    control.get_by_label("E-mailadres").fill(facilitator.email)
    control.get_by_label("Wachtwoord").fill(PASSWORD)
    control.get_by_role("main").get_by_role("button", name="Inloggen").click()
    control.goto(f"{base}/metingen/{running.uuid}/")
    control.get_by_role("link", name="Live-sessie: samen invullen op een gedeeld scherm").click()
    assert_accessible(control)
    control.get_by_role("button", name="Live-sessie starten").click()
    code = control.locator("dd.live-code").inner_text().strip()
    assert re.fullmatch(r"[A-Z2-9]{4} [A-Z2-9]{4}", code)  # eight characters, read in two groups
    assert_accessible(control)

    projector = desk.new_page()
    projector.goto(f"{base}/metingen/{running.uuid}/live/scherm/")
    expect(projector.get_by_role("img", name=re.compile("QR-code om mee te doen"))).to_be_visible()
    expect(projector.locator(".live-stage__statement")).to_contain_text("Er wordt gestemd")
    assert_accessible(projector)

    phones = []
    for index, value in enumerate(ANSWERS):
        # The last phone has JavaScript off: it must work the same, one refresh at a time.
        phone = new_context(**PHONE, java_script_enabled=index < 4).new_page()
        phone.goto(f"{base}/live/")
        if index == 0:
            assert_accessible(phone)
        phone.get_by_label("Code op het scherm").fill(code.lower())
        phone.get_by_role("button", name="Meedoen").click()
        if index == 0:
            assert_accessible(phone)
        phone.get_by_label("Uw rol").select_option(label="raadslid")
        phone.get_by_role("button", name="Meedoen").click()
        phone.get_by_label(value, exact=True).check()
        phone.get_by_role("button", name="Antwoord opslaan").click()
        expect(phone.get_by_text("Opgeslagen. Uw antwoord")).to_be_visible()
        if index == 0:
            assert_accessible(phone)
        phones.append(phone)

    # The projector follows by polling, without a reload of its own.
    expect(projector.locator("[data-live-answered]")).to_have_text("5", timeout=15_000)
    expect(projector.locator("[data-live-joined]")).to_have_text("5")

    control.reload()
    control.get_by_role("button", name="Toon de uitslag van deze stelling").click()
    table = projector.get_by_role("table", name="Antwoorden van 5 respondenten")
    expect(table).to_be_visible(timeout=15_000)
    expect(table.get_by_role("row", name=re.compile("^nooit"))).to_contain_text("2")
    expect(projector.locator(".norm-line .badge")).to_be_visible()
    assert_accessible(projector)
    expect(phones[0].get_by_text("antwoorden op deze stelling is gesloten")).to_be_visible(timeout=15_000)
    assert_accessible(phones[0])

    control.get_by_role("textbox", name=re.compile("^Aantekeningen")).fill("Stemmen gaat vaak langs partijlijnen.")
    control.get_by_label("Conclusies").fill("Terugkomen in het presidium.")
    control.get_by_role("button", name="Aantekeningen opslaan").click()
    expect(control.get_by_text("Aantekeningen bij stelling 1 opgeslagen.")).to_be_visible()

    control.get_by_role("button", name="Volgende stelling").click()
    expect(phones[1].get_by_role("heading", level=1)).to_contain_text("Er zijn verstoorde relaties", timeout=15_000)
    expect(projector.locator(".live-stage__progress")).to_contain_text("Stelling 2 van 19", timeout=15_000)
    expect(phones[4].get_by_text("Stelling 1 van 19")).to_be_visible()  # no JavaScript: still on the old page
    phones[4].get_by_role("link", name="Vernieuwen").click()
    expect(phones[4].get_by_text("Stelling 2 van 19")).to_be_visible()
    phones[4].get_by_label("vaak", exact=True).check()
    phones[4].get_by_role("button", name="Antwoord opslaan").click()
    expect(phones[4].get_by_text("Opgeslagen. Uw antwoord")).to_be_visible()

    control.get_by_role("link", name="Live-sessie beëindigen").click()
    expect(control.get_by_role("heading", level=1)).to_have_text("Live-sessie beëindigen?")
    assert_accessible(control)
    control.get_by_role("button", name="Live-sessie beëindigen").click()
    expect(control.get_by_text("de antwoorden van 5 deelnemers zijn nu opgenomen")).to_be_visible()
    assert Response.objects.filter(assessment=running, source="live", submitted_on__isnull=False).count() == 5
    control.get_by_role("link", name="Agenda voor het goede gesprek").first.click()
    expect(control.get_by_text("Stemmen gaat vaak langs partijlijnen.")).to_be_visible()
    assert DiscussionNote.objects.get(assessment=running, item__number=1).conclusions == "Terugkomen in het presidium."
    expect(phones[0].get_by_role("heading", name="De live-sessie is afgelopen")).to_be_visible(timeout=15_000)
