from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    DRAFT = "draft", _("draft")
    PUBLISHED = "published", _("published")


class MeasureKind(models.TextChoices):
    PREVENTION = "prevention", _("preventive measure")
    WORKING_METHOD = "working_method", _("working method")
    ACTION_LINE = "action_line", _("action line of the ministry")


class OfferStatus(models.TextChoices):
    EXISTING = "existing", _("existing")
    IN_DEVELOPMENT = "in_development", _("in development")


class Law(models.TextChoices):
    MUNICIPALITIES_ACT = "municipalities_act", _("Gemeentewet and Provinciewet")
    JOINT_ARRANGEMENTS_ACT = "joint_arrangements_act", _("Wet gemeenschappelijke regelingen")


PROJECT_SOURCE_LABEL = _("written by the project")
REVIEW_AFTER_DAYS = 2 * 365  # seed 003 asks that the inventory be checked for topicality
