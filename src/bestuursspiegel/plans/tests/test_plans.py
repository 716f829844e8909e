import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from icalendar import Calendar

from bestuursspiegel.accounts.tests.factories import PASSWORD
from bestuursspiegel.interpretation import services as interpretation_services
from bestuursspiegel.knowledge.models import Buffer, Instrument
from bestuursspiegel.once.tests.helpers import page_with_key
from bestuursspiegel.plans import services
from bestuursspiegel.plans.constants import ActionStatus
from bestuursspiegel.plans.models import Action, AgendaMoment, BufferCheck
from bestuursspiegel.responses.tests.helpers import close, invite, respond


@pytest.fixture
def client_in(client, facilitator):
    client.login(email=facilitator.email, password=PASSWORD)
    return client


def test_add_months_clamps_to_the_end_of_the_month():
    assert services.add_months(datetime.date(2026, 1, 31), 1) == datetime.date(2026, 2, 28)
    assert services.add_months(datetime.date(2026, 3, 30), 48) == datetime.date(2030, 3, 30)
    assert services.add_months(datetime.date(2026, 11, 15), 2) == datetime.date(2027, 1, 15)


def test_shortlist_becomes_actions_once_tied_to_statements(running, facilitator, knowledge):
    for invitation in invite(running, facilitator, 5):
        respond(invitation, lambda item: 1 if item.number == 3 else (5 if item.direction == "problem" else 1))
    close(running, facilitator)
    code = Instrument.objects.get(slug="gedragscode-ontwikkelen-verbeteren")
    interpretation_services.shortlist_add(assessment=running, actor=facilitator, instrument=code)
    first = services.actions_from_shortlist(assessment=running, actor=facilitator)
    again = services.actions_from_shortlist(assessment=running, actor=facilitator)
    assert len(first) == 1 and again == []
    action = Action.objects.get()
    assert action.title == "Gedragscode ontwikkelen/verbeteren"
    assert list(action.items.values_list("number", flat=True)) == [3]
    assert action.owner == "nog toe te wijzen"


def test_every_change_is_kept_and_overdue_stands_out(running, facilitator, knowledge):
    action = services.action_create(
        assessment=running,
        actor=facilitator,
        title="Heidag plannen",
        owner="Griffier",
        due_date=datetime.date(2026, 1, 10),
    )
    assert action.is_overdue
    services.action_update(action=action, actor=facilitator, status=ActionStatus.DONE, owner="Griffier")
    action.refresh_from_db()
    assert not action.is_overdue
    statuses = list(action.history.order_by("history_date").values_list("status", flat=True))
    assert statuses == ["planned", "done"]
    assert action.history.first().history_user == facilitator
    assert list(Action.objects.overdue()) == []


def test_reminders_go_to_owners_once_a_week(running, facilitator, knowledge, settings):
    today = datetime.date(2026, 11, 22)
    due_soon = services.action_create(
        assessment=running,
        actor=facilitator,
        title="A",
        owner="X",
        owner_email="x@example.org",
        due_date=today + datetime.timedelta(days=3),
    )
    services.action_create(
        assessment=running,
        actor=facilitator,
        title="B",
        owner="Y",
        owner_email="y@example.org",
        due_date=today + datetime.timedelta(days=30),
    )
    services.action_create(
        assessment=running,
        actor=facilitator,
        title="C",
        owner="Z",
        owner_email="",
        due_date=today - datetime.timedelta(days=3),
    )
    done = services.action_create(
        assessment=running,
        actor=facilitator,
        title="D",
        owner="W",
        owner_email="w@example.org",
        due_date=today - datetime.timedelta(days=3),
        status=ActionStatus.DONE,
    )
    assert services.send_reminders(today) == 1
    assert services.send_reminders(today) == 0  # safe to run twice
    assert mail.outbox[0].to == ["x@example.org"] and "A" in mail.outbox[0].subject
    assert services.send_reminders(today + datetime.timedelta(days=7)) == 1  # weekly while open
    due_soon.refresh_from_db()
    assert due_soon.last_reminded_on == today + datetime.timedelta(days=7)
    assert done.pk not in [a.pk for a in services.actions_to_remind(today)]


def test_reminder_command_for_cron(db, capsys):
    call_command("send_action_reminders")
    assert "reminder(s) sent" in capsys.readouterr().out


