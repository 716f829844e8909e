import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from bestuursspiegel.organisations.scoping import ScopedQuerySet
from bestuursspiegel.organisations.services import organisations_for_user

from .constants import (
    DEFAULT_ANONYMITY_THRESHOLD,
    DEFAULT_NORM_MIN_SHARE,
    DEFAULT_PHASE1_MIN_OUTSIDE,
    DEFAULT_PHASE2_MIN_OUTSIDE,
    MIN_RESPONDENTS_FOR_EXAMPLES,
    AssessmentStatus,
    Mode,
    ParticipantRole,
)


class AssessmentQuerySet(ScopedQuerySet):
    def for_user(self, user):
        """Only metingen of organisations the user belongs to: the tenant boundary."""
        return self.filter(organisation__in=organisations_for_user(user))

    def same(self, assessment):
        """The given meting again, within its own organisation (e.g. to re-read it under a lock)."""
        return self.filter(organisation_id=assessment.organisation_id, pk=assessment.pk)


class Assessment(models.Model):
    """A meting: one round of a questionnaire in one organisation."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="assessments")
    questionnaire = models.ForeignKey(
        "questionnaires.Questionnaire", on_delete=models.PROTECT, related_name="assessments"
    )
    title = models.CharField(_("title"), max_length=200)
    run_by = models.CharField(
        _("run by"),
        max_length=200,
        help_text=_("Shown to participants, e.g. 'Mayor A. de Vries and council clerk B. Jansen'."),
    )
    introduction = models.TextField(_("introduction for participants"), blank=True, max_length=2000)
    mode = models.CharField(_("mode"), max_length=10, choices=Mode.choices, default=Mode.ANONYMOUS)
    anonymity_threshold = models.PositiveSmallIntegerField(
        _("anonymity threshold"), default=DEFAULT_ANONYMITY_THRESHOLD
    )
    norm_min_share = models.PositiveSmallIntegerField(
        _("minimum share of acceptable answers (%)"), default=DEFAULT_NORM_MIN_SHARE
    )
    # How results translate into a phase of the ladder, set in advance with the norms.
    phase1_min_outside = models.PositiveSmallIntegerField(
        _("statements outside the norm for phase 1"), default=DEFAULT_PHASE1_MIN_OUTSIDE
    )
    phase2_min_outside = models.PositiveSmallIntegerField(
        _("statements outside the norm for phase 2"), default=DEFAULT_PHASE2_MIN_OUTSIDE
    )
    include_patterns = models.BooleanField(
        _("include the pattern lens"),
        default=False,
        help_text=_("Participants also answer whether they recognise the six patterns of the case study."),
    )
    compare_groups = models.BooleanField(
        _("compare role groups"),
        default=True,
        help_text=_(
            "Compare the council, the college and the civil service per statement, where every group is large enough."
        ),
    )
    allow_examples = models.BooleanField(
        _("ask for examples"),
        default=True,
        help_text=_("Participants may add an example or explanation per statement."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=AssessmentStatus.choices, default=AssessmentStatus.DRAFT
    )
    previous = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="follow_ups",
        verbose_name=_("previous assessment"),
    )
    # Set when the first respondent opens a link (or joins live, or a paper form is entered): from then
    # on mode, threshold, groups and examples are fixed and norm changes need a reason.
    locked_on = models.DateField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    # After the retention period the raw answers are removed; the release keeps what was published.
    purged_on = models.DateField(null=True, blank=True, editable=False)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # The facilitator chose to let participants see the released results through their link.
    results_shared_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(mode=Mode.OPEN) | Q(anonymity_threshold__gte=DEFAULT_ANONYMITY_THRESHOLD),
                name="anonymous_threshold_at_least_5",
            ),
            models.CheckConstraint(
                condition=Q(norm_min_share__gte=1) & Q(norm_min_share__lte=100), name="norm_min_share_percent"
            ),
            models.CheckConstraint(
                condition=Q(phase1_min_outside__gte=1) & Q(phase2_min_outside__gt=F("phase1_min_outside")),
                name="phase_rules_ascending",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_locked(self) -> bool:
        return self.locked_on is not None

    @property
    def is_anonymous(self) -> bool:
        return self.mode == Mode.ANONYMOUS

    @property
    def accepts_answers(self) -> bool:
        return self.status == AssessmentStatus.OPEN

    @property
    def example_threshold(self) -> int:
        return max(MIN_RESPONDENTS_FOR_EXAMPLES, self.anonymity_threshold)


class Norm(models.Model):
    """The answers the organisation accepts for one statement, set before answers arrive."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="norms")
    item = models.ForeignKey("questionnaires.Item", on_delete=models.PROTECT, related_name="+")
    acceptable_values = models.JSONField(_("acceptable answers"))
    is_serious = models.BooleanField(
        _("serious"), default=False, help_text=_("Outside the norm here suggests phase 2 on its own.")
    )

    class Meta:
        verbose_name = _("norm")
        verbose_name_plural = _("norms")
        ordering = ["item__number"]
        constraints = [models.UniqueConstraint(fields=["assessment", "item"], name="unique_norm_per_item")]

    def __str__(self):
        return f"{self.item.code}: {self.acceptable_values}"


class NormChange(models.Model):
    """A norm changed after the first answer arrived: kept and shown, with its reason."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="norm_changes")
    item = models.ForeignKey("questionnaires.Item", on_delete=models.PROTECT, null=True, related_name="+")
    field = models.CharField(max_length=30, default="acceptable_values")
    old_value = models.JSONField()
    new_value = models.JSONField()
    reason = models.TextField(_("reason"), max_length=1000)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["changed_at", "id"]

    def __str__(self):
        return f"{self.assessment_id}: {self.old_value} → {self.new_value}"


class Participant(models.Model):
    """An invited respondent. The secret link is never stored, only its hash.

    Answers are not linked to this row in anonymous mode: the response is found by a
    second hash of the same link, so the database alone cannot tie a name to answers.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="participants")
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail address"), blank=True)
    role = models.CharField(_("role"), max_length=20, choices=ParticipantRole.choices)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    # Flags only, with no reference to the response: the link has been used to start answering
    # (another browser then needs the resume code), and the answers were submitted.
    has_started = models.BooleanField(default=False, editable=False)
    has_submitted = models.BooleanField(default=False, editable=False)
    resume_failures = models.PositiveSmallIntegerField(default=0, editable=False)
    on_paper = models.BooleanField(default=False, editable=False)  # a paper form entered by the facilitator
    joined_live = models.BooleanField(default=False, editable=False)  # joined a live session with its code
    invited_at = models.DateTimeField(auto_now_add=True)
    link_sent_at = models.DateTimeField(null=True, blank=True)  # e-mailed by the product, unseen by anyone
    # The facilitator saw the link to pass it on by hand (audited): they could have used it themselves.
    link_shown_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)  # last reminder e-mailed
    reminders = models.PositiveSmallIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["name", "id"]

    def __str__(self):
        return self.name
