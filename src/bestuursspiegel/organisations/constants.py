from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("municipality")
    PROVINCE = "province", _("province")
    WATER_BOARD = "water_board", _("water board")


class MemberRole(models.TextChoices):
    """The role a facilitator has in their organisation (shown to respondents)."""

    MAYOR = "mayor", _("mayor")
    CLERK = "clerk", _("council clerk")
    SECRETARY = "secretary", _("municipal secretary")
    OTHER = "other", _("other")
