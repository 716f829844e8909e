"""Editing for content editors: history per entry, draft/published, and a review-overdue filter."""

from datetime import timedelta

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.http import Http404
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


class OrganisationOwnedAdminMixin:
    """For models whose rows are shared or belong to one organisation (private dilemmas).

    An organisation's rows are for that organisation's pages and for operators (superusers) only.
    The check is made on the object in every view that takes one, because django-simple-history's
    history and revert views read rows and old versions without the admin's `get_queryset`.
    Content editors cannot give a row an organisation either.
    """

    def _owned_by_an_organisation(self, obj) -> bool:
        return obj is not None and obj.organisation_id is not None

    def _may_touch(self, request, obj) -> bool:
        return request.user.is_superuser or not self._owned_by_an_organisation(obj)

    def has_view_permission(self, request, obj=None):
        return self._may_touch(request, obj) and super().has_view_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._may_touch(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._may_touch(request, obj) and super().has_delete_permission(request, obj)

    def get_exclude(self, request, obj=None):
        exclude = list(super().get_exclude(request, obj) or [])
        return exclude if request.user.is_superuser else [*exclude, "organisation"]

    def save_model(self, request, obj, form, change):
        if not request.user.is_superuser:
            obj.organisation = None  # a tampered form cannot file a row under an organisation
        super().save_model(request, obj, form, change)

    def _require_visible(self, request, object_id, version_id=None) -> None:
        """404, as for a row outside the queryset, when the row or the old version is not the user's to see."""
        if request.user.is_superuser:
            return
        history = self.model.history.filter(**{self.model._meta.pk.attname: unquote(object_id)})
        if version_id is not None:
            history = history.filter(history_id=unquote(version_id))
        current = self.model.objects.unscoped().filter(pk=unquote(object_id)).first()
        if self._owned_by_an_organisation(current) or history.filter(organisation__isnull=False).exists():
            raise Http404

    def history_view(self, request, object_id, extra_context=None):
        self._require_visible(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self._require_visible(request, object_id, version_id)
        return super().history_form_view(request, object_id, version_id, extra_context)


@admin.register(models.Dilemma)
class DilemmaAdmin(OrganisationOwnedAdminMixin, EntryAdmin):
    list_display = ["title", "organisation", "status", "review_overdue"]
    list_filter = ["organisation", "status", ReviewOverdueFilter]

    def get_queryset(self, request):
        # Content editors keep the shared dilemmas; an organisation's own stay its own (operators excepted).
        queryset = super().get_queryset(request)
        return queryset.unscoped() if request.user.is_superuser else queryset.filter(organisation__isnull=True)
