"""A small fixed-window counter in Django's cache, for guessing protection.

Keys hold a hash of the client address, never the address itself, and expire with the window;
nothing here is ever linked to answers.
"""

import hashlib

from django.core.cache import cache


def _key(scope: str, request) -> str:
    address = request.META.get("REMOTE_ADDR", "")
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
