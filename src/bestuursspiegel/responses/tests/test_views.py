import pytest
from django.test import Client
from django.urls import reverse

from bestuursspiegel.responses.models import Answer, Response
from bestuursspiegel.results.services import assessment_close
from bestuursspiegel.utils.crypto import decrypt_text

from .helpers import answer, invite, start_here


@pytest.fixture
def token(running, facilitator):
    return invite(running, facilitator, 1)[0].token


@pytest.fixture
def respondent(client, token):
    """A browser that opened its invitation link."""
    client.get(reverse("responses:enter", args=[token]))
    return client


def test_link_is_exchanged_for_a_cookie_and_leaves_the_address_bar(client, token, settings):
    response = client.get(reverse("responses:enter", args=[token]))
    assert response.status_code == 302
    assert response["Location"] == reverse("responses:welcome")
    assert response["Referrer-Policy"] == "no-referrer"
    cookie = response.cookies[settings.INVITATION_COOKIE_NAME]
    assert cookie.value == token  # the link only, until this browser starts
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    welcome = client.get(response["Location"])
    assert welcome.status_code == 200
    assert token not in welcome.content.decode()


def test_welcome_page_says_who_runs_it_and_what_happens(respondent, running):
    page = respondent.get(reverse("responses:welcome")).content.decode()
    assert running.run_by in page
    assert running.organisation.name in page
    assert "Uw antwoorden zijn anoniem." in page
    assert "ten minste 5 mensen" in page


def test_unknown_link_gets_a_dutch_404(client, db):
    response = client.get(reverse("responses:enter", args=["A" * 43]))
    assert response.status_code == 404
    assert "Deze link is niet geldig" in response.content.decode()
    assert "bs_deelname" not in response.cookies


def test_pages_without_a_link_cookie_are_refused(client, db):
    for name in ("responses:welcome", "responses:overview", "responses:receipt"):
        response = client.get(reverse(name))
        assert response.status_code == 403
        assert "Open uw persoonlijke link" in response.content.decode()


def test_answering_saves_as_you_go_and_resumes_at_the_first_open_statement(respondent, token):
    code = start_here(respondent)
    response = answer(respondent, 1, 4, example="Bij de begroting")
    assert response["Location"] == reverse("responses:item", args=[2])
    answer(respondent, 2, 0)
    organisation = Answer.objects.first().response.assessment.organisation
    assert [(a.value, decrypt_text(organisation, a.example)) for a in Answer.objects.order_by("item__number")] == [
        (4, "Bij de begroting"),
        (0, ""),
    ]
    # The same browser follows its link again later: it continues at statement 3.
    respondent.get(reverse("responses:enter", args=[token]))
    assert "Verdergaan" in respondent.get(reverse("responses:welcome")).content.decode()
    assert respondent.post(reverse("responses:start"))["Location"] == reverse("responses:item", args=[3])
    # Another device with the link needs the resume code; with it, it continues where the first stopped.
    fresh = Client()
    fresh.get(reverse("responses:enter", args=[token]))
    page = fresh.get(reverse("responses:welcome")).content.decode()
    assert "hervatcode" in page.lower() and "Bij de begroting" not in page
    assert fresh.get(reverse("responses:item", args=[1]))["Location"] == reverse("responses:welcome")
    resumed = fresh.post(reverse("responses:resume"), {"code": f"{code[:4]}-{code[4:8]} {code[8:].lower()}"})
    assert resumed.status_code == 302
    saved = fresh.get(reverse("responses:item", args=[1])).content.decode()
    assert 'value="4" class' in saved and "checked" in saved and "Bij de begroting" in saved


def test_previous_without_an_answer_just_navigates(respondent):
    start_here(respondent)
    response = answer(respondent, 2, "", go="previous")
    assert response["Location"] == reverse("responses:item", args=[1])
    assert not Answer.objects.exists()


@pytest.mark.parametrize("value", ["", "9", "abc", "-1"])
def test_invalid_answer_gets_a_dutch_message_and_nothing_is_stored(respondent, value):
    start_here(respondent)
    response = answer(respondent, 1, value, example="mijn voorbeeld")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Kies een van de antwoorden" in page or "staat niet op de schaal" in page
    assert "mijn voorbeeld" in page  # what was typed is not lost
    assert not Answer.objects.exists()


def test_oversized_example_is_refused_with_a_message(respondent, settings):
    start_here(respondent)
    response = answer(respondent, 1, 3, example="x" * (settings.EXAMPLE_MAX_LENGTH + 1))
    assert response.status_code == 400
    assert "te lang" in response.content.decode()
    assert not Answer.objects.exists()


def test_unknown_statement_number_is_404(respondent):
    start_here(respondent)
    assert respondent.get(reverse("responses:item", args=[20])).status_code == 404


def test_missing_csrf_token_is_refused_in_dutch(token):
    browser = Client(enforce_csrf_checks=True)
    browser.get(reverse("responses:enter", args=[token]))
    response = browser.post(reverse("responses:start"))
    assert response.status_code == 403
    assert "Formulier verlopen" in response.content.decode()
    assert not Response.objects.exists()


def fill_all(client, value=3):
    start_here(client)
    for number in range(1, 20):
        answer(client, number, value)


def test_submit_twice_gives_one_response_and_the_same_receipt(respondent):
    fill_all(respondent)
    first = respondent.post(reverse("responses:submit"))
    second = respondent.post(reverse("responses:submit"))
    assert first["Location"] == second["Location"] == reverse("responses:receipt")
    receipt_page = respondent.get(reverse("responses:receipt")).content.decode()
    response = Response.objects.get()
    assert response.receipt in receipt_page
    assert Answer.objects.count() == 19


def test_submit_with_open_statements_says_which(respondent):
    start_here(respondent)
    answer(respondent, 1, 3)
    response = respondent.post(reverse("responses:submit"))
    assert response.status_code == 400
    assert "Nog open: 2, 3" in response.content.decode()
    assert not Response.objects.get().is_submitted


def test_after_closing_the_link_shows_closed_and_changes_nothing(respondent, running, facilitator):
    start_here(respondent)
    answer(respondent, 1, 3)
    assessment_close(assessment=running, actor=facilitator)
    page = respondent.get(reverse("responses:welcome")).content.decode()
    assert "Deze meting is gesloten" in page
    response = answer(respondent, 1, 1)
    assert response.status_code == 410
    assert respondent.post(reverse("responses:submit")).status_code == 409
    assert list(Answer.objects.values_list("value", flat=True)) == [3]


def test_respondent_pages_work_without_javascript(respondent):
    """Every respondent page is a plain form: no script tags are needed to answer."""
    start_here(respondent)
    for url in (reverse("responses:welcome"), reverse("responses:item", args=[1]), reverse("responses:overview")):
        page = respondent.get(url).content.decode()
        assert "<script" not in page
        assert "<form" in page
