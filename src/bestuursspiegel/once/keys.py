"""One-time form keys: a POST that creates something does so once, whatever Back and reload do.

A page with such a form carries a fresh key in its own address (`?formulier=…`), and its form posts
to that address. Back returns to the same address, so to the same key; reload of the POST sends the
same key again. The first POST with a key records it, in the same transaction as what it creates
(a failed attempt leaves the key free); every later POST with that key creates nothing and leads to
the result with a message. The key lives in the URL rather than a hidden field because browsers
may re-fetch a page on Back and hand it a new hidden value, while the address stays the same.
"""

import functools
import hashlib
import re
import secrets

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.template.loader import render_to_string
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from .models import UsedFormKey

PARAM = "formulier"
KEY_PATTERN = re.compile(r"[A-Za-z0-9_-]{22}")


def key_new() -> str:
    return secrets.token_urlsafe(16)


def key_of(request) -> str | None:
    value = request.GET.get(PARAM, "")
    return value if KEY_PATTERN.fullmatch(value) else None


def keyed_url(request, key: str) -> str:
    query = request.GET.copy()
    query[PARAM] = key
    return f"{request.path}?{urlencode(sorted(query.lists()), doseq=True)}"


def with_new_key(path: str) -> str:
    """The address for the next form after one that created something and showed its result."""
    return f"{path}?{urlencode({PARAM: key_new()})}"


def key_required(request, *, used) -> HttpResponse | None:
    """The first step of every one-time form page: a response when the address holds no key yet, or
    a key that `used(key)` says already created something (then a new key and an empty form);
    otherwise None, with the key in `request.form_key`. Callers that keep used keys elsewhere than in
    `UsedFormKey` (the reporting desk keeps them on what was created) pass their own `used`."""
    key = key_of(request)
    if key is None and request.method == "POST":  # an old page, or an address without its key
        html = render_to_string("once/no_key.html", {"again": request.path}, request=request)
        return HttpResponseBadRequest(html)
    if key is None or (request.method != "POST" and used(key)):
        # A page opened again after its form was sent gets a new key (and an empty form).
        return HttpResponseRedirect(keyed_url(request, key_new()))
    request.form_key = key
    return None


def one_time_form(scope: str):
    """A page whose form creates something: its address always holds a key not used yet."""

    def decorate(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            refused = key_required(request, used=lambda key: _used(request, scope, key))
            if refused is not None:
                return refused
            request.form_scope = scope
            return view(request, *args, **kwargs)

        return wrapper

    return decorate


def _hash(request, scope: str, key: str) -> str:
    """Tied to the page (its path names the meting), so a key sent to another page is another key."""
    return hashlib.sha256(f"{scope}:{request.path}:{key}".encode()).hexdigest()


def _used(request, scope: str, key: str) -> bool:
    return UsedFormKey.objects.filter(key_hash=_hash(request, scope, key)).exists()


def claim(request) -> bool:
    """True the first time this page's key is used. Call inside the transaction that creates, so
    that if creating fails the key can be used again; a second request with the key waits for the
    first to commit (unique index) and then gets False."""
    assert transaction.get_connection().in_atomic_block, "claim inside the creating transaction"
    try:
        with transaction.atomic():
            UsedFormKey.objects.create(
                key_hash=_hash(request, request.form_scope, request.form_key), scope=request.form_scope
            )
    except IntegrityError:
        return False
    return True


def already_done(request, url: str) -> HttpResponseRedirect:
    messages.info(request, _("This form had already been sent; nothing was stored twice."))
    return HttpResponseRedirect(url)
