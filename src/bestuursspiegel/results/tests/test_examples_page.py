"""The results page shows the first examples per statement and links to a page with all of them."""

import re

import pytest
from django.urls import reverse

from bestuursspiegel.accounts.tests.factories import PASSWORD
from bestuursspiegel.responses.tests.helpers import close, invite, respond
from bestuursspiegel.results.views import EXAMPLES_ON_PAGE

pytestmark = pytest.mark.django_db
WRITTEN = EXAMPLES_ON_PAGE + 4


@pytest.fixture
def closed(running, facilitator):
    """Every respondent wrote an example for statement 1; two wrote one for statement 2."""
    for n, invitation in enumerate(invite(running, facilitator, WRITTEN)):
        examples = {1: f"Voorbeeld nummer {n:02d}"} | ({2: f"Tweede {n}"} if n < 2 else {})
        respond(invitation, 3, examples=examples)
    close(running, facilitator)
    return running


def shown(html: str) -> set[str]:
    return set(re.findall(r"Voorbeeld nummer \d\d", html))


def test_the_results_page_shows_the_first_examples_and_links_to_all(client, closed, facilitator):
    client.login(email=facilitator.email, password=PASSWORD)
    page = client.get(reverse("results:results", args=[closed.uuid])).content.decode()
    assert len(shown(page)) == EXAMPLES_ON_PAGE
    assert f"{WRITTEN} voorbeelden" in page
    link = reverse("results:examples", args=[closed.uuid, 1])
    assert link in page
    everything = client.get(link)
    assert everything.status_code == 200
    assert shown(everything.content.decode()) == {f"Voorbeeld nummer {n:02d}" for n in range(WRITTEN)}
    assert shown(page) <= shown(everything.content.decode())


def test_a_statement_with_few_examples_has_no_link(client, closed, facilitator):
    client.login(email=facilitator.email, password=PASSWORD)
    page = client.get(reverse("results:results", args=[closed.uuid])).content.decode()
    assert "Tweede 0" in page and "Tweede 1" in page
    assert reverse("results:examples", args=[closed.uuid, 2]) not in page


def test_the_examples_page_keeps_the_gate_of_the_results_page(client, running, facilitator):
    """Fewer respondents than the threshold for examples: shown neither on the results page nor on
    the examples page, though the figures are."""
    for n, invitation in enumerate(invite(running, facilitator, 6)):
        respond(invitation, 3, examples={1: f"Voorbeeld nummer {n:02d}"})
    close(running, facilitator)
    client.login(email=facilitator.email, password=PASSWORD)
    assert not shown(client.get(reverse("results:results", args=[running.uuid])).content.decode())
    examples = client.get(reverse("results:examples", args=[running.uuid, 1])).content.decode()
    assert not shown(examples) and "Er kunnen bij deze stelling geen voorbeelden" in examples


def test_other_organisations_and_strangers_do_not_reach_the_examples(client, closed, other_facilitator):
    url = reverse("results:examples", args=[closed.uuid, 1])
    assert client.get(url).status_code == 302  # to the login page
    client.login(email=other_facilitator.email, password=PASSWORD)
    assert client.get(url).status_code == 404
    assert client.get(reverse("results:examples", args=[closed.uuid, 99])).status_code == 404
