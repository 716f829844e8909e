from django.db import models
from django.utils.translation import gettext_lazy as _

from bestuursspiegel.utils.language import DutchCharField, DutchTextField

from .constants import DEFAULT_ACCEPTABLE, Direction


class Questionnaire(models.Model):
    """One version of a questionnaire; loaded from `data/<slug>-v<version>.yaml`, never edited here."""

    slug = models.SlugField(_("identifier"), max_length=100)
    version = models.PositiveIntegerField(_("version"))
    title = DutchCharField(_("title"), max_length=200)
    source_file = models.CharField(_("source file"), max_length=100)
    source_section = DutchCharField(_("source section"), max_length=200)

    class Meta:
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")
        ordering = ["slug", "-version"]
        constraints = [models.UniqueConstraint(fields=["slug", "version"], name="unique_questionnaire_version")]

    def __str__(self):
        return f"{self.title} (versie {self.version})"


class Section(models.Model):
    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="sections")
    code = models.SlugField(max_length=50)
    title = DutchCharField(_("title"), max_length=200)
    order = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["questionnaire", "order"]
        constraints = [models.UniqueConstraint(fields=["questionnaire", "code"], name="unique_section_code")]

    def __str__(self):
        return self.title


class Item(models.Model):
    """A statement, verbatim from the source, with the direction that decides defaults and colours."""

    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="items")
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="items")
    code = models.SlugField(max_length=50)
    number = models.PositiveSmallIntegerField(help_text="1-based position in the whole questionnaire")
    text = DutchTextField(_("statement"))
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices)

    class Meta:
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        ordering = ["questionnaire", "number"]
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "code"], name="unique_item_code"),
            models.UniqueConstraint(fields=["questionnaire", "number"], name="unique_item_number"),
        ]

    def __str__(self):
        return self.text

    @property
    def default_acceptable(self) -> list[int]:
        return [int(v) for v in DEFAULT_ACCEPTABLE[self.direction]]
