"""Editing for content editors: history per entry, draft/published, and a review-overdue filter."""

from datetime import timedelta

from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from . import models
from .constants import REVIEW_AFTER_DAYS
from .services import content_changed


class ReviewOverdueFilter(admin.SimpleListFilter):
    title = _("review")
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("overdue", _("not reviewed for more than two years"))]

    def queryset(self, request, queryset):
        if self.value() == "overdue":
            return queryset.filter(last_reviewed__lt=timezone.localdate() - timedelta(days=REVIEW_AFTER_DAYS))
        return queryset


class EntryAdmin(SimpleHistoryAdmin):
    list_display = ["title", "status", "last_reviewed", "review_overdue"]
    list_filter = ["status", ReviewOverdueFilter]
    search_fields = ["title", "slug", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
    actions = ["mark_reviewed"]

    @admin.display(boolean=True, description=_("review overdue"))
    def review_overdue(self, obj):
        return obj.review_overdue

    @admin.action(description=_("Mark as reviewed today"))
    def mark_reviewed(self, request, queryset):
        queryset.update(last_reviewed=timezone.localdate())

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        content_changed()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        content_changed()


for model in (
    models.LadderLevel,
    models.Helper,
    models.Measure,
    models.Pattern,
    models.Buffer,
    models.RecoveryStep,
    models.AwarenessStage,
    models.BottleneckTheme,
    models.AgendaTemplateMoment,
):
    admin.site.register(model, EntryAdmin)


@admin.register(models.Instrument)
class InstrumentAdmin(EntryAdmin):
    list_display = ["title", "level", "status", "last_reviewed", "review_overdue"]
    list_filter = ["level", "status", ReviewOverdueFilter]
    filter_horizontal = ["helpers"]


@admin.register(models.SupportOffer)
class SupportOfferAdmin(EntryAdmin):
    list_display = ["title", "theme", "offer_status", "year", "status", "review_overdue"]
    list_filter = ["theme", "offer_status", "status", ReviewOverdueFilter]


@admin.register(models.Bottleneck)
class BottleneckAdmin(EntryAdmin):
    list_display = ["title", "theme", "status", "review_overdue"]
    list_filter = ["theme", "status", ReviewOverdueFilter]
    filter_horizontal = ["support_offers"]


@admin.register(models.StatementGuidance)
class StatementGuidanceAdmin(EntryAdmin):
    filter_horizontal = ["instruments"]


@admin.register(models.Dilemma)
class DilemmaAdmin(EntryAdmin):
    list_display = ["title", "organisation", "status", "review_overdue"]
    list_filter = ["organisation", "status", ReviewOverdueFilter]

    def get_queryset(self, request):
        # Content editors keep the shared dilemmas; an organisation's own stay its own (operators excepted).
        queryset = super().get_queryset(request)
        return queryset.unscoped() if request.user.is_superuser else queryset.filter(organisation__isnull=True)
