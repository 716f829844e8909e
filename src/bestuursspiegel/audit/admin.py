from django.contrib import admin

from .models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["occurred_at", "actor_label", "organisation", "action", "object_type", "object_id", "outcome"]
    list_filter = ["action", "outcome"]
    search_fields = ["actor_label", "object_id"]

    def get_queryset(self, request):
        return super().get_queryset(request).unscoped()  # operators read the log across organisations

    # The audit log is append-only, also for administrators.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
