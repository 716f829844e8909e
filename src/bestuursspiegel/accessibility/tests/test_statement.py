"""The accessibility statement says no more than the tests show, and follows the Dutch format:
status, how and when it was checked, limitations, every criterion, and a contact route."""

import json
from pathlib import Path

import pytest
from django.urls import reverse

from bestuursspiegel.accessibility.statement import DATA, FAILS, load_statement

TESTS = Path(__file__).resolve().parent
CHECK_FILES = {
    "pages": TESTS / "test_pages.py",
    "keyboard": TESTS / "test_keyboard.py",
    "language": TESTS / "test_language.py",
    "text": TESTS / "test_zoom_and_spacing.py",
    "palette": TESTS.parents[1] / "results" / "tests" / "test_charts.py",
}
# WCAG 2.1 levels A and AA: 30 at A, 20 at AA.
EXPECTED = 50


def stored_results() -> dict:
    return json.loads((DATA / "results.json").read_text(encoding="utf-8"))


def test_every_criterion_of_wcag_2_1_a_and_aa_once():
    statement = load_statement()
    numbers = [c.number for c in statement.criteria]
    assert len(numbers) == len(set(numbers)) == EXPECTED
    assert sum(c.level == "A" for c in statement.criteria) == 30
    assert {c.level for c in statement.criteria} == {"A", "AA"}


def test_every_check_claimed_is_a_test_that_decides_it():
    statement, results = load_statement(), stored_results()
    for criterion in statement.criteria:
        for check in criterion.checks:
            assert CHECK_FILES[check].exists(), (criterion.number, check)
            if check == "pages":  # the page matrix decided it: its outcome is stored
                assert criterion.number in results["criteria"], criterion.number


def test_a_failure_found_by_the_tests_overrules_the_projects_judgement():
    results = stored_results() | {"criteria": {"1.4.3": "fail", "1.1.1": "pass"}}
    statement = load_statement(results)
    by_number = {c.number: c for c in statement.criteria}
    assert by_number["1.4.3"].status == FAILS and not statement.fully_compliant
    assert by_number["1.1.1"].status == "voldoet"


def test_every_criterion_not_met_is_explained_as_a_limitation():
    statement = load_statement()
    explained = {number for limitation in statement.limitations for number in limitation["criteria"]}
    assert {c.number for c in statement.failing} <= explained
    assert all(c.note for c in statement.criteria if c.status != "voldoet" or not c.checks)


@pytest.mark.django_db
def test_the_statement_page(client, settings):
    settings.ACCESSIBILITY_CONTACT = "toegankelijkheid@voorbeeld.nl"
    page = client.get(reverse("accessibility:statement")).content.decode()
    statement = load_statement()
    assert "Toegankelijkheidsverklaring" in page and "Voldoet gedeeltelijk" in page
    assert statement.checked_on.strftime("%Y") in page and str(statement.pages) in page
    assert "Sessie van organisatoren verloopt zonder waarschuwing" in page
    assert "toegankelijkheid@voorbeeld.nl" in page
    assert page.count('id="criterion-') == EXPECTED
    # linked from every page, also for people who are not logged in
    home = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("accessibility:statement")}"' in home
