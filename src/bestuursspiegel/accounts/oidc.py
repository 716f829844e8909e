"""Login through the municipality's OpenID Connect provider, for existing accounts only.

mozilla-django-oidc does the code flow with PKCE, state and nonce; it does not check the
audience or issuer of the ID token, so this backend does.
"""

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from mozilla_django_oidc.auth import OIDCAuthenticationBackend


class OrganisationOIDCBackend(OIDCAuthenticationBackend):
    def authenticate(self, request, **kwargs):
        if not settings.OIDC_RP_CLIENT_ID:
            return None  # OIDC not configured: this backend steps aside
        return super().authenticate(request, **kwargs)

    def verify_token(self, token, **kwargs):
        payload = super().verify_token(token, **kwargs)
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if settings.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("ID token audience does not match this client")
        if settings.OIDC_OP_ISSUER and payload.get("iss") != settings.OIDC_OP_ISSUER:
            raise SuspiciousOperation("ID token issuer does not match the configured provider")
        return payload

    def filter_users_by_claims(self, claims):
        email = (claims.get("email") or "").strip().lower()
        if not email or claims.get("email_verified") is False:
            return self.UserModel.objects.none()
        return self.UserModel.objects.filter(email__iexact=email, is_active=True)

    def create_user(self, claims):
        return None  # accounts are made by administrators; an unknown e-mail address cannot log in
