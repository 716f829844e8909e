from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingDeskConfig(AppConfig):
    name = "bestuursspiegel.reporting_desk"
    verbose_name = _("temporary reporting desk")
