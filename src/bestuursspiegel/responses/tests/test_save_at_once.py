"""The statement page's save in one SQL statement: it must store exactly what the full path would, and
refuse everything the full path refuses, which then explains why (tests beside: test_views.py)."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bestuursspiegel.responses import services
from bestuursspiegel.responses.models import Answer, Response

from .helpers import answer, begin, invite, start_here


@pytest.fixture
def answering(client, running, facilitator):
    """A browser that opened its link and started answering."""
    [invitation] = invite(running, facilitator, 1)
    client.get(reverse("responses:enter", args=[invitation.token]))
    start_here(client)
    return client


def stored():
    return sorted(Answer.objects.values_list("item__number", "value"))


def test_a_save_without_an_example_is_one_sql_statement(answering):
    answer(answering, 1, 2)  # the first save of a statement in this process also learns its questionnaire
    with CaptureQueriesContext(connection) as queries:
        response = answer(answering, 1, 5)
    assert response.status_code == 302 and response["Location"] == reverse("responses:item", args=[2])
    assert len(queries) == 1 and queries[0]["sql"].lstrip().startswith("INSERT")
    assert stored() == [(1, 5)]  # replaced, not added


def test_previous_and_overview_save_then_go(answering):
    assert answer(answering, 3, 4, go="previous")["Location"] == reverse("responses:item", args=[2])
    assert answer(answering, 1, 1, go="previous")["Location"] == reverse("responses:welcome")
    assert answer(answering, 2, 0, go="overview")["Location"] == reverse("responses:overview")
    assert stored() == [(1, 1), (2, 0), (3, 4)]


def test_the_last_statement_leads_to_the_overview_without_the_lens(answering):
    assert answer(answering, 19, 3)["Location"] == reverse("responses:overview")


def test_without_a_started_response_nothing_is_stored_and_the_start_page_follows(client, running, facilitator):
    [invitation] = invite(running, facilitator, 1)
    client.get(reverse("responses:enter", args=[invitation.token]))  # the link only, no resume code yet
    assert answer(client, 1, 3)["Location"] == reverse("responses:welcome")
    assert not Answer.objects.exists()


def test_without_the_link_cookie_nothing_is_stored(client, running, facilitator):
    response = answer(client, 1, 3)
    assert response.status_code == 403 and "Open uw persoonlijke link" in response.content.decode()
    assert not Answer.objects.exists()


def test_a_submitted_response_keeps_its_answers(answering):
    for number in range(1, 20):
        answer(answering, number, 3)
    assert answering.post(reverse("responses:submit"))["Location"] == reverse("responses:receipt")
    assert answer(answering, 1, 1)["Location"] == reverse("responses:receipt")
    assert set(Answer.objects.values_list("value", flat=True)) == {3}


@pytest.mark.parametrize("number", [0, 20, 32767, 32768, 10**30])
def test_a_number_that_is_no_statement_is_404_and_stores_nothing(answering, number):
    assert answer(answering, number, 3).status_code == 404
    assert not Answer.objects.exists()


@pytest.mark.parametrize("value", [" 4", "4.0", "+4", "\u0664", "04"])
def test_an_answer_the_form_would_refuse_gets_its_message(answering, value):
    response = answer(answering, 1, value)
    assert response.status_code == 400 and "staat niet op de schaal" in response.content.decode()
    assert not Answer.objects.exists()


def test_a_live_response_is_left_to_the_live_path(running, facilitator):
    """Live answers are refused after the group saw a statement's results, which only the live path
    checks: the one statement does not store into a live response."""
    participation = begin(invite(running, facilitator, 1)[0])
    link = {"token": participation.token, "resume_code": participation.resume_code}
    assert services.answer_save_with_link(**link, number=1, value=3) is not None
    Response.objects.update(source="live")
    assert services.answer_save_with_link(**link, number=1, value=5) is None
    assert stored() == [(1, 3)]


def test_an_answer_not_on_the_scale_is_refused_before_any_query(running, facilitator):
    participation = begin(invite(running, facilitator, 1)[0])
    with CaptureQueriesContext(connection) as queries, pytest.raises(ValidationError):
        services.answer_save_with_link(
            token=participation.token, resume_code=participation.resume_code, number=1, value="9"
        )
    assert len(queries) == 0 and not Answer.objects.exists()


def _verbs(queries) -> list[str]:
    return [q["sql"].split()[0].upper() for q in queries]


postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared statements of PostgreSQL")


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_on_postgresql_a_save_runs_as_the_sessions_prepared_statement(running, facilitator):
    participation = begin(invite(running, facilitator, 1)[0])
    link = {"token": participation.token, "resume_code": participation.resume_code}
    connection.close()  # a new database session
    with CaptureQueriesContext(connection) as first:
        services.answer_save_with_link(**link, number=1, value=3)
    with CaptureQueriesContext(connection) as second:
        services.answer_save_with_link(**link, number=1, value=4)
        services.answer_save_with_link(**link, number=2, value=5)
    assert _verbs(first) == ["PREPARE", "EXECUTE"]
    assert _verbs(second) == ["EXECUTE", "EXECUTE"]
    assert stored() == [(1, 4), (2, 5)]


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_a_session_that_lost_the_prepared_statement_still_saves(running, facilitator):
    """A pooler that resets sessions, or gives each statement another one, must cost speed only."""
    participation = begin(invite(running, facilitator, 1)[0])
    link = {"token": participation.token, "resume_code": participation.resume_code}
    services.answer_save_with_link(**link, number=1, value=3)
    with connection.cursor() as cursor:
        cursor.execute("DEALLOCATE ALL")
    with CaptureQueriesContext(connection) as queries:
        assert services.answer_save_with_link(**link, number=1, value=4) is not None
        assert services.answer_save_with_link(**link, number=2, value=5) is not None
    assert _verbs(queries) == ["EXECUTE", "INSERT", "INSERT"]  # the failed EXECUTE changed nothing
    assert stored() == [(1, 4), (2, 5)]
