import json

import pytest
from django.core.management import CommandError, call_command

from bestuursspiegel.assessments.models import Assessment
from bestuursspiegel.interpretation import services as interpretation_services
from bestuursspiegel.knowledge.models import Instrument, LadderLevel
from bestuursspiegel.knowledge.services import dilemma_create_private
from bestuursspiegel.live import services as live_services
from bestuursspiegel.organisations.backup import BackupError, organisation_export, organisation_import
from bestuursspiegel.organisations.models import Organisation
from bestuursspiegel.plans import services as plan_services
from bestuursspiegel.responses.tests.helpers import invite, respond


def remove(organisation):
    organisation.agenda.all().delete()
    for assessment in Assessment.objects.unscoped().filter(organisation=organisation).order_by("-created_at"):
        assessment.delete()
    organisation.delete()


@pytest.fixture
def rich(running, facilitator, knowledge, organisation):
    for invitation in invite(running, facilitator, 5):
        respond(invitation, 2, examples={3: "Bij de begroting"})
    interpretation_services.shortlist_add(
        assessment=running, actor=facilitator, instrument=Instrument.objects.get(slug="heidag-organiseren")
    )
    level = LadderLevel.objects.get(slug="fase-2")
    interpretation_services.phase_decide(assessment=running, actor=facilitator, level=level, suggested_level=level)
    plan_services.actions_from_shortlist(assessment=running, actor=facilitator)
    plan_services.integrity_agenda_create(
        organisation=organisation, actor=facilitator, term_start=__import__("datetime").date(2026, 3, 30)
    )
    session = live_services.session_start(assessment=running, actor=facilitator)
    session = live_services.session_step(session=session, actor=facilitator, number=2)
    live_services.session_reveal(session=session, actor=facilitator)
    dilemma_create_private(
        organisation=organisation,
        actor=facilitator,
        title="Eigen dilemma",
        situation="x",
        questions=["?"],
        tags=["raad"],
    )
    return organisation


def test_export_then_import_is_a_round_trip(rich, tmp_path):
    before = organisation_export(rich)
    path = tmp_path / "backup.json"
    call_command("export_organisation", rich.name, output=str(path))
    remove(rich)
    assert not Organisation.objects.filter(name=before["organisation"]["name"]).exists()
    call_command("import_organisation", str(path))
    after = organisation_export(Organisation.objects.get(uuid=before["organisation"]["uuid"]))
    assert json.loads(json.dumps(after, default=str)) == json.loads(json.dumps(before, default=str))
    assert len(after["assessments"][0]["responses"]) == 5
    live = after["assessments"][0]["live_session"]
    assert live["status"] == "running" and len(live["reveals"]) == 1 and live["reveals"] == [live["current_item"]]
    # The reveal is a release: what the group saw comes back exactly, so closing later compares with it.
    [release] = after["assessments"][0]["releases"]
    assert release["kind"] == "reveal" and release["item"] == live["current_item"]


def test_import_refuses_an_existing_organisation_and_stores_nothing(rich, tmp_path):
    path = tmp_path / "backup.json"
    call_command("export_organisation", rich.name, output=str(path))
    with pytest.raises(CommandError, match="already exists"):
        call_command("import_organisation", str(path))
    assert Organisation.objects.count() == 1


def test_import_needs_the_same_content(rich):
    data = organisation_export(rich)
    remove(rich)
    data["assessments"][0]["questionnaire"] = ["bestuurscultuur", 99]
    with pytest.raises(BackupError, match="Load the same content"):
        organisation_import(data)
    assert not Organisation.objects.exists()


def test_unknown_organisation_and_bad_files_are_refused(db, tmp_path):
    with pytest.raises(CommandError):
        call_command("export_organisation", "Bestaat niet")
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(CommandError, match="nothing was stored"):
        call_command("import_organisation", str(bad))
