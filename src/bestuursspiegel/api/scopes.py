"""What an API client may do. A client gets the scopes an administrator ticked, nothing more."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Scope(models.TextChoices):
    ASSESSMENTS_READ = "metingen:lezen", _("read metingen and their progress")
    ASSESSMENTS_WRITE = "metingen:schrijven", _("create, open and close metingen")
    PARTICIPANTS_WRITE = "deelnemers:schrijven", _("invite participants (the product e-mails their links)")
    RESULTS_READ = "resultaten:lezen", _("read released results")
    ACTIONS_READ = "acties:lezen", _("read the action plan")
