"""Organisations never see each other's data: every URL, every role, another organisation's ids."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from bestuursspiegel.accounts.tests.factories import UserFactory
from bestuursspiegel.api.scopes import Scope
from bestuursspiegel.api.services import api_client_create
from bestuursspiegel.assessments.models import Assessment
from bestuursspiegel.knowledge.roles import CONTENT_EDITORS_GROUP
from bestuursspiegel.knowledge.services import dilemma_create_private
from bestuursspiegel.live.models import LiveSession
from bestuursspiegel.live.services import session_start
from bestuursspiegel.plans.services import action_create, integrity_agenda_create
from bestuursspiegel.responses.tests.helpers import invite, respond

# Converters that identify shared content or the respondent's own session, not an organisation's data.
# A live session's join code is, like a token, itself the credential of an anonymous participant.
NOT_OWNED = {"slug", "token", "number", "fmt", "code", "soort", "identificatie"}
SKIPPED = ("admin:", "oidc_", "set_language", "accounts:logout", "responses:")
SECRET = "Geheim-Testdorp"


def url_patterns(resolver=None, prefix=""):
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            yield from url_patterns(entry, prefix + (f"{entry.namespace}:" if entry.namespace else ""))
        elif isinstance(entry, URLPattern) and entry.name:
            yield prefix + entry.name, list(entry.pattern.converters)


@pytest.fixture
def world(running, facilitator, knowledge):
    """Organisation A with something behind every kind of id."""
    organisation = running.organisation
    Assessment.objects.same(running).update(title=f"{SECRET} meting")
    [invitation] = invite(running, facilitator, 1)
    respond(invitation, 2)
    action = action_create(assessment=running, actor=facilitator, title=f"{SECRET} actie")
    dilemma = dilemma_create_private(
        organisation=organisation, actor=facilitator, title=f"{SECRET} dilemma", situation="x", questions=[], tags=[]
    )
    integrity_agenda_create(organisation=organisation, actor=facilitator, term_start=datetime.date(2026, 3, 1))
    organisation.agenda.update(title=f"{SECRET} agendamoment")
    session_start(assessment=running, actor=facilitator)
    desk, recipient, report = reporting_desk_of(organisation, facilitator)
    ids = {
        "uuid": running.uuid,
        "participant_uuid": invitation.participant.uuid,
        "action_uuid": action.uuid,
        "pk": dilemma.pk,
        "fmt": "csv",
        "number": 1,  # a statement: with A's meting in the same URL
        "desk_uuid": desk.uuid,
        "recipient_uuid": recipient.uuid,
        "report_uuid": report.uuid,
    }
    return running, ids


def reporting_desk_of(organisation, facilitator):
    """A desk of A with an active recipient and a report with an attachment."""
    from bestuursspiegel.accounts.tests.factories import PASSWORD
    from bestuursspiegel.reporting_desk import services as desk_services

    today = datetime.date.today()
    desk = desk_services.desk_create(
        organisation=organisation,
        actor=facilitator,
        title=f"{SECRET} meldpunt",
        introduction="x",
        starts_on=today,
        ends_on=today + datetime.timedelta(days=30),
    )
    user = UserFactory()
    recipient = desk_services.recipient_designate(desk=desk, actor=facilitator, email=user.email, role=f"{SECRET} rol")
    desk_services.recipient_activate(recipient=recipient, password=PASSWORD, today=today)
    receipt = desk_services.report_submit(desk=desk, text=f"{SECRET} melding", category="", contact="", today=today)
    return desk, recipient, receipt.report


def state(assessment):
    from bestuursspiegel.reporting_desk.models import Recipient, Report, ReportingDesk

    assessment.refresh_from_db()
    organisation = assessment.organisation
    desks = ReportingDesk.objects.filter(organisation=organisation)
    return (
        assessment.status,
        assessment.title,
        assessment.participants.count(),
        list(assessment.actions.values_list("title", "status")),
        assessment.organisation.dilemmas.count(),
        assessment.organisation.agenda.count(),
        list(LiveSession.objects.filter(assessment=assessment).values_list("status", "version", "current_item")),
        list(assessment.discussion_notes.values_list("notes", flat=True)),
        list(desks.values_list("title", "starts_on", "ends_on", "retention_months")),
        list(Recipient.objects.filter(desk__in=desks).values_list("uuid", "role", "public_key")),
        list(Report.objects.filter(desk__in=desks).values_list("uuid", "status", "acknowledged_on")),
    )


@pytest.fixture(params=["other facilitator", "content editor", "anonymous", "other API client"])
def visitor(request, client, other_facilitator, verified_login, db):
    if request.param == "other facilitator":
        client.force_login(other_facilitator)
    elif request.param == "other API client":  # another organisation's system, with every scope
        other = other_facilitator.memberships.get().organisation
        _client, key = api_client_create(organisation=other, name="B", scopes=list(Scope.values), actor=None)
        client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {key}"
    elif request.param == "content editor":
        editor = UserFactory(is_staff=True)
        editor.groups.add(Group.objects.get(name=CONTENT_EDITORS_GROUP))
        verified_login(client, editor)
    return request.param, client


def test_every_url_with_another_organisations_ids_is_404(world, visitor):
    assessment, ids = world
    role, client = visitor
    before = state(assessment)
    checked = 0
    for name, converters in url_patterns():
        if name.startswith(SKIPPED) or not set(converters) - NOT_OWNED:
            continue
        assert set(converters) <= set(ids) | NOT_OWNED, f"{name}: add an id of organisation A for {converters}"
        url = reverse(name, kwargs={key: ids[key] for key in converters})
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            if name.startswith("api:"):  # no session counts there: only a key, and only its own organisation's
                expected = (404, 405) if role == "other API client" else (401,)
                assert response.status_code in expected, f"{role} {method} {name}: {response.status_code}"
            elif role in ("anonymous", "other API client"):
                assert response.status_code in (302, 404, 405), f"{method} {name}: {response.status_code}"
                assert response.status_code != 302 or "/account/inloggen/" in response["Location"]
            else:
                assert response.status_code in (404, 405), f"{role} {method} {name}: {response.status_code}"
                assert response.status_code == 404 or method == "get"
            assert SECRET not in response.content.decode(errors="replace")
        checked += 1
    assert checked >= 25
    assert state(assessment) == before


def test_no_list_shows_another_organisations_ids(world, other_facilitator, client):
    assessment, ids = world
    client.force_login(other_facilitator)
    foreign = [SECRET, *(str(value) for key, value in ids.items() if key not in NOT_OWNED and key != "pk")]
    foreign.append(reverse("knowledge:dilemma", args=[ids["pk"]]))
    listed = 0
    for name, converters in url_patterns():
        if name.startswith(SKIPPED) or converters:
            continue
        response = client.get(reverse(name))
        if response.status_code != 200 or not response.get("Content-Type", "").startswith(("text/", "application/")):
            continue
        body = response.content.decode(errors="replace")
        for value in foreign:
            assert value not in body, f"{name} shows {value}"
        listed += 1
    assert listed >= 15


# --- The admin -------------------------------------------------------------------------------


def admin_objects(world_assessment):
    """Organisation A's rows behind the admin's object URLs, by model label."""
    from bestuursspiegel.audit.models import AuditEvent
    from bestuursspiegel.knowledge.models import Dilemma

    organisation = world_assessment.organisation
    dilemma = Dilemma.objects.filter(organisation=organisation).get()
    version = dilemma.history.first()
    event = AuditEvent.objects.filter(organisation=organisation).first()
    return {
        "knowledge.dilemma": {"object_id": dilemma.pk, "version_id": version.history_id},
        "audit.auditevent": {"object_id": event.pk},
        "organisations.organisation": {"object_id": organisation.pk},
    }


def admin_urls(model_label: str, ids: dict):
    """Every admin URL of a model, filled in with organisation A's ids (some admin URLs, such as
    django-simple-history's revert page, are regular expressions with positional groups)."""
    from django.contrib import admin

    app_label, model_name = model_label.split(".")
    model_admin = next(a for m, a in admin.site._registry.items() if m._meta.label_lower == model_label)
    for pattern in model_admin.urls:
        name = getattr(pattern, "name", None)
        if not name or not name.startswith(f"{app_label}_{model_name}_"):
            continue
        converters = list(pattern.pattern.converters)
        if converters:
            yield name, True, reverse(f"admin:{name}", kwargs={key: ids[key] for key in converters})
        else:
            positional = [ids["object_id"], ids.get("version_id")][: pattern.pattern.regex.groups]
            yield name, bool(positional), reverse(f"admin:{name}", args=positional)


