from rest_framework import permissions

from .models import ApiClient


class HasScope(permissions.BasePermission):
    """The view names the scope each method needs (`scopes = {"GET": Scope.X, ...}`). A method the
    view does not have is let through here, so that it is answered 405, not 403."""

    def has_permission(self, request, view):
        client = request.auth
        if not isinstance(client, ApiClient):
            return False
        method = "GET" if request.method in ("HEAD", "OPTIONS") else request.method
        if method not in view.scopes:
            return not hasattr(view, request.method.lower())
        return client.allows(view.scopes[method])
