"""The plans app's public face: action plan, integrity agenda, buffer check, reminders."""

import calendar
import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bestuursspiegel.audit.services import audit_record
from bestuursspiegel.knowledge.models import AgendaTemplateMoment, StatementGuidance
from bestuursspiegel.knowledge.sources import cite
from bestuursspiegel.results.aggregation import results_for_assessment

from .constants import OPEN_STATUSES, REMIND_DAYS_BEFORE, REMIND_EVERY_DAYS
from .models import Action, AgendaMoment, BufferCheck

TERM_MONTHS = 48  # a council term: four years
ACTION_FIELDS = ("title", "owner", "owner_email", "due_date", "status", "notes", "links")


def add_months(day: datetime.date, months: int) -> datetime.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@transaction.atomic
def action_create(*, assessment, actor, items=(), buffers=(), instrument=None, **fields) -> Action:
    action = Action.objects.create(assessment=assessment, instrument=instrument, created_by=actor, **fields)
    action.items.set(items)
    action.buffers.set(buffers)
    audit_record(actor=actor, action="action.create", organisation=assessment.organisation, target=action)
    return action


@transaction.atomic
def action_update(*, action: Action, actor, items=None, buffers=None, **fields) -> Action:
    """Change an action; every change is kept in its history (who, when, what)."""
    action = Action.objects.select_for_update().get(pk=action.pk)
    changed = [name for name in ACTION_FIELDS if name in fields and fields[name] != getattr(action, name)]
    for name in changed:
        setattr(action, name, fields[name])
    action._history_user = actor
    if changed:
        action.save()
    if items is not None and set(items) != set(action.items.all()):
        action.items.set(items)
        changed.append("items")
    if buffers is not None and set(buffers) != set(action.buffers.all()):
        action.buffers.set(buffers)
        changed.append("buffers")
    if changed:
        audit_record(
            actor=actor,
            action="action.update",
            organisation=action.assessment.organisation,
            target=action,
            fields=changed,
        )
    return action


@transaction.atomic
def actions_from_shortlist(*, assessment, actor) -> list[Action]:
    """Turn shortlisted instruments into actions, once each, tied to the statements they address."""
    existing = set(assessment.actions.exclude(instrument=None).values_list("instrument_id", flat=True))
    result = results_for_assessment(assessment)
    outside_codes = {r.item.code: r.item for r in result.outside_norm}
    guidance = StatementGuidance.objects.filter(slug__in=outside_codes).prefetch_related("instruments")
    created = []
    for entry in assessment.shortlist.select_related("instrument"):
        if entry.instrument_id in existing:
            continue
        items = [outside_codes[g.slug] for g in guidance if entry.instrument in g.instruments.all()]
        created.append(
            action_create(
                assessment=assessment,
                actor=actor,
                instrument=entry.instrument,
                title=entry.instrument.title,
                owner=_("to be assigned"),
                notes=entry.note,
                items=items,
            )
        )
    return created


def actions_to_remind(today: datetime.date):
    """Open actions with an address, due within a week or overdue, not reminded in the last week."""
    return (
        Action.objects.filter(
            status__in=OPEN_STATUSES,
            due_date__isnull=False,
            due_date__lte=today + datetime.timedelta(days=REMIND_DAYS_BEFORE),
        )
        .exclude(owner_email="")
        .filter(
            Q(last_reminded_on__isnull=True)
            | Q(last_reminded_on__lte=today - datetime.timedelta(days=REMIND_EVERY_DAYS))
        )
        .select_related("assessment__organisation")
    )


