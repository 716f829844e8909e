"""API keys: made by an administrator, stored as a hash, scoped, revocable, audited."""

import pytest
from rest_framework.test import APIClient

from bestuursspiegel.api.models import ApiClient
from bestuursspiegel.api.scopes import Scope
from bestuursspiegel.api.services import api_client_revoke, key_hash
from bestuursspiegel.audit.models import AuditEvent

PROBLEM = "application/problem+json"


def with_key(key):
    http = APIClient()
    http.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    return http


def test_only_a_hash_of_the_key_is_stored(make_key, organisation):
    client, key = make_key(organisation)
    stored = ApiClient.objects.filter(organisation=organisation).values().get()
    assert key not in str(stored) and stored["key_hash"] == key_hash(key)
    assert not client.acting_user.is_active and not client.acting_user.has_usable_password()


def test_no_unknown_or_revoked_key_gets_in(api, make_key, organisation):
    assert api.get("/api/v1/metingen").status_code == 200
    for http in (APIClient(), with_key("bs_00000000.raden"), with_key("Bearer-less")):
        response = http.get("/api/v1/metingen")
        assert response.status_code == 401, response.content
        assert response["Content-Type"] == PROBLEM and response.json()["status"] == 401
        assert response["WWW-Authenticate"] == "Bearer"
    _client, key = make_key(organisation, name="Oud systeem")
    _prefix_only = key.partition(".")[0] + ".verkeerd-geheim"
    assert with_key(_prefix_only).get("/api/v1/metingen").status_code == 401  # the prefix alone is nothing
    api_client_revoke(client=api.api_client, actor=None)
    assert api.get("/api/v1/metingen").status_code == 401
    assert with_key(key).get("/api/v1/metingen").status_code == 200  # other keys are unaffected


def test_a_key_does_only_what_its_scopes_allow(make_key, organisation, running):
    _client, key = make_key(organisation, scopes=[Scope.ASSESSMENTS_READ])
    http = with_key(key)
    assert http.get("/api/v1/metingen").status_code == 200
    assert http.get(f"/api/v1/metingen/{running.uuid}/voortgang").status_code == 200
    refused = [
        http.post("/api/v1/metingen", {"titel": "x", "uitgevoerdDoor": "y"}, format="json"),
        http.post(f"/api/v1/metingen/{running.uuid}/sluiten"),
        http.get(f"/api/v1/metingen/{running.uuid}/resultaten"),
        http.get(f"/api/v1/metingen/{running.uuid}/acties"),
        http.post(f"/api/v1/metingen/{running.uuid}/deelnemers", {"deelnemers": []}, format="json"),
    ]
    assert [r.status_code for r in refused] == [403] * 5
    running.refresh_from_db()
    assert running.status == "open"


@pytest.mark.django_db
def test_making_and_revoking_are_audited(make_key, organisation, facilitator):
    client, _key = make_key(organisation)
    api_client_revoke(client=client, actor=facilitator)
    api_client_revoke(client=client, actor=facilitator)  # again: nothing new
    actions = list(AuditEvent.objects.filter(organisation=organisation).values_list("action", flat=True))
    assert sorted(actions) == ["api_client.create", "api_client.revoke"]


def test_requests_are_limited_per_client(api, monkeypatch):
    from bestuursspiegel.api.throttles import ClientRateThrottle

    monkeypatch.setattr(ClientRateThrottle, "THROTTLE_RATES", {"client": "3/minute"})
    codes = [api.get("/api/v1/metingen").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    refused = api.get("/api/v1/metingen")
    assert refused["Content-Type"] == PROBLEM and int(refused["Retry-After"]) > 0
