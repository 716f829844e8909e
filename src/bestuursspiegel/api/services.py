"""Making and revoking API clients: by an administrator, audited, the key shown once."""

import hashlib
import secrets

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bestuursspiegel.audit.services import audit_record

from .models import ApiClient
from .scopes import Scope

KEY_START = "bs_"


def key_hash(key: str) -> str:
    """Keys have 256 random bits: a plain hash is enough to store them (no slow password hash)."""
    return hashlib.sha256(key.encode()).hexdigest()


def key_prefix(key: str) -> str:
    return key.removeprefix(KEY_START).partition(".")[0]


@transaction.atomic
def api_client_create(*, organisation, name: str, scopes: list[str], actor) -> tuple[ApiClient, str]:
    """A new client of `organisation`; returns it and its key, which is not stored and not shown again."""
    unknown = set(scopes) - set(Scope.values)
    if unknown or not scopes:
        raise ValidationError(_("Choose one or more of the listed scopes."))
    if ApiClient.objects.filter(organisation=organisation, name=name).exists():
        raise ValidationError(_("This organisation already has an API client with this name."))
    prefix = secrets.token_hex(4)
    key = f"{KEY_START}{prefix}.{secrets.token_urlsafe(32)}"
    acting_user = get_user_model().objects.create_user(
        f"koppeling-{prefix}@api.invalid", None, first_name=name[:150], is_active=False
    )
    client = ApiClient.objects.create(
        organisation=organisation,
        name=name,
        scopes=sorted(set(scopes)),
        key_prefix=prefix,
        key_hash=key_hash(key),
        acting_user=acting_user,
        created_by=actor,
    )
    audit_record(
        actor=actor, action="api_client.create", organisation=organisation, target=client, scopes=client.scopes
    )
    return client, key


@transaction.atomic
def api_client_revoke(*, client: ApiClient, actor) -> ApiClient:
    """From now on the key is refused. Revoking again changes nothing."""
    if client.revoked_at is None:
        client.revoked_at = timezone.now()
        client.save(update_fields=["revoked_at"])
        audit_record(actor=actor, action="api_client.revoke", organisation=client.organisation, target=client)
    return client