def test_every_admin_url_keeps_organisation_rows_from_content_editors_and_others(world, visitor):
    """History and revert pages (django-simple-history) included: they do not use the admin's queryset."""
    from bestuursspiegel.knowledge.models import Dilemma

    assessment, _ids = world
    role, client = visitor
    before = state(assessment), list(Dilemma.objects.unscoped().values_list("pk", "organisation_id", "title", "status"))
    checked = 0
    for model_label, ids in admin_objects(assessment).items():
        for name, takes_object, url in admin_urls(model_label, ids):
            for method in ("get", "post"):
                data = {"title": "Overgenomen", "status": "published", "organisation": assessment.organisation.pk}
                response = getattr(client, method)(url, data) if method == "post" else client.get(url)
                body = response.content.decode(errors="replace")
                assert SECRET not in body, f"{role} {method} {name} shows organisation A's data"
                refused = (302, 403, 404, 405)
                allowed = refused if takes_object else (200, *refused)  # lists and add forms of shared rows
                assert response.status_code in allowed, f"{role} {method} {name}: {response.status_code}"
                if response.status_code == 302:  # the admin's way of saying "no such object", or the login page
                    assert response["Location"].startswith(("/beheer/", "/account/")), response["Location"]
            checked += 1
    assert checked >= 12
    after = state(assessment), list(Dilemma.objects.unscoped().values_list("pk", "organisation_id", "title", "status"))
    assert after == before


def test_a_content_editor_cannot_file_a_dilemma_under_an_organisation(world, client, verified_login):
    from bestuursspiegel.knowledge.models import Dilemma

    assessment, _ids = world
    editor = UserFactory(is_staff=True)
    editor.groups.add(Group.objects.get(name=CONTENT_EDITORS_GROUP))
    verified_login(client, editor)
    add = reverse("admin:knowledge_dilemma_add")
    assert 'name="organisation"' not in client.get(add).content.decode()
    data = {
        "title": "Gedeeld dilemma",
        "slug": "gedeeld-dilemma",
        "summary": "",
        "body": "Situatie",
        "status": "published",
        "questions": "[]",
        "tags": "[]",
        "organisation": assessment.organisation.pk,
        "project_written": "on",
        "last_reviewed": "2026-11-01",
    }
    response = client.post(add, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    created = Dilemma.objects.unscoped().get(slug="gedeeld-dilemma")
    assert created.organisation_id is None
