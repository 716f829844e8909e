import pytest
from django.urls import reverse

from bestuursspiegel.assessments import services as assessment_services
from bestuursspiegel.responses import services
from bestuursspiegel.responses.models import PatternAnswer
from bestuursspiegel.results.aggregation import results_for_assessment
from bestuursspiegel.results.services import assessment_close

from .helpers import answer, browser, invite, start, start_here


@pytest.fixture
def lens(make_assessment, facilitator, knowledge):
    assessment = make_assessment(include_patterns=True)
    assessment_services.assessment_open(assessment=assessment, actor=facilitator)
    return assessment


def test_after_the_last_statement_come_the_six_patterns(client, lens, facilitator):
    [invitation] = invite(lens, facilitator, 1)
    client.get(reverse("responses:enter", args=[invitation.token]))
    start_here(client)
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
    assert sorted(PatternAnswer.objects.values_list("pattern__number", "value")) == [(1, 1)] + [
        (n, 2) for n in range(2, 7)
    ]
    receipt = client.get(reverse("responses:receipt")).content.decode()
    assert "Ontvangstbewijs" in receipt and "gedeeltelijk" not in receipt  # answers are not shown again


def test_invalid_pattern_answer_is_refused(client, lens, facilitator):
    [invitation] = invite(lens, facilitator, 1)
    client.get(reverse("responses:enter", args=[invitation.token]))
    start_here(client)
    response = client.post(reverse("responses:pattern", args=[1]), {"value": 7})
    assert response.status_code == 400
    assert not PatternAnswer.objects.exists()
    assert client.get(reverse("responses:pattern", args=[7])).status_code == 404


def test_without_the_lens_there_are_no_pattern_pages(client, running, facilitator, knowledge):
    [invitation] = invite(running, facilitator, 1)
    client.get(reverse("responses:enter", args=[invitation.token]))
    start_here(client)
    assert client.get(reverse("responses:pattern", args=[1])).status_code == 404


@pytest.mark.parametrize(("submitted", "visible"), [(4, False), (5, True)])
def test_pattern_results_follow_the_threshold(lens, facilitator, submitted, visible):
    invitations = invite(lens, facilitator, 5)
    for i, invitation in enumerate(invitations):
        participation = browser(invitation)
        response = start(participation)
        for item in lens.questionnaire.items.all():
            services.answer_save(response=response, item=item, value=3)
        for pattern in services.lens_patterns(lens):
            services.pattern_answer_save(response=response, pattern=pattern, value=1 if i < 2 else 3)
        if i < submitted:
            services.response_submit(participation=participation)
    assessment_close(assessment=lens, actor=facilitator)
    patterns = results_for_assessment(lens).patterns
    if not visible:
        assert patterns == []  # nothing visible: no statement passes either
    else:
        assert len(patterns) == 6 and all(p.visible for p in patterns)
        assert patterns[0].counts == {1: 2, 3: 3}
