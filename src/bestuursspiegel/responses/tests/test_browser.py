"""What a respondent who distrusts the mayor sees, in a real browser: the mode on every page, who was
invited and how answers came in, the privacy explanation, the resume code, and a receipt without
answers. Axe-core on every page type at three widths; no horizontal scrolling at 320 px."""

import re

import pytest
from playwright.sync_api import expect

from bestuursspiegel.assessments import services as assessment_services
from bestuursspiegel.assessments.participant_list import ParticipantData
from bestuursspiegel.responses import services as responses

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (320, 390, 1280)
BANNER = "Anoniem: niemand ziet uw afzonderlijke antwoorden"


@pytest.fixture
def invited(running, facilitator):
    """Two named participants (one link e-mailed, one handed out by the facilitator) and a paper form."""
    people = [
        ParticipantData(name="Anna Jansen", email="anna@example.org", role="councillor"),
        ParticipantData(name="Bram de Vries", email="", role="alderman"),
    ]
    invitations = assessment_services.participants_add(assessment=running, actor=facilitator, people=people)
    assessment_services.invitations_deliver(invitations=invitations, actor=facilitator, by_email=True)
    responses.paper_response_create(
        assessment=running,
        actor=facilitator,
        form_id="11111111-1111-4111-8111-111111111111",
        role="councillor",
        values={i.pk: 3 for i in running.questionnaire.items.all()},
        pattern_values={},
    )
    return invitations


def facts(page) -> dict[str, str]:
    pairs = page.eval_on_selector_all(
        "dl.facts dt", "els => els.map(e => [e.textContent.trim(), e.nextElementSibling.textContent.trim()])"
    )
    return dict(pairs)


def check_page(page, assert_accessible):
    """Axe at every width, and at 320 px no horizontal scrolling (WCAG 1.4.10)."""
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        assert_accessible(page)
        if width == 320:
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 0, f"{page.url} scrolls sideways at 320 px by {overflow} px"


def test_a_respondent_sees_the_mode_who_takes_part_and_the_routes(
    live_server, new_context, assert_accessible, invited, running
):
    page = new_context().new_page()
    page.goto(f"{live_server.url}/d/{invited[0].token}/")
    expect(page.get_by_text("Uw antwoorden zijn anoniem.")).to_be_visible()
    expect(page.get_by_text(BANNER)).to_be_visible()
    check_page(page, assert_accessible)

    page.get_by_role("navigation", name="Over deze vragenlijst").get_by_role("link", name="Wie doen er mee").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wie doen er mee")
    shown = facts(page)
    assert shown["Op naam uitgenodigd"] == "2"
    assert shown["Links gemaild door Bestuursspiegel"] == "1"
    assert shown["Links uitgedeeld door de organisator"] == "1"
    assert shown["Papieren formulieren ingevoerd door de organisator"] == "1"
    expect(page.get_by_role("listitem").filter(has_text="Bram de Vries")).to_be_visible()
    expect(page.get_by_text(BANNER)).to_be_visible()
    check_page(page, assert_accessible)

    page.get_by_role("link", name="Hoe uw antwoorden beschermd worden").first.click()
    expect(page.get_by_role("heading", name="Papieren formulieren en extra deelnemers")).to_be_visible()
    check_page(page, assert_accessible)
    page.go_back()
    page.get_by_role("link", name="Terug naar de vragenlijst").click()

    page.get_by_role("button", name="Beginnen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Uw hervatcode")
    code = page.locator(".resume-code").inner_text()
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", code)
    check_page(page, assert_accessible)
    page.get_by_role("link", name="Naar de stellingen").click()
    for _ in range(19):
        expect(page.get_by_text(BANNER)).to_be_visible()  # the mode, on every page
        page.get_by_label("soms", exact=True).check()
        page.get_by_role("button", name=re.compile("Opslaan en (volgende|controleren)")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Overzicht van uw antwoorden")
    expect(page.get_by_text("Uw antwoorden zijn anoniem.")).to_be_visible()  # before submitting
    check_page(page, assert_accessible)
    page.get_by_role("button", name="Antwoorden indienen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bedankt, uw antwoorden zijn ontvangen")
    expect(page.get_by_text("soms", exact=True)).to_have_count(0)  # the answers are not shown again
    check_page(page, assert_accessible)
    page.get_by_role("link", name="Wie doen er mee en hoe kwamen de antwoorden binnen").click()
    submitted = page.locator("dl.facts dt", has_text="Ingediend met een persoonlijke link")
    expect(submitted).to_be_visible()  # the page has arrived before it is read
    assert facts(page)["Ingediend met een persoonlijke link"] == "1"


def test_the_link_in_another_browser_asks_for_the_resume_code(live_server, new_context, assert_accessible, invited):
    first = new_context(java_script_enabled=False).new_page()
    first.goto(f"{live_server.url}/d/{invited[1].token}/")
    first.get_by_role("button", name="Beginnen").click()
    first.get_by_role("link", name="Naar de stellingen").click()
    first.get_by_label("vaak", exact=True).check()
    first.get_by_label("Voorbeeld of toelichting").fill("Alleen voor mij")
    first.get_by_role("button", name="Opslaan en volgende").click()

    other = new_context().new_page()  # the organiser, who saw this link when inviting
    other.goto(f"{live_server.url}/d/{invited[1].token}/")
    expect(other.get_by_role("heading", name="Verdergaan met uw hervatcode")).to_be_visible()
    expect(other.get_by_text("Bent u niet zelf begonnen?")).to_be_visible()
    assert "Alleen voor mij" not in other.content()
    check_page(other, assert_accessible)
    other.get_by_role("textbox", name="Hervatcode").fill("ABCD-EFGH-JKMN")
    other.get_by_role("button", name="Hier verdergaan").click()
    expect(other.locator(".utrecht-form-field-error-message", has_text="Deze hervatcode klopt niet.")).to_be_visible()
    check_page(other, assert_accessible)
