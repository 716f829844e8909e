import pytest
from rest_framework.test import APIClient

from bestuursspiegel.api.scopes import Scope
from bestuursspiegel.api.services import api_client_create
from bestuursspiegel.organisations.tests.factories import OrganisationFactory

ALL_SCOPES = list(Scope.values)


@pytest.fixture
def make_key(db):
    """An API key of an organisation with the given scopes (all by default)."""

    def make(organisation, scopes=ALL_SCOPES, name="Raadsinformatiesysteem"):
        client, key = api_client_create(organisation=organisation, name=name, scopes=scopes, actor=None)
        return client, key

    return make


@pytest.fixture
def api(make_key, organisation):
    """A client of the fixture organisation with every scope."""
    client, key = make_key(organisation)
    http = APIClient()
    http.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    http.api_client = client
    return http


@pytest.fixture
def other_api(make_key):
    client, key = make_key(OrganisationFactory(name="Gemeente Elders-API"))
    http = APIClient()
    http.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    return http
