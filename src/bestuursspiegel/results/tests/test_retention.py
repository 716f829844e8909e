import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from bestuursspiegel.accounts.tests.factories import PASSWORD
from bestuursspiegel.assessments import services as assessment_services
from bestuursspiegel.assessments.models import Participant
from bestuursspiegel.audit.models import AuditEvent
from bestuursspiegel.responses.models import Answer, PatternAnswer, Response
from bestuursspiegel.responses.tests.helpers import close, invite, respond
from bestuursspiegel.results.aggregation import results_for_assessment
from bestuursspiegel.results.retention import assessment_purge, purge_expired


def summary(result):
    return (
        result.visible,
        result.submitted_count,
        result.alpha,
        [
            (
                r.item.code,
                r.visible,
                r.distribution.counts if r.distribution else None,
                r.meets_norm,
                r.spread.rwg if r.spread else None,
            )
            for r in result.items
        ],
        (result.groups.groups, result.groups.rows) if result.groups else None,
        [(p.pattern.slug, p.visible, p.counts) for p in result.patterns],
    )


@pytest.fixture
def closed(make_assessment, facilitator, knowledge):
    assessment = make_assessment(include_patterns=True)
    assessment_services.assessment_open(assessment=assessment, actor=facilitator)
    roles = ["councillor"] * 5 + ["alderman"] * 4 + ["mayor"]
    for i, invitation in enumerate(invite(assessment, facilitator, 10)):
        Participant.objects.filter(pk=invitation.participant.pk).update(role=roles[i])
        respond(invitation, lambda item, i=i: (item.number + i) % 6, examples={1: "Bij de begroting"})
    return close(assessment, facilitator)


def test_purge_removes_raw_answers_and_keeps_the_same_results(closed, facilitator):
    released = results_for_assessment(closed)
    before = summary(released)
    assert next(r for r in released.items if r.item.number == 1).examples == ["Bij de begroting"] * 10
    assessment_purge(assessment=closed, actor=facilitator)
    closed.refresh_from_db()
    assert Answer.objects.count() == 0 and PatternAnswer.objects.count() == 0
    assert not Response.objects.exclude(key=None).exists()
    assert set(Participant.objects.values_list("email", flat=True)) == {""}
    assert not Participant.objects.filter(name__startswith="Deelnemer").exists()
    after = results_for_assessment(closed)
    assert summary(after) == before
    assert all(r.examples == [] for r in after.items)  # examples are raw text: gone
    data = closed.releases.get().data
    assert all(cell["examples"] == [] and "responses" not in cell for cell in data["items"].values())
    assert AuditEvent.objects.unscoped().filter(action="assessment.purge").exists()
    assert AuditEvent.objects.unscoped().filter(action="assessment.create").exists()  # the audit log stays


def test_purge_runs_only_after_the_retention_period(closed):
    today = timezone.localdate()
    assert purge_expired(today + datetime.timedelta(days=364)) == []
    assert [a.pk for a in purge_expired(today + datetime.timedelta(days=365))] == [closed.pk]
    assert purge_expired(today + datetime.timedelta(days=800)) == []  # once


def test_purge_command(db, capsys):
    call_command("purge_expired_answers")
    assert "purged" in capsys.readouterr().out


def test_purged_results_page_still_renders(client, closed, facilitator):
    assessment_purge(assessment=closed, actor=facilitator)
    client.login(email=facilitator.email, password=PASSWORD)
    page = client.get(reverse("results:results", args=[closed.uuid])).content.decode()
    assert "Antwoorden van 10 respondenten" in page


def test_participant_data_removed_on_request_keeps_totals(open_assessment, facilitator):
    assessment_services.assessment_open(assessment=open_assessment, actor=facilitator)
    [invitation] = invite(open_assessment, facilitator, 1)
    respond(invitation, 2)
    assessment_services.participant_forget(participant=invitation.participant, actor=facilitator)
    participant = Participant.objects.get()
    assert (participant.name, participant.email) == ("Verwijderd op verzoek", "")
    assert Response.objects.get().participant is None
    assert results_for_assessment(open_assessment).submitted_count == 1
