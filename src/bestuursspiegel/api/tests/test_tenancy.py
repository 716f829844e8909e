"""Another organisation's key reaches nothing of this organisation: 404 for every resource, empty
lists, nothing changed."""

import pytest

from bestuursspiegel.plans.services import action_create
from bestuursspiegel.responses.tests.helpers import invite, respond

RESOURCES = ["", "/voortgang", "/resultaten", "/acties", "/openen", "/sluiten", "/deelnemers"]


@pytest.mark.parametrize("suffix", RESOURCES)
def test_every_resource_of_another_organisation_is_not_found(other_api, running, facilitator, knowledge, suffix):
    [invitation] = invite(running, facilitator, 1)
    respond(invitation, 2)
    action_create(assessment=running, actor=facilitator, title="Geheime actie", owner="X")
    before = (running.status, running.participants.count())
    url = f"/api/v1/metingen/{running.uuid}{suffix}"
    invitee = {"deelnemers": [{"naam": "x", "email": "x@x.nl", "rol": "mayor"}]}
    for response in (other_api.get(url), other_api.post(url, invitee, format="json")):
        assert response.status_code in (404, 405), (suffix, response.status_code)
        assert running.title not in response.content.decode() and "Geheime" not in response.content.decode()
    running.refresh_from_db()
    assert (running.status, running.participants.count()) == before


def test_lists_hold_only_the_own_organisations_metingen(api, other_api, running):
    assert other_api.get("/api/v1/metingen").json()["count"] == 0
    assert [m["uuid"] for m in api.get("/api/v1/metingen").json()["results"]] == [str(running.uuid)]
