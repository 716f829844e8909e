"""Knowledge-base content. The YAML files in `data/` are the truth; these tables are a copy that
content editors may change in the admin and export back (see loader.py and export_content)."""

from datetime import timedelta

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from bestuursspiegel.organisations.scoping import ScopedQuerySet
from bestuursspiegel.utils.language import DutchCharField, DutchListField, DutchTextField

from .constants import REVIEW_AFTER_DAYS, Law, MeasureKind, OfferStatus, Status


class PublishedQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Status.PUBLISHED)


class Entry(models.Model):
    """Fields every knowledge-base text has: where it comes from, whether it is live, when checked."""

    slug = models.SlugField(_("identifier"), max_length=120, unique=True)
    title = DutchCharField(_("title"), max_length=300)
    summary = DutchCharField(_("summary"), max_length=500, blank=True)
    body = DutchTextField(_("text"), blank=True)
    source_file = models.CharField(_("source file"), max_length=100, blank=True)
    source_section = DutchCharField(_("source section"), max_length=300, blank=True)
    project_written = models.BooleanField(
        _("written by the project"),
        default=False,
        help_text=_("Tick when the text is the project's own, not a summary of the source."),
    )
    # The only place for the project's own words about a sourced entry; shown apart and marked, so a
    # sentence nobody can find in the source never reads as the source's (see test_content).
    project_note = DutchTextField(
        _("note by the project"),
        blank=True,
        help_text=_("The project's own remark on a sourced text; shown separately and marked as such."),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PUBLISHED)
    last_reviewed = models.DateField(_("last reviewed"), default=timezone.localdate)

    objects = PublishedQuerySet.as_manager()

    class Meta:
        abstract = True

    def __str__(self):
        return self.title

    @property
    def review_overdue(self) -> bool:
        return self.last_reviewed < timezone.localdate() - timedelta(days=REVIEW_AFTER_DAYS)


class LadderLevel(Entry):
    order = models.PositiveSmallIntegerField()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ladder level")
        verbose_name_plural = _("ladder levels")
        ordering = ["order"]

    def get_absolute_url(self):
        return reverse("knowledge:ladder") + f"#{self.slug}"


