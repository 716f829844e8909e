"""Request limits per API client, and per address for the public knowledge base. The counters are in
the shared cache (a database table), so every instance counts together."""

from rest_framework.throttling import SimpleRateThrottle

from bestuursspiegel.utils.client_address import client_address


class ClientRateThrottle(SimpleRateThrottle):
    scope = "client"

    def get_cache_key(self, request, view):
        client = getattr(request, "auth", None)
        if client is None:
            return None  # refused by authentication or permission anyway
        return self.cache_format % {"scope": self.scope, "ident": client.pk}


class PublicRateThrottle(SimpleRateThrottle):
    scope = "public"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": client_address(request)}
