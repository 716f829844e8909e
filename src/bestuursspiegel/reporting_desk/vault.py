"""Unlocked keys between requests, held half by the server and half by the browser.

The session (in the database) keeps the key sealed with a random wrapping key; the wrapping key is
only in an HttpOnly cookie limited to the desk's addresses. Neither a database dump nor a stolen
cookie alone opens anything, and logging out (the session is flushed) or closing the browser (the
cookie has no expiry) locks the vault again.
"""

import base64

from django.conf import settings

from . import crypto

COOKIE = "bs_kluis"
SESSION_KEY = "desk_vault"
PATH = "/meldpunt/"  # the public pages and the recipients' pages


def _wrapping_key(request) -> bytes | None:
    value = request.COOKIES.get(COOKIE, "")
    try:
        key = base64.urlsafe_b64decode(value.encode())
    except ValueError:
        return None
    return key if len(key) == crypto.KEY_BYTES else None


def put(request, response, name: str, key: bytes) -> None:
    """Keep `key` under `name` for this browser; sets the cookie on `response` when needed."""
    wrapping = _wrapping_key(request)
    if wrapping is None:
        wrapping = getattr(request, "_desk_wrapping_key", None) or crypto.new_key()
        request._desk_wrapping_key = wrapping
        response.set_cookie(
            COOKIE,
            base64.urlsafe_b64encode(wrapping).decode(),
            path=PATH,
            httponly=True,
            secure=settings.SESSION_COOKIE_SECURE,
            samesite="Lax",  # Strict would drop it when a recipient follows a link from an e-mail
        )
    entries = dict(request.session.get(SESSION_KEY, {}))
    entries[name] = base64.b64encode(crypto.seal(wrapping, key)).decode()
    request.session[SESSION_KEY] = entries
    request.session.cycle_key()  # a new session id whenever a desk is unlocked


def get(request, name: str) -> bytes | None:
    wrapping = _wrapping_key(request)
    sealed = request.session.get(SESSION_KEY, {}).get(name)
    if wrapping is None or sealed is None:
        return None
    try:
        return crypto.unseal(wrapping, base64.b64decode(sealed))
    except (crypto.DecryptionFailed, ValueError):
        return None


def forget(request, name: str) -> None:
    entries = dict(request.session.get(SESSION_KEY, {}))
    entries.pop(name, None)
    request.session[SESSION_KEY] = entries
