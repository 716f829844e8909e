"""Who may open which page: desk managers (members of the organisation), recipients (designated,
two-step verified, key unlocked), and reporters (receipt code and secret, kept in the vault)."""

import base64
import functools
import json

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.urls import reverse

from . import services, vault

REPORTER = "reporter"


def manager_view(view):
    @login_required
    @functools.wraps(view)
    def wrapper(request, desk_uuid, *args, **kwargs):
        return view(request, services.desk_for_manager(request.user, desk_uuid), *args, **kwargs)

    return wrapper


def recipient_key_name(recipient) -> str:
    return f"recipient:{recipient.uuid}"


def recipient_view(*, unlocked: bool = True):
    """Recipients only, after two-step verification; with `unlocked`, their private key must be in
    the vault (it is passed to the view)."""

    def decorate(view):
        @login_required
        @functools.wraps(view)
        def wrapper(request, desk_uuid, *args, **kwargs):
            recipient = services.recipient_for_user(request.user, desk_uuid)
            if not request.user.is_verified():
                # A user with a device was already sent to the code page (RequireTwoFactorMiddleware);
                # recipients without one must set it up, as staff must.
                return redirect(f"{reverse('accounts:two_factor_setup')}?next={request.path}")
            if not unlocked:
                return view(request, recipient, *args, **kwargs)
            if not recipient.is_active:
                return redirect("reporting_desk:activate", desk_uuid=desk_uuid)
            private_key = vault.get(request, recipient_key_name(recipient))
            if private_key is None:
                return redirect(f"{reverse('reporting_desk:unlock', args=[desk_uuid])}?next={request.path}")
            return view(request, recipient, private_key, *args, **kwargs)

        return wrapper

    return decorate


def reporter_put(request, response, report, key: bytes) -> None:
    """The reporter's report and key, sealed in the vault: the session row alone names no report."""
    value = json.dumps({"report": str(report.uuid), "key": base64.b64encode(key).decode()}).encode()
    vault.put(request, response, REPORTER, value)


def reporter_get(request, desk):
    """(report, key) of the reporter in this browser for `desk`, or (None, None)."""
    value = vault.get(request, REPORTER)
    if value is None:
        return None, None
    data = json.loads(value)
    report = services.Report.objects.filter(desk=desk, uuid=data["report"]).first()
    return (report, base64.b64decode(data["key"])) if report else (None, None)
