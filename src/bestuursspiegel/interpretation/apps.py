from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InterpretationConfig(AppConfig):
    name = "bestuursspiegel.interpretation"
    verbose_name = _("interpretation")
