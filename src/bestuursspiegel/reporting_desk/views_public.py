"""The public pages: the intake form, the receipt, and the reporter's way back in.

No account, no JavaScript. Nothing here is logged by the request log (see `unlogged`), no address
is stored beyond the throttle's short window (hashed), and pages holding a secret are not cached.
"""

import functools
import hashlib

from django.contrib import messages
from django.core.files.uploadhandler import MemoryFileUploadHandler
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from bestuursspiegel.once import keys as once
from bestuursspiegel.utils import throttle

from . import services, vault
from .access import reporter_get, reporter_put
from .constants import GUESS_LIMIT, GUESS_WINDOW, REQUEST_MAX_BYTES, SUBMIT_LIMIT, SUBMIT_WINDOW, TEXT_MAX_LENGTH
from .forms import ReporterMessageForm, ReportForm, ReturnForm
from .http import download, refusal
from .models import Message, Report


def unlogged(view):
    view.unlogged = True
    return view


def _too_large(request) -> bool:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0) > REQUEST_MAX_BYTES
    except ValueError:
        return True


class InMemoryUploads(MemoryFileUploadHandler):
    """Keeps every uploaded file in memory, never in a temporary file on disk, where a reporter's
    attachment would lie unencrypted (Django writes files above FILE_UPLOAD_MAX_MEMORY_SIZE to disk).
    The request's size was checked before this handler is used, so memory stays bounded."""

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.activated = True


def uploads_in_memory(view):
    """Refuses an oversized request before anything reads its body, then parses uploads in memory.
    CSRF is checked inside (csrf_protect), after the upload handlers are set: the CSRF middleware
    would otherwise read the body first with the default handlers (Django's documented pattern)."""
    protected = csrf_protect(view)

    @csrf_exempt
    @functools.wraps(view)
    def wrapper(request, token, *args, **kwargs):
        if request.method == "POST":
            if _too_large(request):
                message = _("What you sent is too large. Send at most three files of 4 MB each.")
                return refusal(request, message, 413, desk=services.desk_public(token))
            request.upload_handlers = [InMemoryUploads(request)]
        return protected(request, token, *args, **kwargs)

    return wrapper


def _form_key_hash(desk, key: str, scope: str) -> str:
    return hashlib.sha256(f"{scope}:{desk.public_token}:{key}".encode()).hexdigest()


def _report_made(desk, key_hash: str) -> bool:
    return Report.objects.filter(desk=desk, form_key_hash=key_hash).exists()


def _message_made(desk, key_hash: str) -> bool:
    return Message.objects.filter(report__desk=desk, form_key_hash=key_hash).exists()


def _keyed(scope: str, made):
    """Like once.one_time_form, but the used key is kept on the report or message itself (no time)."""

    def decorate(view):
        @functools.wraps(view)
        def wrapper(request, token, *args, **kwargs):
            desk = services.desk_public(token)  # an unknown address is 404 before anything else
            refused = once.key_required(
                request,
                used=lambda key: made(desk, _form_key_hash(desk, key, scope)),
            )
            if refused is not None:
                return refused
            request.form_key_hash = _form_key_hash(desk, request.form_key, scope)
            return view(request, desk, *args, **kwargs)

        return wrapper

    return decorate


