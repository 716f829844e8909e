from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingDeskConfig(AppConfig):
    name = "bestuursspiegel.reporting_desk"
    verbose_name = _("temporary reporting desk")

    def ready(self):
        from bestuursspiegel.accounts.signals import password_changed

        from . import services

        def reseal_keys(sender, user, old_password, new_password, **kwargs):
            services.password_changed(user=user, old_password=old_password, new_password=new_password)

        password_changed.connect(reseal_keys, dispatch_uid="reporting_desk.reseal_keys", weak=False)
