"""`Authorization: Bearer <key>` for API clients; the request acts as the client's own account."""

import secrets

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from .models import ApiClient
from .services import KEY_START, key_hash, key_prefix


class ApiKeyAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = request.headers.get("Authorization", "")
        scheme, _space, key = header.partition(" ")
        if scheme != self.keyword or not key.startswith(KEY_START):
            return None  # no key: anonymous (public resources), or refused by the permission
        client = (
            ApiClient.objects.unscoped()  # the key is the credential that names the organisation
            .select_related("organisation", "acting_user")
            .filter(key_prefix=key_prefix(key))
            .first()
        )
        if client is None or not secrets.compare_digest(client.key_hash, key_hash(key)) or not client.is_active:
            raise exceptions.AuthenticationFailed(_("This API key is unknown or revoked."))
        today = timezone.localdate()
        if client.last_used_on != today:  # a write a day, not one per request
            ApiClient.objects.unscoped().filter(pk=client.pk).update(last_used_on=today)
        return client.acting_user, client

    def authenticate_header(self, request):
        return self.keyword
