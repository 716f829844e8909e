"""Liveness and readiness, as a load balancer asks them."""

from unittest import mock

import pytest
from django.db import OperationalError, connection

from bestuursspiegel.operations import health


@pytest.fixture(autouse=True)
def _fresh_check(monkeypatch):
    monkeypatch.setattr(health, "_migrated", False)


@pytest.mark.django_db
def test_live_and_ready_answer_without_a_login(client):
    for address in ("/health/live", "/health/ready"):
        response = client.get(address)
        assert response.status_code == 200, address
        assert response.json() == {"status": "ok"}
        assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_not_ready_while_a_migration_of_this_code_is_not_applied(client):
    """An instance started before `migrate` ran must stay out of the pool; liveness is unaffected."""
    with connection.cursor() as cursor:  # undone with the test's transaction
        cursor.execute("DELETE FROM django_migrations WHERE app = 'responses'")
    response = client.get("/health/ready")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "reason": "migrations not applied"}
    assert client.get("/health/live").status_code == 200


@pytest.mark.django_db
def test_not_ready_without_the_database(client):
    with mock.patch.object(connection, "cursor", side_effect=OperationalError("connection refused")):
        response = client.get("/health/ready")
    assert response.status_code == 503
    assert response.json()["reason"] == "database unavailable"  # no host, no error text


@pytest.mark.django_db
def test_probes_only_read(client):
    assert client.post("/health/ready").status_code == 405
    assert client.head("/health/live").status_code == 200
