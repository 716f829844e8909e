from django.db import models
from django.utils.translation import gettext_lazy as _


class PatternValue(models.IntegerChoices):
    """Answers to "Herkent u dit patroon?" in the optional pattern lens (seed 004)."""

    YES = 1, _("yes, I recognise it")
    PARTLY = 2, _("partly")
    NO = 3, _("no")
    DONT_KNOW = 0, _("don't know")
