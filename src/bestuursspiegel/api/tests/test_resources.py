"""The resources, used as another system would: NL API Design Rules and the product's own rules."""

import re

from django.core import mail

from bestuursspiegel.assessments.models import Assessment, Participant
from bestuursspiegel.audit.models import AuditEvent
from bestuursspiegel.responses.tests.helpers import invite, respond
from bestuursspiegel.results.aggregation import results_for_assessment

PROBLEM = "application/problem+json"
TOKEN = re.compile(r"[A-Za-z0-9_-]{43}")


def test_a_meting_from_creation_to_released_results(api, organisation, knowledge, questionnaire):
    created = api.post(
        "/api/v1/metingen",
        {"titel": "Meting voorjaar", "uitgevoerdDoor": "De griffier", "anonimiteitsdrempel": 5},
        format="json",
    )
    assert created.status_code == 201, created.content
    meting = created.json()
    assert meting["status"] == "draft" and meting["modus"] == "anonymous"
    assert meting["url"].endswith(f"/api/v1/metingen/{meting['uuid']}")
    base = f"/api/v1/metingen/{meting['uuid']}"
    assert api.post(f"{base}/openen").json()["status"] == "open"

    people = [{"naam": f"Raadslid {n}", "email": f"raadslid{n}@example.org", "rol": "councillor"} for n in range(6)]
    invited = api.post(f"{base}/deelnemers", {"deelnemers": people}, format="json")
    assert invited.status_code == 201
    assert [p["naam"] for p in invited.json()] == [p["naam"] for p in people]
    assert all(p["linkVerstuurdOp"] for p in invited.json())
    assert not TOKEN.search(invited.content.decode())  # links are e-mailed, never returned
    assert len(mail.outbox) == 6 and all(TOKEN.search(m.body) for m in mail.outbox)

    assessment = Assessment.objects.get(organisation=organisation, uuid=meting["uuid"])
    actor = api.api_client.acting_user
    for invitation in invite(assessment, actor, 5):
        respond(invitation, 2)
    progress = api.get(f"{base}/voortgang").json()
    assert progress["uitgenodigd"] == 11 and progress["ingediend"] == 5

    hidden = api.get(f"{base}/resultaten").json()
    assert hidden["vrijgegeven"] is False and not any(s["zichtbaar"] for s in hidden["stellingen"])
    assert all(s["verdeling"] is None and s["respondenten"] is None for s in hidden["stellingen"])

    assert api.post(f"{base}/sluiten").json()["status"] == "closed"
    results = api.get(f"{base}/resultaten").json()
    expected = results_for_assessment(assessment)
    assert results["vrijgegeven"] and results["ingediend"] == 5 and results["drempel"] == 5
    for statement, item in zip(results["stellingen"], expected.items, strict=True):
        assert statement["nummer"] == item.item.number and statement["zichtbaar"] == item.visible
        assert statement["verdeling"] == {str(v): n for v, n in sorted(item.distribution.counts.items())}
    assert AuditEvent.objects.filter(organisation=organisation, action="results.view", detail__via="api").count() == 2


def test_below_the_threshold_the_api_shows_what_the_pages_show(api, running, facilitator):
    for invitation in invite(running, facilitator, 4):
        respond(invitation, 1)
    from bestuursspiegel.results.services import assessment_close

    assessment_close(assessment=running, actor=facilitator)
    results = api.get(f"/api/v1/metingen/{running.uuid}/resultaten").json()
    assert results["ingediend"] == 4
    assert not any(s["zichtbaar"] or s["verdeling"] or s["respondenten"] for s in results["stellingen"])