def test_integrity_agenda_has_real_dates_and_a_valid_icalendar(organisation, facilitator, knowledge):
    term_start = datetime.date(2026, 3, 30)
    moments = services.integrity_agenda_create(organisation=organisation, actor=facilitator, term_start=term_start)
    titles = [m.title for m in moments]
    assert titles.count("Jaarlijks integriteitsrapport van de burgemeester op de agenda van raad en college") == 4
    partijen = next(m for m in moments if m.title.startswith("Handreiking Integriteitstoetsing"))
    assert partijen.date == datetime.date(2029, 6, 30)  # nine months before the next elections
    assert all(term_start <= m.date <= datetime.date(2030, 3, 30) for m in moments)
    parsed = Calendar.from_ical(services.agenda_ical(organisation))
    events = list(parsed.walk("VEVENT"))
    assert len(events) == len(moments)
    assert {str(e["summary"]) for e in events} == set(titles)
    first = min(events, key=lambda e: e.decoded("dtstart"))
    assert first.decoded("dtstart") == datetime.date(2026, 4, 30)
    assert "Bron" in str(first["description"])
    # making it again replaces, never duplicates
    services.integrity_agenda_create(organisation=organisation, actor=facilitator, term_start=term_start)
    assert AgendaMoment.objects.unscoped().count() == len(moments)


def test_agenda_pages(client_in, organisation, knowledge, other_facilitator):
    url = reverse("plans:agenda")
    response = client_in.post(url, {"organisation": organisation.pk, "term_start": "2026-03-30"})
    assert response.status_code == 302
    ical = client_in.get(reverse("plans:agenda_ical"), {"organisation": organisation.pk})
    assert ical["Content-Type"].startswith("text/calendar") and b"BEGIN:VCALENDAR" in ical.content
    assert client_in.post(url, {"organisation": organisation.pk, "term_start": "niet-een-datum"}).status_code == 400
    foreign = other_facilitator.memberships.get().organisation
    assert client_in.get(url, {"organisation": foreign.pk}).status_code == 404
    assert client_in.get(reverse("plans:agenda_ical"), {"organisation": foreign.pk}).status_code == 404


def test_buffer_check_gaps_become_actions(client_in, running, knowledge):
    buffers = list(Buffer.objects.order_by("number"))
    data = {}
    for buffer in buffers:
        for q in ("exists", "known", "used", "current"):
            data[f"{q}_{buffer.pk}"] = "yes"
        data[f"note_{buffer.pk}"] = ""
    data[f"known_{buffers[2].pk}"] = "no"
    data[f"current_{buffers[2].pk}"] = "no"
    data[f"exists_{buffers[3].pk}"] = ""
    url = reverse("plans:buffer_check", args=[running.uuid])
    client_in.post(url, data)
    check = BufferCheck.objects.get(buffer=buffers[2])
    assert check.gaps == ["known", "current"]
    assert BufferCheck.objects.get(buffer=buffers[3]).exists is None
    action = Action.objects.get()
    assert (
        action.title.startswith(buffers[2].title) and "Bekend maken" in action.title and "Actualiseren" in action.title
    )
    client_in.post(url, data)  # saving again does not add a second open action for the same buffer
    assert Action.objects.count() == 1


def test_action_plan_page_add_and_edit(client_in, running, knowledge):
    url = page_with_key(client_in, reverse("plans:action_plan", args=[running.uuid]))
    response = client_in.post(
        url, {"title": "Gedragscode herzien", "owner": "Griffier", "due_date": "2027-02-01", "status": "planned"}
    )
    assert response.status_code == 302
    action = Action.objects.get()
    edit = reverse("plans:action_edit", args=[running.uuid, action.uuid])
    client_in.post(
        edit,
        {"title": "Gedragscode herzien", "owner": "Werkgroep raad", "due_date": "2027-03-01", "status": "in_progress"},
    )
    action.refresh_from_db()
    assert (action.owner, action.status) == ("Werkgroep raad", "in_progress")
    page = client_in.get(edit).content.decode()
    assert "Werkgroep raad" in page and page.count("Griffier") >= 1
    url = page_with_key(client_in, reverse("plans:action_plan", args=[running.uuid]))
    assert client_in.post(url, {"title": "", "owner": ""}).status_code == 400
