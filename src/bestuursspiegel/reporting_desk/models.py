"""The temporary reporting desk: desks, their recipients, and encrypted reports.

Nothing a reporter wrote is stored in the clear: texts, contact details, file names and files are
sealed with a key per report, which is itself stored only sealed to each recipient's public key and
to the reporter's secret (see crypto.py and docs/security.md). What stays readable is what handling
and the yearly counts need: dates (days, not times), status and the optional category.
"""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from bestuursspiegel.organisations.scoping import ScopedQuerySet
from bestuursspiegel.utils.language import DutchCharField, DutchTextField

from .constants import Category, MessageKind, ReportStatus


class ReportingDesk(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # The public intake address; another value than the uuid so that staff addresses do not leak it.
    public_token = models.CharField(max_length=32, unique=True, editable=False)
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="reporting_desks"
    )
    title = DutchCharField(_("name of the desk"), max_length=200)
    introduction = DutchTextField(
        _("what happens with a report"),
        max_length=4000,
        help_text=_("Shown on the public page: who reads reports, what they do with them and when."),
    )
    starts_on = models.DateField(_("open from"))
    ends_on = models.DateField(_("open until"))
    retention_months = models.PositiveSmallIntegerField(
        _("retention period (months)"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_("A closed report is destroyed this many months after it was closed."),
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("reporting desk")
        verbose_name_plural = _("reporting desks")
        ordering = ["-starts_on", "title"]

    def __str__(self):
        return self.title

    def is_open_on(self, day) -> bool:
        return self.starts_on <= day <= self.ends_on


class RecipientQuerySet(ScopedQuerySet):
    scope_fields = ("desk", "user")

    def active(self):
        return self.filter(public_key__isnull=False)


class Recipient(models.Model):
    """A person designated to receive the desk's reports, with a key pair (see crypto.py)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    desk = models.ForeignKey(ReportingDesk, on_delete=models.CASCADE, related_name="recipients")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="desk_roles")
    role = DutchCharField(
        _("role"), max_length=200, help_text=_("Shown on the public page, e.g. external confidential adviser.")
    )
    public_key = models.BinaryField(null=True, editable=False)
    # The private key, encrypted with a key derived from the recipient's password (Argon2id).
    sealed_private_key = models.BinaryField(null=True, editable=False)
    key_salt = models.BinaryField(null=True, editable=False)
    activated_on = models.DateField(null=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RecipientQuerySet.as_manager()

    class Meta:
        verbose_name = _("recipient")
        verbose_name_plural = _("recipients")
        ordering = ["created_at"]
        constraints = [models.UniqueConstraint(fields=["desk", "user"], name="unique_desk_recipient")]

    def __str__(self):
        return f"{self.role} ({self.user})"

    @property
    def is_active(self) -> bool:
        return self.public_key is not None


class DeskPartQuerySet(ScopedQuerySet):
    """Rows of one desk (which was itself found through a scoped query)."""

    scope_fields = ("desk",)


class Report(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    desk = models.ForeignKey(ReportingDesk, on_delete=models.CASCADE, related_name="reports")
    # SHA-256 of the receipt code; the code itself is given to the reporter once and not kept.
    receipt_hash = models.CharField(max_length=64, unique=True, editable=False)
    # The intake form's one-time key (hashed), so a reload or double submit makes no second report.
    # Kept here rather than in once.UsedFormKey, whose time stamp would date the report to the second.
    form_key_hash = models.CharField(max_length=64, unique=True, null=True, editable=False)  # noqa: DJ001 - NULL: unique
    # The report key, encrypted with a key derived from the reporter's secret.
    reporter_sealed_key = models.BinaryField(editable=False)
    reporter_salt = models.BinaryField(editable=False)
    failed_attempts = models.PositiveSmallIntegerField(default=0, editable=False)
    locked_until = models.DateTimeField(null=True, editable=False)
    # Sealed JSON: the text, whether the reporter stays anonymous, and contact details if given.
    sealed_content = models.BinaryField(editable=False)
    category = models.CharField(_("category"), max_length=40, choices=Category.choices, blank=True)
    received_on = models.DateField(_("received on"), editable=False)  # a day, not a time
    status = models.CharField(_("status"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.RECEIVED)
    acknowledged_on = models.DateField(_("acknowledged on"), null=True, editable=False)
    feedback_on = models.DateField(_("feedback given on"), null=True, editable=False)
    closed_on = models.DateField(_("closed on"), null=True, editable=False)
    warned_on = models.DateField(null=True, editable=False)  # last deadline e-mail to the recipients

    objects = DeskPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-received_on", "-id"]

    def __str__(self):
        return f"{self.desk} — {self.received_on}"


class KeyGrant(models.Model):
    """A report's key, sealed to one recipient's public key."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="grants")
    recipient = models.ForeignKey(Recipient, on_delete=models.CASCADE, related_name="grants")
    sealed_key = models.BinaryField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["report", "recipient"], name="unique_key_grant")]

    def __str__(self):
        return f"{self.report_id} → {self.recipient_id}"


class Message(models.Model):
    """A message in a report's conversation, or an internal note; its text is sealed."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="messages")
    kind = models.CharField(max_length=20, choices=MessageKind.choices)
    author = models.ForeignKey(Recipient, on_delete=models.SET_NULL, null=True, related_name="+")
    written_on = models.DateField()
    sealed_text = models.BinaryField()
    form_key_hash = models.CharField(max_length=64, unique=True, null=True, editable=False)  # noqa: DJ001 - as Report's
    notified = models.BooleanField(default=False)  # counted in a daily e-mail to the recipients (reminders.py)

    class Meta:
        ordering = ["written_on", "id"]

    def __str__(self):
        return f"{self.kind} {self.written_on}"


class Attachment(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="attachments")
    # The reporter's file name is not kept (it can name its author); shown as "bijlage-N.ext".
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    sealed_data = models.BinaryField()

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return f"{self.content_type} ({self.size} bytes)"


class Tally(models.Model):
    """Reports received per desk, year and category, counted when they come in. The yearly figures
    are made from these, not from the reports, so destroying reports later changes no figure."""

    desk = models.ForeignKey(ReportingDesk, on_delete=models.CASCADE, related_name="tallies")
    year = models.PositiveSmallIntegerField()
    category = models.CharField(max_length=40, blank=True)
    count = models.PositiveIntegerField(default=0)

    objects = DeskPartQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["desk", "year", "category"], name="unique_desk_tally")]

    def __str__(self):
        return f"{self.year} {self.category or '-'}: {self.count}"
