"""Back and reload after every POST that creates something, in Debian's Chromium, as a griffier
would press them: the records are counted after each step."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from bestuursspiegel.accounts.tests.factories import PASSWORD
from bestuursspiegel.assessments import services as assessment_services
from bestuursspiegel.assessments.models import Assessment, Participant
from bestuursspiegel.plans.models import Action
from bestuursspiegel.responses.models import Response
from bestuursspiegel.responses.tests.helpers import close, invite, respond

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(context, base, user):
    page = context.new_page()
    page.goto(f"{base}/account/inloggen/")
    page.get_by_label("E-mailadres").fill(user.email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Metingen")
    return page


def back_and_again(page, button: str):
    """Back to the filled-in form, and press its button once more (whatever the form shows now)."""
    page.go_back()
    page.get_by_role("button", name=button).click()


def test_back_and_reload_never_store_twice(live_server, new_context, facilitator, organisation, questionnaire):
    base = live_server.url
    page = log_in(new_context(), base, facilitator)

    # A new meting.
    page.get_by_role("link", name="Nieuwe meting starten").click()
    page.get_by_label("Titel").fill("Meting najaar")
    page.get_by_label("Uitgevoerd door").fill("Burgemeester A. de Vries")
    page.get_by_role("button", name="Meting aanmaken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vooraf bepaalde normen")
    page.reload()
    back_and_again(page, "Meting aanmaken")
    assert Assessment.objects.unscoped().count() == 1
    assessment = Assessment.objects.unscoped().get()

    # A participant, whose link is shown on the page the POST returns.
    page.goto(base + reverse("assessments:participants", args=[assessment.uuid]))
    page.get_by_label("Naam", exact=True).fill("Anna Jansen")
    page.get_by_label("Stuur de link nu per e-mail").uncheck()
    page.get_by_role("button", name="Deelnemer toevoegen").click()
    expect(page.locator("input[data-copy]")).to_have_count(1)
    page.reload()  # sends the POST again
    assert Participant.objects.count() == 1
    back_and_again(page, "Deelnemer toevoegen")
    assert Participant.objects.count() == 1
    # The next person on the page that showed the link is added, once.
    page.goto(base + reverse("assessments:participants", args=[assessment.uuid]))
    page.get_by_label("Naam", exact=True).fill("Bram de Vries")
    page.get_by_label("Stuur de link nu per e-mail").uncheck()
    page.get_by_role("button", name="Deelnemer toevoegen").click()
    page.get_by_label("Naam", exact=True).fill("Cor Smit")
    page.get_by_label("Stuur de link nu per e-mail").uncheck()
    page.get_by_role("button", name="Deelnemer toevoegen").click()
    assert sorted(Participant.objects.values_list("name", flat=True)) == ["Anna Jansen", "Bram de Vries", "Cor Smit"]

    # A paper form.
    assessment_services.assessment_open(assessment=assessment, actor=facilitator)
    page.goto(base + reverse("reports:paper_entry", args=[assessment.uuid]))
    for group in page.locator("main fieldset").all():
        group.locator("input[type=radio]").first.check()
    page.get_by_role("button", name="Papieren formulier opslaan").click()
    expect(page.get_by_text("Het papieren formulier is ingevoerd")).to_be_visible()
    page.reload()
    back_and_again(page, "Papieren formulier opslaan")
    assert Response.objects.filter(source="paper").count() == 1

    # An action in the plan.
    page.goto(base + reverse("plans:action_plan", args=[assessment.uuid]))
    page.get_by_label("Actie", exact=True).fill("Gedragscode herzien")
    page.get_by_label(re.compile("^Eigenaar")).fill("Griffier")
    page.get_by_role("button", name="Actie toevoegen").click()
    expect(page.get_by_text("De actie is toegevoegd.")).to_be_visible()
    page.reload()
    back_and_again(page, "Actie toevoegen")
    assert Action.objects.count() == 1

    # A follow-up meting, from a closed one.
    for invitation in invite(assessment, facilitator, 5):
        respond(invitation, 2)
    close(assessment, facilitator)
    page.goto(base + reverse("assessments:detail", args=[assessment.uuid]))
    page.get_by_label(re.compile("De nieuwe links mailen")).uncheck()
    page.get_by_role("button", name="Vervolgmeting starten").click()
    expect(page.get_by_text("De vervolgmeting is aangemaakt")).to_be_visible()  # reload only after it landed
    page.reload()
    back_and_again(page, "Vervolgmeting starten")
    assert Assessment.objects.unscoped().filter(previous=assessment).count() == 1
