import pytest
from django.urls import reverse

from bestuursspiegel.organisations.tests.factories import OrganisationFactory
from bestuursspiegel.responses.models import Answer
from bestuursspiegel.responses.tests.helpers import close, invite, respond, start_here
from bestuursspiegel.results.aggregation import results_for_assessment
from bestuursspiegel.utils.crypto import decrypt_text, encrypt_text

SECRET_EXAMPLE = "Wethouder X beloofde ondernemer Y een vergunning"


@pytest.mark.django_db
def test_examples_are_encrypted_at_rest_with_a_key_per_organisation(running, facilitator):
    for invitation in invite(running, facilitator, 10):
        respond(invitation, 3, examples={1: SECRET_EXAMPLE})
    stored = list(Answer.objects.exclude(example="").values_list("example", flat=True))
    assert len(stored) == 10
    assert all(value.startswith("enc1:") and "vergunning" not in value for value in stored)
    other = OrganisationFactory(name="Gemeente Anders")
    assert decrypt_text(other, stored[0]) == ""  # another organisation's key opens nothing
    assert decrypt_text(running.organisation, stored[0]) == SECRET_EXAMPLE
    close(running, facilitator)
    shown = next(r for r in results_for_assessment(running).items if r.item.number == 1).examples
    assert shown == [SECRET_EXAMPLE] * 10


@pytest.mark.django_db
def test_the_respondent_sees_their_own_example_in_plain_text(client, running, facilitator):
    [invitation] = invite(running, facilitator, 1)
    client.get(reverse("responses:enter", args=[invitation.token]))
    start_here(client)
    client.post(reverse("responses:item", args=[1]), {"value": 3, "example": SECRET_EXAMPLE, "go": "next"})
    assert SECRET_EXAMPLE in client.get(reverse("responses:item", args=[1])).content.decode()
    assert SECRET_EXAMPLE in client.get(reverse("responses:overview")).content.decode()


@pytest.mark.django_db
def test_encryption_round_trip_and_plain_legacy_values(organisation):
    assert encrypt_text(organisation, "") == ""
    token = encrypt_text(organisation, "tekst met é")
    assert token != encrypt_text(organisation, "tekst met é")  # random IV: equal texts look different
    assert decrypt_text(organisation, token) == "tekst met é"
    assert decrypt_text(organisation, "oude platte tekst") == "oude platte tekst"
