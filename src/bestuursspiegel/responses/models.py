import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bestuursspiegel.assessments.constants import ParticipantRole
from bestuursspiegel.questionnaires.constants import AnswerValue

from .constants import PatternValue


class Response(models.Model):
    """One respondent's set of answers in a meting.

    Found again by `key`, a hash of the invitation link (see assessments.tokens). Linked to
    the participant only in open comparison, where the group agreed to see names. Holds
    dates, never times, and nothing about the device or network it came from.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    assessment = models.ForeignKey("assessments.Assessment", on_delete=models.CASCADE, related_name="responses")
    key = models.CharField(max_length=64, unique=True, null=True, editable=False)  # noqa: DJ001 - NULL once purged; unique allows many NULLs
    participant = models.OneToOneField(
        "assessments.Participant", on_delete=models.SET_NULL, null=True, blank=True, related_name="response"
    )
    role = models.CharField(_("role"), max_length=20, choices=ParticipantRole.choices)
    consented_open = models.BooleanField(default=False)
    source = models.CharField(
        _("source"),
        max_length=10,
        choices=[("online", _("online")), ("paper", _("paper form")), ("live", _("live session"))],
        default="online",
    )
    started_on = models.DateField()
    submitted_on = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")

    def __str__(self):
        return f"Response {self.receipt}"

    @property
    def receipt(self) -> str:
        """A short code the respondent can quote; the same on every retry."""
        text = self.id.hex[:8].upper()
        return f"{text[:4]}-{text[4:]}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_on is not None


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    item = models.ForeignKey("questionnaires.Item", on_delete=models.PROTECT, related_name="+")
    value = models.PositiveSmallIntegerField(_("answer"), choices=AnswerValue.choices)
    example = models.TextField(_("example or explanation"), blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["response", "item"], name="one_answer_per_item"),
            models.CheckConstraint(condition=Q(value__gte=0) & Q(value__lte=5), name="answer_value_on_scale"),
        ]

    def __str__(self):
        return f"{self.item.code}"


class PatternAnswer(models.Model):
    """Whether a respondent recognises one of the six patterns; same privacy as answers."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="pattern_answers")
    pattern = models.ForeignKey("knowledge.Pattern", on_delete=models.PROTECT, related_name="+")
    value = models.PositiveSmallIntegerField(_("answer"), choices=PatternValue.choices)

    class Meta:
        verbose_name = _("pattern answer")
        verbose_name_plural = _("pattern answers")
        constraints = [
            models.UniqueConstraint(fields=["response", "pattern"], name="one_answer_per_pattern"),
            models.CheckConstraint(condition=Q(value__gte=0) & Q(value__lte=3), name="pattern_value_on_scale"),
        ]

    def __str__(self):
        return f"{self.pattern_id}"
