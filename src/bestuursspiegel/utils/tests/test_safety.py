"""Cross-cutting safety checks: guessing links, XSS in every free-text field, and one gate."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from bestuursspiegel.accounts.tests.factories import PASSWORD
from bestuursspiegel.assessments import services as assessment_services
from bestuursspiegel.assessments.participant_list import ParticipantData
from bestuursspiegel.interpretation import services as interpretation_services
from bestuursspiegel.knowledge.services import dilemma_create_private
from bestuursspiegel.plans import services as plan_services
from bestuursspiegel.responses.tests.helpers import invite, respond

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'
PACKAGE = Path(__file__).resolve().parents[2]


PROXY = {"REMOTE_ADDR": "10.0.0.2"}


def through_proxy(client_ip: str) -> dict:
    return {**PROXY, "HTTP_X_FORWARDED_FOR": f"{client_ip}, 10.0.0.9"}


@pytest.mark.django_db
def test_guessing_links_is_throttled_but_a_valid_link_always_works(client, settings, running, facilitator):
    settings.INVITATION_GUESS_LIMIT = 3
    [invitation] = invite(running, facilitator, 1)
    for i in range(3):
        assert client.get(reverse("responses:enter", args=[f"{'A' * 42}{i}"])).status_code == 404
    blocked = client.get(reverse("responses:enter", args=[f"{'B' * 43}"]))
    assert blocked.status_code == 429 and "Te veel pogingen" in blocked.content.decode()
    assert "bs_deelname" not in blocked.cookies
    # A colleague at the same address (a town hall behind one router) opens a real link: it works.
    valid = client.get(reverse("responses:enter", args=[invitation.token]))
    assert valid.status_code == 302 and "bs_deelname" in valid.cookies


@pytest.mark.django_db
def test_behind_trusted_proxies_each_client_has_its_own_budget(client, settings):
    settings.INVITATION_GUESS_LIMIT = 2
    settings.TRUSTED_PROXIES = ["10.0.0.0/24"]
    unknown = reverse("responses:enter", args=["C" * 43])
    for _ in range(2):
        assert client.get(unknown, **through_proxy("203.0.113.5")).status_code == 404
    assert client.get(unknown, **through_proxy("203.0.113.5")).status_code == 429
    # Everyone else behind the same proxy is not blocked by that stranger.
    assert client.get(unknown, **through_proxy("198.51.100.7")).status_code == 404


@pytest.mark.django_db
def test_a_forged_forwarded_header_does_not_escape_the_budget(client, settings):
    settings.INVITATION_GUESS_LIMIT = 2
    settings.TRUSTED_PROXIES = ["10.0.0.0/24"]
    unknown = reverse("responses:enter", args=["D" * 43])
    # Not from a trusted proxy: the header is the client's own invention and is ignored.
    direct = {"REMOTE_ADDR": "192.0.2.9"}
    statuses = [client.get(unknown, **direct, HTTP_X_FORWARDED_FOR=f"203.0.113.{i}").status_code for i in range(4)]
    assert statuses == [404, 404, 429, 429]


def test_client_address_reads_forwarded_for_from_the_right(rf, settings):
    from bestuursspiegel.utils.client_address import client_address

    settings.TRUSTED_PROXIES = ["10.0.0.0/24", "fd00::/8"]
    forged = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.5, 10.0.0.9")
    assert client_address(forged) == "203.0.113.5"  # "1.2.3.4" was written by the client itself
    assert client_address(rf.get("/", REMOTE_ADDR="10.0.0.2")) == "10.0.0.2"
    assert client_address(rf.get("/", REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="1.2.3.4")) == "192.0.2.1"
    settings.TRUSTED_PROXIES = []
    assert client_address(rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4")) == "10.0.0.2"


def test_facilitator_input_is_escaped_everywhere(client, make_assessment, facilitator, knowledge, organisation):
    """Every free-text field a facilitator or participant can fill, rendered on every page that shows it."""
    assessment = make_assessment(title=XSS, run_by=XSS, introduction=XSS)
    assessment_services.participants_add(
        assessment=assessment, actor=facilitator, people=[ParticipantData(name=XSS, email="", role="other")]
    )
    assessment_services.assessment_open(assessment=assessment, actor=facilitator)
    for invitation in invite(assessment, facilitator, 10):
        respond(invitation, 3, examples={1: XSS})
    item = assessment.questionnaire.items.get(number=1)
    interpretation_services.discussion_notes_save(assessment=assessment, actor=facilitator, notes={item: (XSS, XSS)})
    plan_services.action_create(assessment=assessment, actor=facilitator, title=XSS, owner=XSS, notes=XSS, links=XSS)
    dilemma = dilemma_create_private(
        organisation=organisation, actor=facilitator, title=XSS, situation=XSS, questions=[XSS], tags=[XSS]
    )
    client.login(email=facilitator.email, password=PASSWORD)
    urls = [
        reverse("assessments:dashboard"),
        reverse("assessments:detail", args=[assessment.uuid]),
        reverse("assessments:participants", args=[assessment.uuid]),
        reverse("results:results", args=[assessment.uuid]),
        reverse("interpretation:discussion", args=[assessment.uuid]),
        reverse("plans:action_plan", args=[assessment.uuid]),
        reverse("knowledge:dilemmas"),
        dilemma.get_absolute_url(),
    ]
    for url in urls:
        response = client.get(url, follow=True)  # pages with a form first get their form key
        page = response.content.decode()
        assert response.status_code == 200, url
        assert "<script>alert" not in page and "<img src=x" not in page, url
    assert "&lt;script&gt;" in client.get(reverse("results:results", args=[assessment.uuid])).content.decode()


def test_answers_are_only_read_where_allowed():
    """Reading answers for aggregates happens in the gate only; anything else is a listed exception."""
    allowed = {
        "results/aggregation.py": "the gate",
        "results/release.py": "what a release publishes, through the gate",
        "responses/services.py": "saving answers",
        "responses/views.py": "a respondent's own answers",
        "responses/models.py": "the models",
        "organisations/backup.py": "operator backup",
        "reports/pdf.py": "calls the gate",
        "results/retention.py": "deletes raw answers after the retention period",
        "benchmarks/management/commands/bench_verify.py": "operator check that stored rows equal receipts",
    }
    pattern = re.compile(r"\b(Answer|PatternAnswer)\.objects|\.answers\.|\.pattern_answers\.|answers__")
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE).as_posix()
        if "/tests/" in relative or "/migrations/" in relative or relative.startswith("conftest"):
            continue
        if pattern.search(path.read_text(encoding="utf-8")) and relative not in allowed:
            offenders.append(relative)
    assert offenders == [], f"answers read outside the gate: {offenders}"