class Helper(Entry):
    abbreviation = models.CharField(_("abbreviation"), max_length=20, blank=True)
    # How to reach it: [{kind: website|phone, value, source: {file, section}, checked_on}], only as a
    # source gives it; `checked_on` stays empty until a person has checked it is still current.
    contacts = models.JSONField(_("contact details"), default=list, blank=True)
    # What the sources say about it, one passage per source: [{text, source: {file, section}}]. The
    # sources describe helpers in passing, each document something else, so one citation cannot cover it.
    passages = models.JSONField(_("passages with their source"), default=list, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("helper")
        verbose_name_plural = _("helpers")
        ordering = ["title"]

    def get_absolute_url(self):
        return reverse("knowledge:helper", args=[self.slug])


class Instrument(Entry):
    level = models.ForeignKey(LadderLevel, on_delete=models.PROTECT, related_name="instruments")
    what = DutchTextField(_("what it is"))
    how = DutchTextField(_("how to use it"))
    legal_references = DutchListField(_("legal references"), default=list, blank=True)
    more_info = models.JSONField(_("more information"), default=list, blank=True)
    helpers = models.ManyToManyField(Helper, blank=True, related_name="instruments")
    history = HistoricalRecords(m2m_fields=[helpers])

    class Meta:
        verbose_name = _("instrument")
        verbose_name_plural = _("instruments")
        ordering = ["level__order", "title"]  # alphabetical within a level, as in the guide

    def get_absolute_url(self):
        return reverse("knowledge:instrument", args=[self.slug])


class Measure(Entry):
    kind = models.CharField(_("kind"), max_length=20, choices=MeasureKind.choices)
    helpers = models.ManyToManyField(Helper, blank=True, related_name="measures")
    history = HistoricalRecords(m2m_fields=[helpers])

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["kind", "title"]

    def get_absolute_url(self):
        return reverse("knowledge:measure", args=[self.slug])


class Pattern(Entry):
    number = models.PositiveSmallIntegerField()
    question = DutchCharField(_("reflection question"), max_length=300)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("pattern")
        verbose_name_plural = _("patterns")
        ordering = ["number"]

    def get_absolute_url(self):
        return reverse("knowledge:pattern", args=[self.slug])


class Buffer(Entry):
    number = models.PositiveSmallIntegerField()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("buffer")
        verbose_name_plural = _("buffers")
        ordering = ["number"]

    def get_absolute_url(self):
        return reverse("knowledge:buffer", args=[self.slug])


class RecoveryStep(Entry):
    number = models.PositiveSmallIntegerField()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("recovery step")
        verbose_name_plural = _("recovery steps")
        ordering = ["number"]

    def get_absolute_url(self):
        return reverse("knowledge:case_study") + f"#{self.slug}"


class AwarenessStage(Entry):
    order = models.PositiveSmallIntegerField()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("awareness stage")
        verbose_name_plural = _("awareness stages")
        ordering = ["order"]

    def get_absolute_url(self):
        return reverse("knowledge:landkaart") + f"#{self.slug}"


class SupportOffer(Entry):
    theme = DutchCharField(_("theme"), max_length=200)
    category = DutchCharField(_("category"), max_length=200)
    target_groups = DutchListField(_("target groups"), default=list, blank=True)
    providers = DutchListField(_("providers"), default=list, blank=True)
    support_type = DutchCharField(_("type of support"), max_length=200, blank=True)
    year = DutchCharField(_("year / term"), max_length=200, blank=True)
    offer_status = models.CharField(_("existing or in development"), max_length=20, choices=OfferStatus.choices)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("support offer")
        verbose_name_plural = _("support offers")
        ordering = ["title"]

    def get_absolute_url(self):
        return reverse("knowledge:offer", args=[self.slug])


class BottleneckTheme(Entry):
    law = models.CharField(_("law"), max_length=30, choices=Law.choices)
    number = models.PositiveSmallIntegerField()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bottleneck theme")
        verbose_name_plural = _("bottleneck themes")
        ordering = ["number"]

    def get_absolute_url(self):
        return reverse("knowledge:bottlenecks") + f"#{self.slug}"


class Bottleneck(Entry):
    theme = models.ForeignKey(BottleneckTheme, on_delete=models.PROTECT, related_name="bottlenecks")
    number = models.PositiveSmallIntegerField()
    support_needs = DutchTextField(_("support needs"), blank=True)
    proposals = DutchListField(_("proposals"), default=list, blank=True)
    solution_directions = DutchListField(_("solution directions"), default=list, blank=True)
    support_options = DutchListField(_("support options"), default=list, blank=True)
    support_offers = models.ManyToManyField(SupportOffer, blank=True, related_name="bottlenecks")
    history = HistoricalRecords(m2m_fields=[support_offers])

    class Meta:
        verbose_name = _("bottleneck")
        verbose_name_plural = _("bottlenecks")
        ordering = ["theme__number", "number"]

    def get_absolute_url(self):
        return reverse("knowledge:bottleneck", args=[self.slug])


class DilemmaQuerySet(ScopedQuerySet, PublishedQuerySet):
    """Private dilemmas belong to an organisation; shared ones are reached with organisation=None."""


class Dilemma(Entry):
    """An integrity dilemma for a conversation. Project-wide when `organisation` is empty, else private."""

    slug = models.SlugField(_("identifier"), max_length=120)  # unique per organisation, see constraints
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, null=True, blank=True, related_name="dilemmas"
    )
    questions = DutchListField(_("discussion questions"), default=list, blank=True)
    tags = DutchListField(_("tags"), default=list, blank=True)
    history = HistoricalRecords()

    objects = DilemmaQuerySet.as_manager()

    class Meta:
        verbose_name = _("dilemma")
        verbose_name_plural = _("dilemmas")
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(
                fields=["slug"], condition=models.Q(organisation__isnull=True), name="unique_shared_dilemma_slug"
            ),
            models.UniqueConstraint(fields=["organisation", "slug"], name="unique_dilemma_slug_per_organisation"),
        ]

    def get_absolute_url(self):
        return reverse("knowledge:dilemma", args=[self.pk])


class StatementGuidance(Entry):
    """Which instruments address a questionnaire statement that is outside its norm.

    Written by the project (the guide links statements and instruments only through the
    conversation); `slug` is the statement's code in the questionnaire file, e.g. "raad-03".
    """

    instruments = models.ManyToManyField(Instrument, blank=True, related_name="statement_guidance")
    history = HistoricalRecords(m2m_fields=[instruments])

    class Meta:
        verbose_name = _("statement guidance")
        verbose_name_plural = _("statement guidance")
        ordering = ["slug"]

    def get_absolute_url(self):
        return reverse("knowledge:ladder")


class AgendaTemplateMoment(Entry):
    """A recurring moment in the integrity agenda for a four-year council term (seed 003 proposes
    the template; the moments come from the sources named on each)."""

    TIMING_KINDS = [
        ("term", _("months after the start of the term")),
        ("yearly", _("every year of the term")),
        ("before_elections", _("months before the next elections")),
    ]

    timing = models.CharField(_("timing"), max_length=20, choices=TIMING_KINDS)
    months = models.PositiveSmallIntegerField(
        _("months"), help_text=_("After the start of the term or of each term year, or before the elections.")
    )
    audience = DutchCharField(_("for"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("integrity agenda moment")
        verbose_name_plural = _("integrity agenda moments")
        ordering = ["timing", "months", "title"]

    def get_absolute_url(self):
        return reverse("knowledge:index")


class SearchEntry(models.Model):
    """One searchable text per published entry, rebuilt from the entries (see search.py)."""

    kind = models.CharField(max_length=30)
    object_id = models.PositiveIntegerField()
    title = DutchCharField(max_length=300)
    text = DutchTextField()
    url = models.CharField(max_length=300)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="unique_search_entry")]

    def __str__(self):
        return self.title
