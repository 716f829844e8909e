"""Releases: the moments aggregates of a meting became visible, with exactly what became visible."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Release(models.Model):
    """A vrijgave. Every page, export, report and screen shows what a release holds, never answers
    read at the moment of asking: so nothing anyone sees moves between two visits.

    An anonymous meting has one final release, made when it closes; each statement revealed in a
    live session is a release of that statement alone. `data` holds the published figures (see
    `results.release`), never figures of cells that were hidden.
    """

    class Kind(models.TextChoices):
        FINAL = "final", _("at closing")
        REVEAL = "reveal", _("shown in the live session")

    assessment = models.ForeignKey("assessments.Assessment", on_delete=models.CASCADE, related_name="releases")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    item = models.ForeignKey("questionnaires.Item", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    released_at = models.DateTimeField(_("released at"), auto_now_add=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    data = models.JSONField()

    class Meta:
        verbose_name = _("release")
        verbose_name_plural = _("releases")
        ordering = ["released_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["assessment"], condition=Q(kind="final"), name="one_final_release"),
            models.UniqueConstraint(
                fields=["assessment", "item"], condition=Q(kind="reveal"), name="one_reveal_per_statement"
            ),
            models.CheckConstraint(
                condition=(Q(kind="final") & Q(item__isnull=True)) | (Q(kind="reveal") & Q(item__isnull=False)),
                name="reveal_has_a_statement",
            ),
        ]

    def __str__(self):
        return f"{self.assessment_id}: {self.kind}"
