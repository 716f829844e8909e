"""The respondent, facilitator and live flows with the keyboard only: every stop on the way shows
where focus is (WCAG 2.4.7), focus moves on and never gets stuck (2.1.1, 2.1.2), and after a failed
submit it lands on the error summary (3.3.1)."""

import pytest
from playwright.sync_api import expect

from bestuursspiegel.assessments import services as assessment_services
from bestuursspiegel.assessments.participant_list import ParticipantData
from bestuursspiegel.live import services as live

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FOCUS_STYLE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return {name: '', visible: false};
  const own = getComputedStyle(el);
  // A radio button shows focus on its answer card (its label), which is what the eye follows.
  const card = el.closest('.choice');
  const shown = s => (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
  return {
    name: (el.getAttribute('aria-label') || (el.labels && el.labels.length ? el.labels[0].innerText : '')
           || el.innerText || el.value || el.id || el.tagName).trim().slice(0, 60),
    id: el.id,
    visible: shown(own) || (card !== null && shown(getComputedStyle(card))),
  };
}"""


def tab_to(page, name: str, limit: int = 60) -> None:
    """Press Tab until the focused element's name starts with `name`; every stop must show focus."""
    seen = []
    for _press in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUS_STYLE)
        if not focused["visible"]:
            html = page.evaluate("document.activeElement.outerHTML.slice(0, 300)")
            raise AssertionError(f"no visible focus on {focused['name']!r} ({html}) at {page.url}")
        seen.append(focused["name"])
        if focused["name"].startswith(name):
            return
    raise AssertionError(f"{name!r} not reached with the keyboard; focus went through {seen[-15:]}")


def focus_is_on_the_error_summary(page) -> None:
    expect(page.locator("[role=alert]").first).to_be_focused()


def test_a_respondent_answers_with_the_keyboard_only(live_server, new_context, running, facilitator):
    [invitation] = assessment_services.participants_add(
        assessment=running,
        actor=facilitator,
        people=[ParticipantData(name="Anna Jansen", email="", role="councillor")],
    )
    page = new_context().new_page()
    page.goto(f"{live_server.url}/d/{invitation.token}/")
    tab_to(page, "Beginnen")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Uw hervatcode")
    tab_to(page, "Naar de stellingen")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Stelling 1 van 19")).to_be_visible()
    tab_to(page, "Opslaan en volgende")
    page.keyboard.press("Enter")  # no answer chosen
    focus_is_on_the_error_summary(page)
    # A group of radio buttons is one stop for Tab; the arrow keys move through it and choose.
    tab_to(page, "altijd")
    page.keyboard.press("ArrowDown")
    expect(page.get_by_label("vaak", exact=True)).to_be_checked()
    tab_to(page, "Opslaan en volgende")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Stelling 2 van 19")).to_be_visible()


def test_a_facilitator_meets_errors_with_the_keyboard(live_server, new_context, running, facilitator):
    from bestuursspiegel.accounts.tests.factories import PASSWORD

    page = new_context().new_page()
    page.goto(f"{live_server.url}/account/inloggen/")
    # The e-mail field has autofocus; Chromium applies it after the load event, so wait for it,
    # or the Tab walk starts at the top and stops on the header's link of the same name.
    expect(page.get_by_label("E-mailadres")).to_be_focused()
    tab_to(page, "Inloggen")
    page.keyboard.press("Enter")  # nothing filled in
    focus_is_on_the_error_summary(page)
    page.get_by_label("E-mailadres").fill(facilitator.email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_label("Wachtwoord").press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Metingen")
    page.goto(f"{live_server.url}/metingen/{running.uuid}/deelnemers/")
    tab_to(page, "Deelnemer toevoegen")
    page.keyboard.press("Enter")
    focus_is_on_the_error_summary(page)
    # Focus is not trapped: it goes on through the page to the language switch in the footer.
    tab_to(page, "English", limit=80)


def test_a_live_participant_joins_with_the_keyboard(live_server, new_context, running, facilitator):
    session = live.session_start(assessment=running, actor=facilitator)
    page = new_context().new_page()
    page.goto(f"{live_server.url}/live/")
    tab_to(page, "Code op het scherm")
    page.keyboard.type(session.code.lower())
    page.keyboard.press("Enter")
    expect(page.get_by_label("Uw rol")).to_be_visible()
    tab_to(page, "Meedoen")
    page.keyboard.press("Enter")  # no role chosen
    focus_is_on_the_error_summary(page)
    tab_to(page, "Uw rol")  # the summary's link to the field with the error
    page.keyboard.press("Enter")
    expect(page.get_by_label("Uw rol")).to_be_focused()
    page.keyboard.type("raad")  # a list is chosen from by typing the first letters
    expect(page.get_by_label("Uw rol")).to_have_value("councillor")
    tab_to(page, "Meedoen")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Stelling 1 van 19")).to_be_visible()
    tab_to(page, "altijd")
    page.keyboard.press("ArrowDown")
    tab_to(page, "Antwoord opslaan")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Opgeslagen. Uw antwoord")).to_be_visible()
