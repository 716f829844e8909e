"""Prometheus metrics: only for the scraper with the token; saves and submissions are counted."""

import re

import pytest

from bestuursspiegel.responses import services
from bestuursspiegel.responses.tests.helpers import invite, respond

TOKEN = "scraper-secret-0123456789"


def sample(text: str, name: str) -> float:
    match = re.search(rf"^{name} ([0-9.e+]+)$", text, re.MULTILINE)
    assert match, name
    return float(match.group(1))


def scrape(client) -> str:
    response = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_no_metrics_without_the_token(client, settings):
    settings.METRICS_TOKEN = ""
    assert client.get("/metrics").status_code == 404
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer ").status_code == 404
    settings.METRICS_TOKEN = TOKEN
    assert client.get("/metrics").status_code == 404
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 404
    assert client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}").status_code == 200


@pytest.mark.django_db(transaction=True)  # the counters move when the save is committed
def test_saves_submissions_requests_and_errors_are_counted(client, settings, running, facilitator):
    settings.METRICS_TOKEN = TOKEN
    before = scrape(client)
    [invitation] = invite(running, facilitator, 1)
    respond(invitation, 3)
    client.get("/bestaat-niet/")
    after = scrape(client)

    statements = running.questionnaire.items.count()
    saves = "bestuursspiegel_answer_saves_total"
    submitted = "bestuursspiegel_responses_submitted_total"
    assert sample(after, saves) - sample(before, saves) == statements
    assert sample(after, submitted) - sample(before, submitted) == 1
    assert "django_http_requests_latency_seconds_by_view_method_bucket" in after
    assert re.search(r'^django_http_responses_total_by_status_total\{status="404"\} [1-9]', after, re.MULTILINE)


@pytest.mark.django_db(transaction=True)
def test_a_refused_save_is_not_counted(client, settings, running, facilitator):
    settings.METRICS_TOKEN = TOKEN
    [invitation] = invite(running, facilitator, 1)
    response = respond(invitation, 3)  # submitted: answers are final
    before = sample(scrape(client), "bestuursspiegel_answer_saves_total")
    with pytest.raises(services.AlreadySubmitted):
        services.answer_save(response=response, item=running.questionnaire.items.first(), value=2)
    assert sample(scrape(client), "bestuursspiegel_answer_saves_total") == before
