"""A small fixed-window counter in Django's cache, for guessing protection.

Keys hold a hash of the client address (see `client_address`: behind trusted proxies, the address
the proxy saw), never the address itself, and expire with the window; nothing here is ever linked
to answers. Only failures are counted: callers check a credential first, so a valid link or code
is never refused because someone else at the same address guessed.
"""

import hashlib

from django.core.cache import cache

from .client_address import client_address


def _key(scope: str, request) -> str:
    address = client_address(request)
    return f"throttle:{scope}:" + hashlib.sha256(address.encode()).hexdigest()[:32]


def is_blocked(scope: str, request, *, limit: int) -> bool:
    return (cache.get(_key(scope, request)) or 0) >= limit


def record_failure(scope: str, request, *, window_seconds: int) -> int:
    key = _key(scope, request)
    cache.add(key, 0, timeout=window_seconds)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window_seconds)
        return 1
