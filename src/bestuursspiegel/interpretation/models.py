"""What the group makes of its results: notes from the conversation, the chosen phase of the
ladder, the shortlist of instruments and where the group places itself on the landkaart."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DiscussionNote(models.Model):
    """Notes and conclusions per statement, recorded by the facilitator after "het goede gesprek"."""

    assessment = models.ForeignKey("assessments.Assessment", on_delete=models.CASCADE, related_name="discussion_notes")
    item = models.ForeignKey("questionnaires.Item", on_delete=models.PROTECT, related_name="+")
    notes = models.TextField(_("notes"), blank=True, max_length=4000)
    conclusions = models.TextField(_("conclusions"), blank=True, max_length=4000)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("discussion note")
        verbose_name_plural = _("discussion notes")
        constraints = [models.UniqueConstraint(fields=["assessment", "item"], name="one_note_per_item")]

    def __str__(self):
        return f"{self.assessment_id}/{self.item_id}"


class PhaseDecision(models.Model):
    """The phase the facilitator chose, beside what the organisation's own rules suggested."""

    assessment = models.ForeignKey("assessments.Assessment", on_delete=models.CASCADE, related_name="phase_decisions")
    level = models.ForeignKey("knowledge.LadderLevel", on_delete=models.PROTECT, related_name="+")
    suggested_level = models.ForeignKey(
        "knowledge.LadderLevel", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reason = models.TextField(_("reason"), blank=True, max_length=2000)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("phase decision")
        verbose_name_plural = _("phase decisions")
        ordering = ["-decided_at", "-id"]

    def __str__(self):
        return f"{self.assessment_id}: {self.level_id}"

    @property
    def follows_suggestion(self) -> bool:
        return self.level_id == self.suggested_level_id


class ShortlistEntry(models.Model):
    """An instrument the group wants to use; becomes an action in the action plan."""

    assessment = models.ForeignKey("assessments.Assessment", on_delete=models.CASCADE, related_name="shortlist")
    instrument = models.ForeignKey("knowledge.Instrument", on_delete=models.PROTECT, related_name="+")
    note = models.CharField(_("note"), max_length=500, blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("shortlisted instrument")
        verbose_name_plural = _("shortlisted instruments")
        ordering = ["instrument__level__order", "instrument__title"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "instrument"], name="instrument_once_per_shortlist")
        ]

    def __str__(self):
        return str(self.instrument)


class LandkaartPosition(models.Model):
    """Where the group places itself on the four stages of awareness, per theme (questionnaire section)."""

    assessment = models.ForeignKey("assessments.Assessment", on_delete=models.CASCADE, related_name="landkaart")
    section = models.ForeignKey("questionnaires.Section", on_delete=models.PROTECT, related_name="+")
    stage = models.ForeignKey("knowledge.AwarenessStage", on_delete=models.PROTECT, related_name="+")
    note = models.CharField(_("note"), max_length=1000, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("landkaart position")
        verbose_name_plural = _("landkaart positions")
        constraints = [models.UniqueConstraint(fields=["assessment", "section"], name="one_position_per_theme")]

    def __str__(self):
        return f"{self.section_id}: {self.stage_id}"
