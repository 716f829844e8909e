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


@pytest.mark.django_db
def test_guessing_invitation_links_is_throttled(client, settings, running, facilitator):
    settings.INVITATION_GUESS_LIMIT = 3
    [invitation] = invite(running, facilitator, 1)
    for i in range(3):
        assert client.get(reverse("responses:enter", args=[f"{'A' * 42}{i}"])).status_code == 404
    blocked = client.get(reverse("responses:enter", args=[invitation.token]))
    assert blocked.status_code == 429 and "Te veel pogingen" in blocked.content.decode()
    assert "bs_deelname" not in blocked.cookies


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
        page = client.get(url).content.decode()
        assert "<script>alert" not in page and "<img src=x" not in page, url
    assert "&lt;script&gt;" in client.get(reverse("results:results", args=[assessment.uuid])).content.decode()


def test_answers_are_only_read_where_allowed():
    """Reading answers for aggregates happens in the gate only; anything else is a listed exception."""
    allowed = {
        "results/aggregation.py": "the gate",
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
