"""An administrator makes an API client in the admin and sees its key once; nobody else can."""

import re

from django.contrib.messages import get_messages
from rest_framework.test import APIClient

from bestuursspiegel.accounts.tests.factories import UserFactory
from bestuursspiegel.api.models import ApiClient
from bestuursspiegel.api.scopes import Scope

ADD = "/beheer/api/apiclient/add/"


def test_a_superuser_makes_a_client_and_sees_the_key_once(client, verified_login, organisation, running):
    verified_login(client, UserFactory(is_staff=True, is_superuser=True))
    data = {"organisation": organisation.pk, "name": "RIS", "scopes": [Scope.ASSESSMENTS_READ]}
    response = client.post(ADD, data)
    assert response.status_code == 302, response.content[:2000]
    message = " ".join(str(m) for m in get_messages(response.wsgi_request))
    key = re.search(r"bs_[0-9a-f]{8}\.[A-Za-z0-9_-]{43}", message).group(0)
    stored = ApiClient.objects.get(organisation=organisation, name="RIS")
    assert stored.scopes == [Scope.ASSESSMENTS_READ] and key not in str(
        ApiClient.objects.filter(organisation=organisation).values().get()
    )
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    assert api.get("/api/v1/metingen").json()["count"] == 1
    shown = client.get(f"/beheer/api/apiclient/{stored.pk}/change/").content.decode()
    again = client.get(f"/beheer/api/apiclient/{stored.pk}/change/").content.decode()
    assert key in shown and key not in again and stored.key_prefix in again  # once, then never


def test_others_cannot_reach_api_clients_in_the_admin(client, verified_login, organisation):
    verified_login(client, UserFactory(is_staff=True))  # staff, not a superuser
    assert client.get(ADD).status_code == 403
    assert client.get("/beheer/api/apiclient/").status_code == 403
