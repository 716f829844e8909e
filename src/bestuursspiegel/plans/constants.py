from django.db import models
from django.utils.translation import gettext_lazy as _


class ActionStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("done")
    STOPPED = "stopped", _("stopped")


OPEN_STATUSES = (ActionStatus.PLANNED, ActionStatus.IN_PROGRESS)
REMIND_DAYS_BEFORE = 7  # reminders start a week before the due date
REMIND_EVERY_DAYS = 7  # and repeat weekly while open
