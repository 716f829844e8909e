"""API clients are made and revoked by administrators (superusers) only; the key is shown once."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import ApiClient
from .scopes import Scope
from .services import api_client_create, api_client_revoke


class ApiClientCreateForm(forms.ModelForm):
    scopes = forms.MultipleChoiceField(
        label=capfirst(gettext_lazy("scopes")), choices=Scope.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = ApiClient
        fields = ["organisation", "name", "scopes"]


@admin.register(ApiClient)
class ApiClientAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "key_prefix", "scopes", "created_at", "last_used_on", "revoked_at"]
    list_filter = ["organisation"]
    readonly_fields = [
        "organisation",
        "name",
        "scopes",
        "key_prefix",
        "created_by",
        "created_at",
        "last_used_on",
        "revoked_at",
    ]
    actions = ["revoke"]

    def get_queryset(self, request):
        return super().get_queryset(request).unscoped()  # the operators' view across organisations

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return False  # scopes are fixed: make a new client and revoke the old one

    def has_delete_permission(self, request, obj=None):
        return False  # revoke instead: the audit log keeps pointing at the client

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = ApiClientCreateForm
        return super().get_form(request, obj, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj else []

    def save_model(self, request, obj, form, change):
        try:
            client, key = api_client_create(
                organisation=form.cleaned_data["organisation"],
                name=form.cleaned_data["name"],
                scopes=form.cleaned_data["scopes"],
                actor=request.user,
            )
        except ValidationError as error:
            raise forms.ValidationError(error.messages) from error
        obj.pk = client.pk
        messages.warning(
            request,
            _("The key of %(name)s, shown only now: %(key)s") % {"name": client.name, "key": key},
        )

    @admin.action(description=gettext_lazy("Revoke the selected API clients"))
    def revoke(self, request, queryset):
        for client in queryset:
            api_client_revoke(client=client, actor=request.user)
        messages.success(request, _("Revoked: the keys are refused from now on."))
