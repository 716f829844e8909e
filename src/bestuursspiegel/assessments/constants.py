from django.db import models
from django.utils.translation import gettext_lazy as _


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", _("in preparation")
    OPEN = "open", _("open for answers")
    CLOSED = "closed", _("closed")


class Mode(models.TextChoices):
    ANONYMOUS = "anonymous", _("anonymous")
    OPEN = "open", _("open comparison")


class ParticipantRole(models.TextChoices):
    MAYOR = "mayor", _("mayor")
    ALDERMAN = "alderman", _("alderman")
    COUNCILLOR = "councillor", _("council member")
    CLERK = "clerk", _("council clerk")
    SECRETARY = "secretary", _("municipal secretary")
    OFFICIAL = "official", _("civil servant")
    OTHER = "other", _("other")


DEFAULT_ANONYMITY_THRESHOLD = 5
# Examples are free text and more identifying than ticks: anonymous mode shows them only from this
# many respondents to a statement on, or the threshold if that is higher (issue "Interpretation", 3).
MIN_RESPONDENTS_FOR_EXAMPLES = 10
DEFAULT_NORM_MIN_SHARE = 75  # percent; the project's suggestion, shown as such
# The project's default phase rules (not the guide's): one statement outside its norm suggests
# phase 1; three or more, or any statement marked serious, suggest phase 2.
DEFAULT_PHASE1_MIN_OUTSIDE = 1
DEFAULT_PHASE2_MIN_OUTSIDE = 3
