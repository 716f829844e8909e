"""One real meting in a real browser: facilitator, three participants on phones, results.

Every page on the way is checked with axe-core (no serious or critical WCAG 2.1 AA issues).
"""

import re

import pytest
from playwright.sync_api import expect

from bestuursspiegel.accounts.tests.factories import PASSWORD
from bestuursspiegel.responses.models import Answer, Response

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
PEOPLE = "Anna de Burgemeester; anna@example.org; burgemeester\nBram de Griffier; ; griffier\nCor de Secretaris; ; gemeentesecretaris"


def log_in(page, base, user, check):
    page.goto(f"{base}/account/inloggen/")
    check(page)
    page.get_by_label("E-mailadres").fill(user.email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Metingen")
    check(page)


def answer(page, value_label, example=""):
    page.get_by_label(value_label, exact=True).check()
    if example:
        page.get_by_label("Voorbeeld of toelichting").fill(example)
    page.get_by_role("button", name=re.compile("Opslaan en (volgende|controleren)")).click()


def start(context, link, check=None):
    page = context.new_page()
    page.goto(link)
    assert "/d/" not in page.url  # the secret left the address bar
    if check:  # axe needs JavaScript; no-JS pages are the same pages checked with it elsewhere
        check(page)
    return page


def test_a_meting_from_creation_to_results(live_server, new_context, assert_accessible, facilitator, questionnaire):
    base = live_server.url
    admin = new_context().new_page()
    log_in(admin, base, facilitator, assert_accessible)

    # Start a meting in open comparison, for the driehoek.
    admin.get_by_role("link", name="Nieuwe meting starten").click()
    assert_accessible(admin)
    admin.get_by_label("Titel").fill("Driehoek najaar")
    admin.get_by_label("Uitgevoerd door").fill("Burgemeester A. de Vries")
    admin.get_by_label("open vergelijking").check()
    admin.get_by_role("button", name="Meting aanmaken").click()

    # Norms in advance: for statement 1 also accept "geregeld".
    expect(admin.get_by_role("heading", level=1)).to_have_text("Vooraf bepaalde normen")
    assert_accessible(admin)
    admin.get_by_role("group", name=re.compile("^1. Er wordt gestemd")).get_by_label("geregeld").check()
    admin.get_by_role("button", name="Normen opslaan").click()
    expect(admin.get_by_text("De normen zijn opgeslagen.")).to_be_visible()
    assert_accessible(admin)

    # Invite three participants by pasting a list; not by e-mail, so the links are shown once.
    admin.get_by_role("link", name="Deelnemers uitnodigen").click()
    admin.get_by_label("Lijst met deelnemers").fill(PEOPLE)
    admin.get_by_label("Stuur de links nu per e-mail").uncheck()
    admin.get_by_role("button", name="Lijst toevoegen").click()
    assert_accessible(admin)
    links = [field.input_value() for field in admin.locator("input[data-copy]").all()]
    assert len(links) == 3 and all(re.search(r"/d/[A-Za-z0-9_-]{43}/$", link) for link in links)
    admin.get_by_role("link", name="Driehoek najaar").click()
    admin.get_by_role("button", name="Meting openen voor antwoorden").click()
    expect(admin.get_by_text("De meting is open: deelnemers kunnen antwoorden.")).to_be_visible()

    # Participant 1 on a phone: must agree to open comparison first.
    anna = start(new_context(**PHONE), links[0], assert_accessible)
    expect(anna.get_by_text("Open vergelijking: de groep ziet uw antwoorden.")).to_be_visible()
    anna.get_by_role("button", name="Beginnen").click()
    expect(anna.get_by_text("Bevestig dat u begrijpt").first).to_be_visible()
    assert_accessible(anna)
    anna.get_by_label("Ik begrijp dat de groep mijn antwoorden").check()
    anna.get_by_role("button", name="Beginnen").click()
    expect(anna.get_by_role("heading", level=1)).to_have_text("Uw hervatcode")
    assert_accessible(anna)
    anna.get_by_role("link", name="Naar de stellingen").click()
    expect(anna.get_by_text("Stelling 1 van 19")).to_be_visible()
    assert_accessible(anna)
    anna.get_by_role("button", name="Opslaan en volgende").click()  # no choice made
    expect(anna.get_by_text("Kies een van de antwoorden").first).to_be_visible()
    assert_accessible(anna)
    answer(anna, "geregeld", example="Bij de begroting")
    for _ in range(18):
        answer(anna, "soms")
    expect(anna.get_by_role("heading", level=1)).to_have_text("Overzicht van uw antwoorden")
    assert_accessible(anna)
    anna.get_by_role("button", name="Antwoorden indienen").click()
    expect(anna.get_by_role("heading", level=1)).to_have_text("Bedankt, uw antwoorden zijn ontvangen")
    assert_accessible(anna)

    # Participant 2 without JavaScript stops after five statements and resumes in a new browser,
    # which needs the resume code: the link alone shows no answers.
    bram = start(new_context(java_script_enabled=False, **PHONE), links[1])
    bram.get_by_label("Ik begrijp dat de groep mijn antwoorden").check()
    bram.get_by_role("button", name="Beginnen").click()
    code = bram.locator(".resume-code").inner_text()
    assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}", code)
    bram.get_by_role("link", name="Naar de stellingen").click()
    for _ in range(5):
        answer(bram, "vaak")
    bram.context.close()
    bram = start(new_context(java_script_enabled=False, **PHONE), links[1])
    expect(bram.get_by_role("heading", name="Verdergaan met uw hervatcode")).to_be_visible()
    bram.get_by_role("textbox", name="Hervatcode").fill(code.lower().replace("-", " "))
    bram.get_by_role("button", name="Hier verdergaan").click()
    bram.get_by_role("button", name="Verdergaan").click()
    expect(bram.get_by_text("Stelling 6 van 19")).to_be_visible()
    for _ in range(14):
        answer(bram, "vaak")
    bram.get_by_role("button", name="Antwoorden indienen").click()
    expect(bram.get_by_role("heading", level=1)).to_have_text("Bedankt, uw antwoorden zijn ontvangen")

    # Participant 3 on a laptop, everything "nooit".
    cor = start(new_context(), links[2], assert_accessible)
    cor.get_by_label("Ik begrijp dat de groep mijn antwoorden").check()
    cor.get_by_role("button", name="Beginnen").click()
    cor.get_by_role("link", name="Naar de stellingen").click()
    for _ in range(19):
        answer(cor, "nooit")
    cor.get_by_role("button", name="Antwoorden indienen").click()
    expect(cor.get_by_text(re.compile(r"^Ontvangstbewijs: [0-9A-F]{4}-[0-9A-F]{4}$"))).to_be_visible()

    assert Response.objects.filter(submitted_on__isnull=False).count() == 3
    assert Answer.objects.count() == 57

    # Results: counts per answer, the norm verdict, and the side-by-side matrix.
    admin.get_by_role("link", name="Resultaten", exact=True).first.click()  # in the path and in the list
    assert_accessible(admin)
    statement_1 = admin.locator("#item-1")
    rows = {
        row.locator("th").inner_text().split(" ")[0]: row.locator("td").first.inner_text()
        for row in statement_1.locator("tbody tr").all()
    }
    assert rows == {"altijd": "0", "vaak": "1", "geregeld": "1", "soms": "0", "nooit": "1", "weet": "0"}
    expect(statement_1.get_by_text("buiten de norm")).to_be_visible()  # 2 of 3 acceptable < 75%
    matrix = admin.get_by_role("table", name="Antwoord per deelnemer")
    expect(matrix.get_by_text("Bij de begroting")).to_be_visible()
    expect(matrix.get_by_role("columnheader", name=re.compile("Anna de Burgemeester"))).to_be_visible()

    # Closing asks first and says what follows; then the results are the released ones.
    admin.get_by_role("link", name="Driehoek najaar").click()
    admin.get_by_role("link", name="Meting sluiten en resultaten vrijgeven").click()
    expect(admin.get_by_role("heading", level=1)).to_have_text("Meting sluiten?")
    assert_accessible(admin)
    admin.get_by_role("button", name="Sluiten en resultaten vrijgeven").click()
    expect(admin.get_by_text("De meting is gesloten en de resultaten zijn vrijgegeven.")).to_be_visible()
    expect(admin.get_by_text(re.compile("resultaten vrijgegeven op"))).to_be_visible()
    assert_accessible(admin)