@unlogged
@never_cache
@uploads_in_memory
@_keyed("report", _report_made)
def intake(request, desk):
    today = timezone.localdate()
    accepting = services.desk_accepts(desk, today)
    recipients = desk.recipients.active()
    form = ReportForm()
    status = 200
    if request.method == "POST":
        if not accepting:
            return refusal(request, _("This desk does not accept reports at the moment."), 403, desk=desk)
        if throttle.is_blocked("desk-submit", request, limit=SUBMIT_LIMIT):
            message = _("Many reports were sent from this connection just now. Try again in an hour.")
            return refusal(request, message, 429, desk=desk)
        form = ReportForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            receipt = services.report_submit(
                desk=desk,
                text=data["text"],
                category=data["category"],
                contact=data["contact"] if data["identity"] == "contact" else "",
                files=data["files"],
                today=today,
                form_key_hash=request.form_key_hash,
            )
            if receipt is None:
                return render(request, "reporting_desk/already_sent.html", {"desk": desk}, status=409)
            # Counted only for the window, under a hash of the address (utils.throttle).
            throttle.record_failure("desk-submit", request, window_seconds=SUBMIT_WINDOW)
            context = {"desk": desk, "receipt_code": receipt.receipt_code, "secret": receipt.secret}
            return render(request, "reporting_desk/receipt.html", context, status=201)
        status = 400
    context = {"desk": desk, "form": form, "accepting": accepting, "recipients": recipients}
    return render(request, "reporting_desk/intake.html", context, status=status)


@unlogged
@never_cache
def come_back(request, token):
    desk = services.desk_public(token)
    form = ReturnForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if throttle.is_blocked("desk-return", request, limit=GUESS_LIMIT):
            return refusal(request, _("Too many wrong attempts from this connection. Try again later."), 429, desk=desk)
        if form.is_valid():
            try:
                report, key = services.reporter_open(
                    desk=desk,
                    receipt_code=form.cleaned_data["receipt_code"],
                    secret=form.cleaned_data["secret"],
                    now=timezone.now(),
                )
            except services.DeskError as error:
                throttle.record_failure("desk-return", request, window_seconds=GUESS_WINDOW)
                form.add_error(None, str(error))
            else:
                response = redirect("reporting_desk:conversation", token=token)
                reporter_put(request, response, report, key)
                return response
        status = 400
    return render(request, "reporting_desk/come_back.html", {"desk": desk, "form": form}, status=status)


@unlogged
@never_cache
@uploads_in_memory
@_keyed("message", _message_made)
def conversation(request, desk):
    report, key = reporter_get(request, desk)
    if report is None and request.method == "POST":
        # The session ended while they were writing: ask for code and secret again, and give the
        # text back to copy, so that nothing they wrote is lost.
        context = {"desk": desk, "form": ReturnForm(), "unsent": request.POST.get("text", "")[:TEXT_MAX_LENGTH]}
        return render(request, "reporting_desk/come_back.html", context, status=403)
    if report is None:
        return redirect("reporting_desk:come_back", token=desk.public_token)
    form = ReporterMessageForm()
    status = 200
    if request.method == "POST":
        form = ReporterMessageForm(request.POST, request.FILES)
        if form.is_valid():
            added = services.reporter_add(
                report=report,
                key=key,
                text=form.cleaned_data["text"],
                files=form.cleaned_data["files"],
                today=timezone.localdate(),
                form_key_hash=request.form_key_hash,
            )
            if added is None:
                return once.already_done(request, once.with_new_key(request.path))
            messages.success(request, _("Your message was added."))
            return redirect(once.with_new_key(request.path))
        status = 400
    shown = services.report_read(report=report, key=key, for_reporter=True)
    context = {"desk": desk, "form": form, "shown": shown, "readers": services.report_readers(report)}
    return render(request, "reporting_desk/conversation.html", context, status=status)


@unlogged
@never_cache
def reporter_attachment(request, token, number):
    desk = services.desk_public(token)
    report, key = reporter_get(request, desk)
    if report is None:
        return redirect("reporting_desk:come_back", token=token)
    name, content_type, data = services.attachment_by_number(report=report, key=key, number=number, for_reporter=True)
    return download(name, content_type, data)


@unlogged
@require_POST
def leave(request, token):
    desk = services.desk_public(token)
    request.session.flush()  # the vault's half on the server goes; the cookie half is useless alone
    response = redirect("reporting_desk:intake", token=desk.public_token)
    response.delete_cookie(vault.COOKIE, path=vault.PATH)
    return response
