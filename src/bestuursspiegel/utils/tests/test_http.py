import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_pages_carry_security_headers(client):
    response = client.get(reverse("home"))
    csp = response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp and "'unsafe-inline'" not in csp and "script-src 'self'" in csp
    assert response["Cache-Control"] == "no-store"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
def test_dutch_is_the_default_whatever_the_browser_prefers(client):
    response = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "nl"
    assert 'lang="nl"' in response.content.decode()
    assert "Inloggen als organisator" in response.content.decode()


@pytest.mark.django_db
def test_english_can_be_chosen(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("home")).content.decode()
    assert 'lang="en"' in page and "Log in as facilitator" in page


@pytest.mark.django_db
def test_unknown_page_is_a_dutch_404(client):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()


@pytest.mark.django_db
def test_oversized_request_body_is_refused(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    response = client.post(reverse("accounts:login"), {"username": "x" * 4096, "password": "y"})
    assert response.status_code == 400