def send_reminders(today: datetime.date | None = None) -> int:
    """E-mail the owners of actions that are due soon or overdue. Safe to run more than once a day."""
    today = today or timezone.localdate()
    sent = 0
    for action in actions_to_remind(today):
        context = {"action": action, "overdue": action.due_date < today, "site_url": settings.SITE_URL.rstrip("/")}
        send_mail(
            subject=render_to_string("plans/email/reminder_subject.txt", context).strip(),
            message=render_to_string("plans/email/reminder.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[action.owner_email],
        )
        Action.objects.filter(pk=action.pk).update(last_reminded_on=today)
        sent += 1
    return sent


def _moment_dates(template: AgendaTemplateMoment, term_start: datetime.date) -> list[datetime.date]:
    if template.timing == "term":
        return [add_months(term_start, template.months)]
    if template.timing == "yearly":
        return [add_months(term_start, 12 * year + template.months) for year in range(TERM_MONTHS // 12)]
    return [add_months(term_start, TERM_MONTHS - template.months)]


@transaction.atomic
def integrity_agenda_create(*, organisation, actor, term_start: datetime.date) -> list[AgendaMoment]:
    """(Re)make the organisation's integrity agenda for the term starting on `term_start`."""
    organisation.agenda.all().delete()
    moments = []
    for template in AgendaTemplateMoment.objects.published():
        source = (
            _("written by the project, based on %(source)s") % {"source": cite(template.source_file)}
            if template.project_written
            else cite(template.source_file, template.source_section)
        )
        for day in _moment_dates(template, term_start):
            moments.append(
                AgendaMoment(
                    organisation=organisation,
                    template=template,
                    date=day,
                    title=template.title,
                    description=template.summary,
                    audience=template.audience,
                    source_label=source,
                    term_start=term_start,
                )
            )
    AgendaMoment.objects.bulk_create(moments)
    audit_record(actor=actor, action="agenda.create", organisation=organisation, count=len(moments))
    return list(organisation.agenda.all())


def agenda_ical(organisation) -> bytes:
    """The agenda as an iCalendar file the griffier can import (all-day events)."""
    from icalendar import Calendar, Event

    calendar_ = Calendar()
    calendar_.add("prodid", "-//Bestuursspiegel//Integriteitsagenda//NL")
    calendar_.add("version", "2.0")
    calendar_.add("x-wr-calname", _("Integrity agenda %(name)s") % {"name": organisation.name})
    stamp = timezone.now()
    for moment in organisation.agenda.all():
        event = Event()
        event.add("uid", f"{moment.uuid}@bestuursspiegel")
        event.add("dtstamp", stamp)
        event.add("dtstart", moment.date)
        event.add("dtend", moment.date + datetime.timedelta(days=1))
        event.add("summary", moment.title)
        event.add(
            "description", f"{moment.description}\n{_('For')}: {moment.audience}\n{_('Source')}: {moment.source_label}"
        )
        calendar_.add_component(event)
    return calendar_.to_ical()


@transaction.atomic
def buffer_checks_save(*, assessment, actor, answers: dict) -> list[BufferCheck]:
    """`answers` maps a buffer to a dict with exists/known/used/current (True/False/None) and note."""
    checks = []
    for buffer, values in answers.items():
        check, _created = BufferCheck.objects.update_or_create(
            assessment=assessment, buffer=buffer, defaults={**values, "checked_by": actor}
        )
        checks.append(check)
    audit_record(actor=actor, action="buffers.check", organisation=assessment.organisation, target=assessment)
    return checks


GAP_TEXTS = {
    "exists": gettext_lazy("Create or adopt it"),
    "known": gettext_lazy("Make it known"),
    "used": gettext_lazy("Get it used"),
    "current": gettext_lazy("Bring it up to date"),
}


@transaction.atomic
def action_from_buffer_gap(*, assessment, actor, check: BufferCheck) -> Action | None:
    """One action for a buffer with gaps, unless an open one for that buffer exists already."""
    if not check.gaps or assessment.actions.filter(buffers=check.buffer, status__in=OPEN_STATUSES).exists():
        return None
    steps = "; ".join(str(GAP_TEXTS[gap]) for gap in check.gaps)
    return action_create(
        assessment=assessment,
        actor=actor,
        title=f"{check.buffer.title}: {steps}",
        owner=_("to be assigned"),
        notes=check.note,
        buffers=[check.buffer],
    )
