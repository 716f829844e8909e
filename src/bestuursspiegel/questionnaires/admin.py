from django.contrib import admin

from .models import Item, Questionnaire


class ItemInline(admin.TabularInline):
    model = Item
    fields = ["number", "section", "code", "text", "direction"]
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(Questionnaire)
class QuestionnaireAdmin(admin.ModelAdmin):
    """Read-only: questionnaires change through their data files only."""

    list_display = ["title", "slug", "version"]
    readonly_fields = ["slug", "version", "title", "source_file", "source_section"]
    inlines = [ItemInline]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
