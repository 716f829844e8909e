"""All 19 statements in one figure at the top of the results page and in the report."""

import re

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from bestuursspiegel.accounts.tests.factories import PASSWORD
from bestuursspiegel.reports.pdf import report_context
from bestuursspiegel.responses.tests.helpers import close, invite, respond

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed(running, facilitator, knowledge):
    for invitation in invite(running, facilitator, 5):  # statements 3 and 7 answered badly
        respond(invitation, lambda item: 1 if item.number in (3, 7) else (5 if item.direction == "problem" else 1))
    close(running, facilitator)
    return running


def glance_numbers(html: str) -> list[int]:
    section = html.split('id="glance-heading"')[1].split("</section>")[0]
    return [int(n) for n in re.findall(r'<span class="glance__label">(?:<a href="#item-\d+">)?(\d+)\. ', section)]


def test_the_results_page_opens_with_all_statements_outside_the_norm_first(client, closed, facilitator):
    client.login(email=facilitator.email, password=PASSWORD)
    page = client.get(reverse("results:results", args=[closed.uuid])).content.decode()
    numbers = glance_numbers(page)
    assert sorted(numbers) == list(range(1, 20))
    assert numbers[:2] == [3, 7]  # outside the norm, first
    assert page.index('id="glance-heading"') < page.index('id="items-heading"')
    section = page.split('id="glance-heading"')[1].split("</section>")[0]
    assert section.count('<svg class="chart"') == 19  # one bar per statement, each with its own ids


def test_the_report_has_the_same_figure(closed):
    html = render_to_string("reports/report.html", report_context(closed))
    assert glance_numbers(html)[:2] == [3, 7] and len(glance_numbers(html)) == 19


def test_nothing_at_a_glance_before_release(client, running, facilitator, knowledge):
    for invitation in invite(running, facilitator, 5):
        respond(invitation, 2)
    client.login(email=facilitator.email, password=PASSWORD)
    page = client.get(reverse("results:results", args=[running.uuid])).content.decode()
    assert 'id="glance-heading"' not in page


def test_the_detail_per_statement_can_be_folded_per_section(client, closed, facilitator):
    """Native <details> per section, open by default; the section and statement headings stay outside
    the <summary>, so screen readers keep them as headings."""
    client.login(email=facilitator.email, password=PASSWORD)
    page = client.get(reverse("results:results", args=[closed.uuid])).content.decode()
    details = [block.split("\n  </details>")[0] for block in page.split('<details class="fold" open>')[1:]]
    assert len(details) == closed.questionnaire.sections.count()
    assert sum(block.count('class="item-result"') for block in details) == 19
    for block in details:
        summary = block.split("</summary>")[0]
        assert "<h" not in summary
        assert re.search(r"\d+ (statements?|stellingen?)", summary)


def test_the_results_page_of_a_released_meting_takes_at_most_ten_queries(
    client, closed, facilitator, django_assert_max_num_queries
):
    """Session, user, the meting, release and counts (one query), statements, norms, examples, norm
    changes, the audit record: nine here, ten with a two-step device in the session (as in
    bench/results_page.py, which also measures the time)."""
    client.login(email=facilitator.email, password=PASSWORD)
    url = reverse("results:results", args=[closed.uuid])
    client.get(url)  # warm caches (content types)
    with django_assert_max_num_queries(9):
        assert client.get(url).status_code == 200
