from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "bestuursspiegel.knowledge"
    verbose_name = _("knowledge base")

    def ready(self):
        from django.db.models.signals import post_migrate

        from .roles import ensure_content_editor_group

        post_migrate.connect(ensure_content_editor_group, sender=self)
