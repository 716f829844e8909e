"""The knowledge base in a real browser: ladder, search, an instrument, the catalogue; axe on each."""

import pytest
from playwright.sync_api import expect

from bestuursspiegel.knowledge.loader import load_knowledge

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_ladder_search_and_instrument(live_server, new_context, assert_accessible):
    load_knowledge()
    page = new_context().new_page()
    page.goto(f"{live_server.url}/kennisbank/")
    assert_accessible(page)

    page.get_by_role("link", name="Escalatieladder").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Escalatieladder")
    assert_accessible(page)
    expect(page.get_by_role("heading", name="Fase 3 (3 instrumenten)")).to_be_visible()

    page.get_by_role("link", name="Thematiek aan de orde stellen tijdens werkbezoek CdK").click()
    expect(page.get_by_text("artikel 182, eerste lid, onder b, Provinciewet", exact=False)).to_be_visible()
    expect(page.get_by_text("Bron: Handreiking bestuurscultuur voor burgemeesters (BMC in opdracht")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Commissaris van de Koning (CvdK) en kabinetschef").click()
    expect(page.get_by_role("heading", name="Instrumenten waarbij deze hulplijn helpt")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Kennisbank").first.click()
    page.get_by_label("Zoeken in de kennisbank").fill("vertrouwenspersoon")
    page.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_role("link", name="Stel een vertrouwenspersoon aan voor raad en college")).to_be_visible()
    assert_accessible(page)

    page.goto(f"{live_server.url}/kennisbank/ondersteuning/")
    page.get_by_label("Zoeken").fill("rekenkamer")
    page.get_by_role("button", name="Tonen").click()
    expect(page.get_by_role("link", name="Handreiking lokale rekenkamer en rekenkamerfunctie")).to_be_visible()
    assert_accessible(page)

    for path in (
        "/kennisbank/casestudy/",
        "/kennisbank/knelpunten/",
        "/kennisbank/landkaart/",
        "/kennisbank/dilemmas/",
        "/kennisbank/hulplijnen/",
        "/kennisbank/maatregelen/",
    ):
        page.goto(live_server.url + path)
        assert_accessible(page)
