"""Safeguarding what the group agreed (seed 000, "Stap 5: Borgen en tips")."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from bestuursspiegel.organisations.scoping import ScopedQuerySet
from bestuursspiegel.utils.language import DutchCharField, DutchTextField

from .constants import OPEN_STATUSES, ActionStatus


class ActionQuerySet(models.QuerySet):
    def overdue(self, today=None):
        today = today or timezone.localdate()
        return self.filter(status__in=OPEN_STATUSES, due_date__lt=today)


class Action(models.Model):
    """One agreed step: usually a shortlisted instrument, with an owner and a due date."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    assessment = models.ForeignKey("assessments.Assessment", on_delete=models.CASCADE, related_name="actions")
    instrument = models.ForeignKey(
        "knowledge.Instrument", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Made from an instrument's Dutch title (shortlist) unless the organisation writes its own.
    title = DutchCharField(_("action"), max_length=300)
    owner = models.CharField(_("owner (person or role)"), max_length=200)
    owner_email = models.EmailField(_("e-mail for reminders"), blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.PLANNED)
    notes = models.TextField(_("notes"), blank=True, max_length=4000)
    links = models.TextField(_("links"), blank=True, max_length=2000, help_text=_("One address or reference per line."))
    items = models.ManyToManyField("questionnaires.Item", blank=True, related_name="+", verbose_name=_("statements"))
    buffers = models.ManyToManyField("knowledge.Buffer", blank=True, related_name="+", verbose_name=_("buffers"))
    last_reminded_on = models.DateField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(m2m_fields=[items, buffers])

    objects = ActionQuerySet.as_manager()

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["due_date", "title"]

    def __str__(self):
        return self.title

    @property
    def is_overdue(self) -> bool:
        return self.status in OPEN_STATUSES and self.due_date is not None and self.due_date < timezone.localdate()


class AgendaMoment(models.Model):
    """A dated moment of the organisation's integrity agenda, made from the template."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="agenda")
    template = models.ForeignKey(
        "knowledge.AgendaTemplateMoment", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    date = models.DateField(_("date"))
    # Copied from the integrity agenda template in the content files; the organisation may edit them.
    title = DutchCharField(_("title"), max_length=300)
    description = DutchTextField(_("description"), blank=True)
    audience = models.CharField(_("for"), max_length=200, blank=True)
    source_label = DutchCharField(_("source"), max_length=400, blank=True)
    term_start = models.DateField(_("start of the term"))

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("integrity agenda moment")
        verbose_name_plural = _("integrity agenda")
        ordering = ["date", "title"]

    def __str__(self):
        return f"{self.date}: {self.title}"


class BufferCheck(models.Model):
    """For one buffer of the case study: does it exist, is it known, used and current?"""

    assessment = models.ForeignKey("assessments.Assessment", on_delete=models.CASCADE, related_name="buffer_checks")
    buffer = models.ForeignKey("knowledge.Buffer", on_delete=models.PROTECT, related_name="+")
    exists = models.BooleanField(_("exists"), null=True)
    known = models.BooleanField(_("is known"), null=True)
    used = models.BooleanField(_("is used"), null=True)
    current = models.BooleanField(_("is current"), null=True)
    note = models.CharField(_("note"), max_length=1000, blank=True)
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    checked_at = models.DateTimeField(auto_now=True)

    QUESTIONS = ("exists", "known", "used", "current")

    class Meta:
        verbose_name = _("buffer check")
        verbose_name_plural = _("buffer checks")
        constraints = [models.UniqueConstraint(fields=["assessment", "buffer"], name="one_check_per_buffer")]

    def __str__(self):
        return f"{self.buffer_id}"

    @property
    def gaps(self) -> list[str]:
        """The questions answered 'no' — each a reason for an action."""
        return [q for q in self.QUESTIONS if getattr(self, q) is False]
