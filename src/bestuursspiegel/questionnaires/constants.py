from django.db import models
from django.utils.translation import gettext_lazy as _


class Direction(models.TextChoices):
    """Whether agreeing ("altijd") with a statement describes a problem or a strength."""

    PROBLEM = "problem", _("describes a problem")
    POSITIVE = "positive", _("describes a strength")


class AnswerValue(models.IntegerChoices):
    """The guide's five-point scale (seed 000, "Stap 1"), plus an explicit 'don't know'."""

    ALWAYS = 1, _("always")
    OFTEN = 2, _("often")
    REGULARLY = 3, _("regularly")
    SOMETIMES = 4, _("sometimes")
    NEVER = 5, _("never")
    DONT_KNOW = 0, _("don't know / not applicable")


SCALE_VALUES = [1, 2, 3, 4, 5]  # the substantive answers, in the guide's order

# The project's suggestion for acceptable answers, by direction. Not from the guide:
# the guide says every municipality sets its own norms in advance.
DEFAULT_ACCEPTABLE = {
    Direction.PROBLEM: [AnswerValue.SOMETIMES, AnswerValue.NEVER],
    Direction.POSITIVE: [AnswerValue.ALWAYS, AnswerValue.OFTEN],
}
