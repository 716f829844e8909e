"""A creating form creates once per key: Back, reload and double clicks store nothing twice."""

import re

import pytest
from django.urls import reverse

from bestuursspiegel.accounts.tests.factories import PASSWORD
from bestuursspiegel.assessments.models import Assessment, Participant
from bestuursspiegel.once.models import UsedFormKey
from bestuursspiegel.once.tests.helpers import page_with_key
from bestuursspiegel.responses.tests.helpers import close, invite, respond

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(client, facilitator):
    client.login(email=facilitator.email, password=PASSWORD)
    return client


def person(name="Anna"):
    return {"name": name, "email": "", "role": "councillor"}


def test_a_page_without_a_key_gets_one_and_a_post_without_one_stores_nothing(desk, assessment):
    url = reverse("assessments:participants", args=[assessment.uuid])
    keyed = page_with_key(desk, url)
    assert desk.get(keyed).status_code == 200
    for wrong in (url, url + "?formulier=kort", url + "?formulier=" + "ä" * 22):
        refused = desk.post(wrong, person())
        assert refused.status_code == 400 and "Dit formulier is verlopen" in refused.content.decode()
    assert not Participant.objects.exists() and not UsedFormKey.objects.exists()


def test_the_same_form_sent_twice_adds_one_participant(desk, assessment):
    keyed = page_with_key(desk, reverse("assessments:participants", args=[assessment.uuid]))
    assert desk.post(keyed, person()).status_code == 200  # the link is shown on this page
    again = desk.post(keyed, person())  # reload of the POST, or Back and send again
    assert again.status_code == 302
    assert "niets dubbel opgeslagen" in desk.get(again["Location"], follow=True).content.decode()
    assert Participant.objects.count() == 1
    # The page opened again at its old address gets a new key, so the next person can be added.
    fresh = desk.get(keyed)
    assert fresh.status_code == 302 and fresh["Location"] != keyed
    assert desk.post(fresh["Location"], person("Bram")).status_code == 200
    assert Participant.objects.count() == 2


def test_a_refused_form_leaves_its_key_free(desk, assessment):
    keyed = page_with_key(desk, reverse("assessments:participants", args=[assessment.uuid]))
    bad = desk.post(keyed, {"name": "", "email": "geen-adres", "role": "councillor"})
    assert bad.status_code == 400 and not UsedFormKey.objects.exists()
    assert desk.post(keyed, person()).status_code == 200 and Participant.objects.count() == 1


def test_the_forms_after_links_were_shown_post_with_a_new_key(desk, assessment):
    keyed = page_with_key(desk, reverse("assessments:participants", args=[assessment.uuid]))
    page = desk.post(keyed, person()).content.decode()
    actions = set(re.findall(r'<form method="post" novalidate action="([^"]+)"', page))
    assert len(actions) == 1 and keyed.split("formulier=")[1] not in actions.pop()


def test_a_new_meting_is_created_once(desk, organisation, questionnaire):
    keyed = page_with_key(desk, reverse("assessments:create"))
    data = {"organisation": organisation.pk, "title": "Najaar", "run_by": "Griffier", "mode": "anonymous"}
    data["anonymity_threshold"] = 5
    assert desk.post(keyed, data).status_code == 302
    assert desk.post(keyed, data).status_code == 302
    assert Assessment.objects.unscoped().count() == 1


def test_a_follow_up_is_made_once(desk, running, facilitator, knowledge):
    for invitation in invite(running, facilitator, 5):
        respond(invitation, 2)
    close(running, facilitator)
    url = reverse("reports:follow_up", args=[running.uuid])
    assert desk.post(url).status_code == 200
    again = desk.post(url)  # reload of the POST
    follow_up = Assessment.objects.unscoped().get(previous=running)
    assert again["Location"] == reverse("assessments:participants", args=[follow_up.uuid])
    assert "al een vervolgmeting" in desk.get(again["Location"], follow=True).content.decode()
    assert follow_up.participants.count() == 5