def test_bad_input_is_a_dutch_problem_and_nothing_is_stored(api, organisation, running):
    before = Assessment.objects.filter(organisation=organisation).count()
    bad = api.post("/api/v1/metingen", {"titel": "", "anonimiteitsdrempel": 2}, format="json")
    assert bad.status_code == 400 and bad["Content-Type"] == PROBLEM
    names = {p["name"] for p in bad.json()["invalidParams"]}
    assert names == {"titel", "uitgevoerdDoor", "anonimiteitsdrempel"}
    assert Assessment.objects.filter(organisation=organisation).count() == before

    again = api.post(f"/api/v1/metingen/{running.uuid}/openen")
    assert again.status_code == 409 and "voorbereiding" in again.json()["detail"]

    no_email = api.post(
        f"/api/v1/metingen/{running.uuid}/deelnemers",
        {"deelnemers": [{"naam": "A", "email": "", "rol": "mayor"}, {"naam": "B", "email": "b@x.nl", "rol": "?"}]},
        format="json",
    )
    assert no_email.status_code == 400
    assert {p["name"] for p in no_email.json()["invalidParams"]} == {"deelnemers.0.email", "deelnemers.1.rol"}
    assert not Participant.objects.filter(assessment=running).exists()
    assert api.post("/api/v1/metingen", "titel=x", content_type="application/x-www-form-urlencoded").status_code == 415


def test_nl_api_design_rules_shape(api, organisation, questionnaire, knowledge):
    for n in range(25):
        api.post("/api/v1/metingen", {"titel": f"Meting {n}", "uitgevoerdDoor": "Griffie"}, format="json")
    first = api.get("/api/v1/metingen")
    assert first["API-Version"] == "1.0.0"
    page = first.json()
    assert page["count"] == 25 and len(page["results"]) == 20 and page["next"].endswith("?page=2")
    assert len(api.get("/api/v1/metingen?page=2").json()["results"]) == 5
    assert api.get("/api/v1/metingen/").status_code == 404  # no trailing slashes
    missing = api.get("/api/v1/bestaat-niet")
    assert missing.status_code == 404 and missing["Content-Type"] == PROBLEM
    assert api.get("/api/v1/metingen?page=99").status_code == 404


def test_the_action_plan(api, running, facilitator, knowledge):
    from bestuursspiegel.plans.services import action_create

    action_create(
        assessment=running, actor=facilitator, title="Gedragscode", owner="Griffier", owner_email="g@example.org"
    )
    [row] = api.get(f"/api/v1/metingen/{running.uuid}/acties").json()["results"]
    assert row["titel"] == "Gedragscode" and row["eigenaar"] == "Griffier" and "g@example.org" not in str(row)


def test_the_knowledge_base_is_public_and_carries_its_sources(client, knowledge):
    listed = client.get("/api/v1/kennisitems?soort=instrument")
    assert listed.status_code == 200
    items = listed.json()["results"]
    assert items and all(i["soort"] == "instrument" for i in items)
    assert all(i["bron"]["bestand"] and i["bron"]["sectie"] for i in items if not i["geschrevenDoorProject"])
    one = client.get(f"/api/v1/kennisitems/instrument/{items[0]['identificatie']}")
    assert one.status_code == 200 and one.json()["titel"] == items[0]["titel"]
    assert client.get("/api/v1/kennisitems?soort=geheim").status_code == 400
    assert client.get("/api/v1/kennisitems/geheim/x").status_code == 404
    assert client.post("/api/v1/kennisitems", {}).status_code == 405


def test_another_organisations_dilemmas_stay_out_of_the_public_api(client, knowledge, organisation, facilitator):
    from bestuursspiegel.knowledge.services import dilemma_create_private

    private = dilemma_create_private(
        organisation=organisation, actor=facilitator, title="Eigen dilemma", situation="x", questions=[], tags=[]
    )
    listed = client.get("/api/v1/kennisitems?soort=dilemma").json()
    assert private.slug not in {i["identificatie"] for i in listed["results"]}
    assert client.get(f"/api/v1/kennisitems/dilemma/{private.slug}").status_code == 404


def test_broken_or_unwanted_formats_are_problems_too(api, organisation, questionnaire):
    broken = api.post("/api/v1/metingen", "{titel:", content_type="application/json")
    assert broken.status_code == 400 and broken["Content-Type"] == PROBLEM
    html = api.get("/api/v1/metingen", HTTP_ACCEPT="text/html")
    assert html.status_code == 406 and html["Content-Type"] == PROBLEM
    huge = api.post("/api/v1/metingen", '{"titel": "' + "x" * 600_000 + '"}', content_type="application/json")
    assert huge.status_code == 400 and huge["Content-Type"] == PROBLEM
    assert not Assessment.objects.filter(organisation=organisation).exists()
