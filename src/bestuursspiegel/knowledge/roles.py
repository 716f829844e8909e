"""The content editor role: staff users in this group may edit the knowledge base in the admin."""

CONTENT_EDITORS_GROUP = "Inhoudsbeheerders"


def ensure_content_editor_group(sender=None, **kwargs):
    from django.contrib.auth.models import Group, Permission

    group, _ = Group.objects.get_or_create(name=CONTENT_EDITORS_GROUP)
    permissions = Permission.objects.filter(content_type__app_label="knowledge").exclude(
        content_type__model__startswith="historical"
    )
    group.permissions.set(permissions)
