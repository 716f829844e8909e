"""A live session: the group answers a meting together, one statement at a time, on a shared screen."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class LiveSession(models.Model):
    class Status(models.TextChoices):
        RUNNING = "running", _("running")
        ENDED = "ended", _("ended")

    assessment = models.OneToOneField("assessments.Assessment", on_delete=models.CASCADE, related_name="live_session")
    # Typed by participants from the projector; valid only while the session runs, guessing is throttled.
    code = models.CharField(_("join code"), max_length=8, unique=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.RUNNING)
    current_item = models.ForeignKey("questionnaires.Item", on_delete=models.PROTECT, related_name="+")
    # Raised by every step of the facilitator, so that screens polling the state know to refresh.
    version = models.PositiveIntegerField(default=1)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    started_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("live session")
        verbose_name_plural = _("live sessions")

    def __str__(self):
        return f"{self.assessment_id}: {self.code}"

    @property
    def is_running(self) -> bool:
        return self.status == self.Status.RUNNING


class LiveReveal(models.Model):
    """A statement whose results were shown to the group. From then on it takes no more answers
    from the session's participants, so a late answer cannot be worked out by comparing screens."""

    session = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="reveals")
    item = models.ForeignKey("questionnaires.Item", on_delete=models.PROTECT, related_name="+")
    revealed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("revealed statement")
        verbose_name_plural = _("revealed statements")
        constraints = [models.UniqueConstraint(fields=["session", "item"], name="one_reveal_per_item")]

    def __str__(self):
        return f"{self.session_id}/{self.item_id}"
