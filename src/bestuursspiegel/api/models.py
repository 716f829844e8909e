from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from bestuursspiegel.organisations.scoping import ScopedQuerySet

from .scopes import Scope


class ApiClient(models.Model):
    """Another system of one organisation (the council information system, the HR system) that
    calls the API with a key. Only a hash of the key is stored; the key is shown once, when made.

    The client acts through its own account (`acting_user`, no password, no login), so that the
    services' rules and the audit log treat it as what it is: "API-koppeling <name>".
    """

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="api_clients")
    name = models.CharField(_("name"), max_length=100)
    scopes = models.JSONField(_("scopes"), default=list)
    key_prefix = models.CharField(
        _("key prefix"), max_length=12, unique=True, editable=False
    )  # shown to tell keys apart
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    acting_user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="api_client", editable=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        editable=False,
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True, editable=False)
    last_used_on = models.DateField(_("last used on"), null=True, blank=True, editable=False)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("API client")
        verbose_name_plural = _("API clients")
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="unique_api_client_name")]

    def __str__(self):
        return f"{self.name} ({self.organisation})"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    def allows(self, scope: Scope) -> bool:
        return self.is_active and scope.value in self.scopes
