"""The meting page shows the guide's five steps: what is done, what is next, a click to each."""

import pytest
from django.urls import reverse

from bestuursspiegel.accounts.tests.factories import PASSWORD
from bestuursspiegel.assessments.path import CURRENT, DONE, LATER, five_steps
from bestuursspiegel.interpretation import services as interpretation
from bestuursspiegel.plans import services as plans
from bestuursspiegel.responses.tests.helpers import close, invite, respond

pytestmark = pytest.mark.django_db


def states(assessment):
    return [step.state for step in five_steps(assessment)]


def test_the_path_moves_with_the_meting(running, facilitator, knowledge):
    invitations = invite(running, facilitator, 5)
    assert states(running) == [CURRENT, LATER, LATER, LATER, LATER]
    for invitation in invitations:
        respond(invitation, 2)
    assert "5 van 5 deelnemers hebben ingediend" in five_steps(running)[0].summary
    close(running, facilitator)
    assert states(running) == [DONE, CURRENT, LATER, LATER, LATER]
    item = running.questionnaire.items.get(number=1)
    interpretation.discussion_notes_save(assessment=running, actor=facilitator, notes={item: ("Besproken", "")})
    assert states(running) == [DONE, DONE, CURRENT, LATER, LATER]
    plans.action_create(assessment=running, actor=facilitator, title="Gedragscode herzien", owner="Griffier")
    assert states(running)[3] == DONE  # an action in the plan, even before the phase is chosen
    assert states(running)[2] == CURRENT  # the phase is still the first step not done


def test_the_meting_page_shows_the_path_with_the_current_step_marked(client, running, facilitator):
    client.login(email=facilitator.email, password=PASSWORD)
    page = client.get(reverse("assessments:detail", args=[running.uuid])).content.decode()
    assert "De vijf stappen van de handreiking" in page
    assert page.count('aria-current="step"') == 1
    for step in ("Invullen van de vragenlijst", "Interpreteren van de vragenlijst", "Borgen en tips"):
        assert step in page
    assert reverse("interpretation:phase", args=[running.uuid]) in page
