"""Respondent pages with text at 200% (WCAG 1.4.4) and with the text-spacing overrides of WCAG 1.4.12,
on a phone and a laptop: nothing lost to sideways scrolling, clipping or text over text. The styles
are injected as a user's browser would; only this test browser relaxes the CSP to allow that."""

import re

import pytest
from playwright.sync_api import expect

from bestuursspiegel.accessibility import checks
from bestuursspiegel.assessments import services as assessment_services
from bestuursspiegel.assessments.participant_list import ParticipantData

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OVERRIDES = {"text at 200%": checks.TEXT_200_CSS, "text spacing": checks.TEXT_SPACING_CSS}


def problems(page, label: str) -> list[str]:
    found = []
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        if page.evaluate(checks.SIDEWAYS_SCROLL) > 0:
            found.append(f"{label} @{width}: scrolls sideways ({page.evaluate(checks.WIDEST)})")
        for cut in page.evaluate(checks.CLIPPED):
            found.append(f"{label} @{width}: clipped {cut}")
        for overlap in page.evaluate(checks.OVERLAPPING_TEXT):
            found.append(f"{label} @{width}: text over text {overlap}")
    return found


@pytest.mark.parametrize("override", list(OVERRIDES))
def test_respondent_pages_keep_their_content_with_larger_text_and_more_spacing(
    live_server, new_context, running, facilitator, override
):
    [invitation] = assessment_services.participants_add(
        assessment=running,
        actor=facilitator,
        people=[ParticipantData(name="Anna Jansen", email="", role="councillor")],
    )
    page = new_context(bypass_csp=True).new_page()
    css = OVERRIDES[override]
    found = []

    def look(name):
        page.add_style_tag(content=css)
        found.extend(problems(page, f"{override}, {name}"))

    page.goto(f"{live_server.url}/d/{invitation.token}/")
    look("welcome")
    page.goto(f"{live_server.url}/vragenlijst/deelnemers/")
    look("who takes part")
    page.goto(f"{live_server.url}/privacy/")
    look("privacy")
    page.goto(f"{live_server.url}/vragenlijst/")
    page.locator("main form button[type=submit]").click()
    look("resume code")
    page.goto(f"{live_server.url}/vragenlijst/stelling/1/")
    look("statement")
    for number in range(1, 20):
        page.goto(f"{live_server.url}/vragenlijst/stelling/{number}/")
        page.get_by_label("soms", exact=True).check()
        page.get_by_role("button", name=re.compile("Opslaan en (volgende|controleren)")).click()
    look("overview")
    page.get_by_role("button", name="Antwoorden indienen").click()
    expect(page.locator(".receipt")).to_be_visible()
    look("receipt")
    assert found == [], "\n".join(found)
