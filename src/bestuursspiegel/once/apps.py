from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OnceConfig(AppConfig):
    name = "bestuursspiegel.once"
    verbose_name = _("one-time form keys")
