"""The operators' overview across organisations: counts per organisation, for operators only."""

import pytest
from django.urls import reverse

from bestuursspiegel.accounts.tests.factories import PASSWORD, UserFactory
from bestuursspiegel.assessments import services
from bestuursspiegel.assessments.national import national_overview
from bestuursspiegel.organisations.tests.factories import OrganisationFactory
from bestuursspiegel.responses.tests.helpers import invite, respond

pytestmark = pytest.mark.django_db
URL = reverse("assessments:national")


@pytest.fixture
def two_organisations(running, facilitator, other_facilitator):
    """Testdorp: an open meting with 3 invited, 2 submitted and 1 started. Elders: a draft meting with 1
    invited. Leegstad: nothing yet."""
    invitations = invite(running, facilitator, 3)
    respond(invitations[0], 3)
    respond(invitations[1], 4)
    respond(invitations[2], 2, submit=False)
    elders = other_facilitator.memberships.get().organisation
    draft = services.assessment_create(organisation=elders, actor=other_facilitator, title="Concept", run_by="griffier")
    invite(draft, other_facilitator, 1)
    OrganisationFactory(name="Gemeente Leegstad")
    return running.organisation, elders


def test_counts_per_organisation_and_in_total(two_organisations):
    overview = national_overview()
    rows = {row["name"]: row for row in overview.rows}
    assert [row["name"] for row in overview.rows] == sorted(rows)
    testdorp, elders = two_organisations
    assert {k: rows[testdorp.name][k] for k in overview.totals} == {
        "assessment_count": 1,
        "open_count": 1,
        "invited_count": 3,
        "submitted_count": 2,
    }
    assert {k: rows[elders.name][k] for k in overview.totals} == {
        "assessment_count": 1,
        "open_count": 0,
        "invited_count": 1,
        "submitted_count": 0,
    }
    assert rows["Gemeente Leegstad"]["assessment_count"] == 0
    assert overview.totals == {"assessment_count": 2, "open_count": 1, "invited_count": 4, "submitted_count": 2}


def test_one_query_for_any_number_of_organisations(two_organisations, django_assert_num_queries):
    for n in range(5):
        OrganisationFactory(name=f"Gemeente Extra {n}")
    with django_assert_num_queries(1):
        assert len(national_overview().rows) == 8


def test_operators_see_it_after_two_step_login(client, two_organisations, verified_login):
    operator = UserFactory(is_staff=True, is_superuser=True)
    verified_login(client, operator)
    page = client.get(URL)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Gemeente Testdorp" in html and "Gemeente Elders" in html and "Gemeente Leegstad" in html


def test_an_operator_without_two_step_login_is_sent_to_set_it_up(client, two_organisations):
    operator = UserFactory(is_staff=True, is_superuser=True)
    client.login(email=operator.email, password=PASSWORD)
    page = client.get(URL)
    assert page.status_code == 302 and "Gemeente Elders" not in page.content.decode()


def test_facilitators_and_strangers_do_not_reach_it(client, two_organisations, facilitator):
    assert client.get(URL).status_code == 302  # to the login page
    client.login(email=facilitator.email, password=PASSWORD)
    assert client.get(URL).status_code == 404
