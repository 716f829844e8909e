import pytest
from django.urls import reverse

from bestuursspiegel.assessments import services as assessment_services
from bestuursspiegel.responses import services
from bestuursspiegel.responses.models import PatternAnswer
from bestuursspiegel.results.aggregation import results_for_assessment

from .helpers import invite


@pytest.fixture
def lens(make_assessment, facilitator, knowledge):
    assessment = make_assessment(include_patterns=True)
    assessment_services.assessment_open(assessment=assessment, actor=facilitator)
    return assessment


def answer(client, number, value, go="next"):
    return client.post(reverse("responses:item", args=[number]), {"value": value, "go": go})


def test_after_the_last_statement_come_the_six_patterns(client, lens, facilitator):
    [invitation] = invite(lens, facilitator, 1)
    client.get(reverse("responses:enter", args=[invitation.token]))
    client.post(reverse("responses:start"))
    for number in range(1, 19):
        answer(client, number, 3)
    assert answer(client, 19, 3)["Location"] == reverse("responses:pattern", args=[1])
    page = client.get(reverse("responses:pattern", args=[1])).content.decode()
    assert "Herkent u" in page and "ja, herken ik" in page
    # submitting before the patterns are answered is refused, naming them
    response = client.post(reverse("responses:submit"))
    assert response.status_code == 400 and "Nog open: 1, 2, 3, 4, 5, 6" in response.content.decode()
    for number in range(1, 7):
        response = client.post(reverse("responses:pattern", args=[number]), {"value": 2, "go": "next"})
    assert response["Location"] == reverse("responses:overview")
    assert client.post(reverse("responses:pattern", args=[1]), {"value": 1, "go": "previous"})["Location"] == reverse(
        "responses:item", args=[19]
    )
    assert client.post(reverse("responses:submit"))["Location"] == reverse("responses:receipt")
    assert PatternAnswer.objects.count() == 6
    assert "gedeeltelijk" in client.get(reverse("responses:receipt")).content.decode()


def test_invalid_pattern_answer_is_refused(client, lens, facilitator):
    [invitation] = invite(lens, facilitator, 1)
    client.get(reverse("responses:enter", args=[invitation.token]))
    client.post(reverse("responses:start"))
    response = client.post(reverse("responses:pattern", args=[1]), {"value": 7})
    assert response.status_code == 400
    assert not PatternAnswer.objects.exists()
    assert client.get(reverse("responses:pattern", args=[7])).status_code == 404


def test_without_the_lens_there_are_no_pattern_pages(client, running, facilitator, knowledge):
    [invitation] = invite(running, facilitator, 1)
    client.get(reverse("responses:enter", args=[invitation.token]))
    client.post(reverse("responses:start"))
    assert client.get(reverse("responses:pattern", args=[1])).status_code == 404


def test_pattern_results_follow_the_threshold(lens, facilitator):
    invitations = invite(lens, facilitator, 5)
    for i, invitation in enumerate(invitations):
        participation = services.participation_for_token(invitation.token)
        response = services.response_start(participation=participation, consent_open=False)
        for item in lens.questionnaire.items.all():
            services.answer_save(response=response, item=item, value=3)
        for pattern in services.lens_patterns(lens):
            services.pattern_answer_save(response=response, pattern=pattern, value=1 if i < 2 else 3)
        if i < 4:
            services.response_submit(participation=participation)
    assert results_for_assessment(lens).patterns == []  # 4 submitted: nothing visible
    services.response_submit(participation=services.participation_for_token(invitations[4].token))
    patterns = results_for_assessment(lens).patterns
    assert len(patterns) == 6 and all(p.visible for p in patterns)
    assert patterns[0].counts == {1: 2, 3: 3}
