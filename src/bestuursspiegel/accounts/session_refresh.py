"""The inactivity timeout without a database write on every page.

Django's SESSION_SAVE_EVERY_REQUEST renews a session's expiry with an UPDATE (and, on SQLite, a
write lock) for every request. Renewing it at most once a minute keeps the same rule — logged out
after SESSION_COOKIE_AGE without activity — to within SESSION_REFRESH_INTERVAL seconds.
"""

import time

from django.conf import settings

REFRESHED_KEY = "_refreshed_at"


class SessionRefreshMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and not session.is_empty():
            now = int(time.time())
            if now - session.get(REFRESHED_KEY, 0) >= settings.SESSION_REFRESH_INTERVAL:
                session[REFRESHED_KEY] = now  # marks the session modified: saved with a new expiry
        return response
