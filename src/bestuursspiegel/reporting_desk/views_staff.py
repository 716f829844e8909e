"""Pages for the organisation (setting a desk up) and for its recipients (handling reports)."""

import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Max, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from bestuursspiegel.once import keys as once
from bestuursspiegel.organisations.services import organisations_for_user
from bestuursspiegel.utils import throttle
from bestuursspiegel.utils.confirm import confirmation

from . import counts, services, vault
from .access import manager_view, recipient_key_name, recipient_view
from .constants import GUESS_WINDOW, MessageKind
from .forms import DeskForm, ExportForm, NewDeskForm, PasswordForm, RecipientForm, RecipientMessageForm, StatusForm
from .http import download, refusal


@login_required
def desk_list(request):
    context = {
        "managed": services.desks_for_manager(request.user).select_related("organisation"),
        "roles": services.roles_for_user(request.user),
        "may_create": organisations_for_user(request.user).exists(),
    }
    return render(request, "reporting_desk/desk_list.html", context)


@login_required
@once.one_time_form("desk.create")
def desk_create(request):
    if not organisations_for_user(request.user).exists():
        return refusal(request, _("Only members of an organisation can set up a desk."), 403)
    form = NewDeskForm(request.POST or None, user=request.user)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            with transaction.atomic():
                if not once.claim(request):
                    return once.already_done(request, reverse("reporting_desk:desk_list"))
                desk = services.desk_create(
                    organisation=form.cleaned_data["organisation"], actor=request.user, **form.values()
                )
            messages.success(request, _("The desk was made. Designate its recipients now."))
            return redirect("reporting_desk:desk_settings", desk_uuid=desk.uuid)
        status = 400
    return render(request, "reporting_desk/desk_create.html", {"form": form}, status=status)


@manager_view
def desk_settings(request, desk):
    form = DeskForm(instance=desk)
    recipient_form = RecipientForm()
    status = 200
    if request.method == "POST" and request.POST.get("part") == "recipient":
        recipient_form = RecipientForm(request.POST)
        if recipient_form.is_valid():
            try:
                services.recipient_designate(desk=desk, actor=request.user, **recipient_form.cleaned_data)
            except services.DeskError as error:
                recipient_form.add_error("email", str(error))
            else:
                messages.success(
                    request, _("The recipient was designated. They make their key when they first log in.")
                )
                return redirect("reporting_desk:desk_settings", desk_uuid=desk.uuid)
        status = 400
    elif request.method == "POST":
        form = DeskForm(request.POST, instance=services.desk_for_manager(request.user, desk.uuid))
        if form.is_valid():
            services.desk_update(desk=desk, actor=request.user, **form.values())
            messages.success(request, _("The desk was saved."))
            return redirect("reporting_desk:desk_settings", desk_uuid=desk.uuid)
        status = 400
    today = timezone.localdate()
    context = {
        "desk": desk,
        "form": form,
        "recipient_form": recipient_form,
        "recipients": desk.recipients.select_related("user"),
        "accepting": services.desk_accepts(desk, today),
        "public_url": request.build_absolute_uri(reverse("reporting_desk:intake", args=[desk.public_token])),
        "figures": counts.yearly_figures(desk, today),
        "is_member_recipient": desk.recipients.filter(user=request.user).exists(),
    }
    return render(request, "reporting_desk/desk_settings.html", context, status=status)


@manager_view
def recipient_remove(request, desk, recipient_uuid):
    recipient = get_object_or_404(desk.recipients.select_related("user"), uuid=recipient_uuid)
    settings_url = reverse("reporting_desk:desk_settings", args=[desk.uuid])
    if request.method != "POST":
        consequences = [
            _("Their copies of the report keys are deleted: they can no longer read any report of this desk."),
            _("The reports stay, for the other recipients."),
        ]
        if not desk.recipients.active().exclude(pk=recipient.pk).exists():
            consequences.append(
                _(
                    "They are the last recipient with a key: nobody can read the existing reports any more, and the desk accepts no new ones until another recipient makes a key."
                )
            )
        return confirmation(
            request,
            question=_("Remove %(email)s as recipient?") % {"email": recipient.user.email},
            consequences=consequences,
            confirm=_("Remove"),
            cancel_url=settings_url,
        )
    services.recipient_remove(desk=desk, actor=request.user, recipient=recipient)
    messages.success(request, _("The recipient was removed; their copies of the report keys are gone."))
    return redirect(settings_url)


def report_view(view):
    """A recipient's page of one report: the report, and its key opened with theirs (403 in Dutch
    for a report that came in before they were a recipient and was not passed on)."""

    @recipient_view()
    @functools.wraps(view)
    def wrapper(request, recipient, private_key, report_uuid, *args, **kwargs):
        report = services.report_for_recipient(recipient, report_uuid)
        try:
            key = services.report_key(report=report, recipient=recipient, private_key=private_key)
        except services.DeskError as error:
            return refusal(request, str(error), 403)
        return view(request, recipient, report, key, *args, **kwargs)

    return wrapper


def _next(request, recipient) -> str:
    target = request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}) and target.startswith("/meldpunt/"):
        return target
    return reverse("reporting_desk:reports", args=[recipient.desk.uuid])


UNLOCK_ATTEMPTS = 5  # wrong passwords per recipient and address in the window, then 429


def _password_page(request, recipient, *, template: str, open_key, success):
    """A page that asks the recipient's password, opens (or makes) their key with `open_key`, puts
    it in the vault and redirects to `success()`."""
    scope = f"desk-unlock:{recipient.uuid}"
    if request.method == "POST" and throttle.is_blocked(scope, request, limit=UNLOCK_ATTEMPTS):
        return refusal(request, _("Too many wrong attempts from this connection. Try again later."), 429)
    form = PasswordForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                private_key = open_key(form.cleaned_data["password"])
            except services.DeskError as error:
                throttle.record_failure(scope, request, window_seconds=GUESS_WINDOW)
                form.add_error("password", str(error))
            else:
                response = redirect(success(private_key))
                vault.put(request, response, recipient_key_name(recipient), private_key)
                return response
        status = 400
    return render(request, template, {"recipient": recipient, "form": form}, status=status)


@never_cache
@recipient_view(unlocked=False)
def activate(request, recipient):
    if recipient.is_active:
        return redirect("reporting_desk:unlock", desk_uuid=recipient.desk.uuid)

    def made(private_key):
        messages.success(request, _("Your key was made. New reports are now sealed for you too."))
        return reverse("reporting_desk:reports", args=[recipient.desk.uuid])

    return _password_page(
        request,
        recipient,
        template="reporting_desk/activate.html",
        open_key=lambda password: services.recipient_activate(
            recipient=recipient, password=password, today=timezone.localdate()
        ),
        success=made,
    )


@never_cache
@recipient_view(unlocked=False)
def unlock(request, recipient):
    if not recipient.is_active:
        return redirect("reporting_desk:activate", desk_uuid=recipient.desk.uuid)

    return _password_page(
        request,
        recipient,
        template="reporting_desk/unlock.html",
        open_key=lambda password: services.recipient_unlock(recipient=recipient, password=password),
        success=lambda private_key: _next(request, recipient),
    )


@require_POST
@recipient_view(unlocked=False)
def lock(request, recipient):
    response = redirect("reporting_desk:desk_list")
    vault.forget(request, recipient_key_name(recipient))
    messages.success(request, _("The desk is locked again."))
    return response


@never_cache
@recipient_view()
def reports(request, recipient, private_key):
    today = timezone.localdate()
    queryset = services.Report.objects.filter(desk=recipient.desk).annotate(
        last_from_reporter=Max("messages__written_on", filter=Q(messages__kind=MessageKind.REPORTER))
    )
    rows = [(report, services.needs_attention(report, today)) for report in queryset]
    context = {"recipient": recipient, "desk": recipient.desk, "rows": rows}
    return render(request, "reporting_desk/reports.html", context)


@never_cache
@report_view
def report_detail(request, recipient, report, key):
    message_form, status_form, export_form = (
        RecipientMessageForm(),
        StatusForm(initial={"status": report.status}),
        ExportForm(),
    )
    status = 200
    today = timezone.localdate()
    if request.method == "POST":
        part = request.POST.get("part")
        if part == "message":
            message_form = RecipientMessageForm(request.POST)
            if message_form.is_valid():
                services.recipient_write(
                    report=report, recipient=recipient, key=key, today=today, **message_form.cleaned_data
                )
                messages.success(request, _("Saved."))
                return redirect(request.path)
        elif part == "status":
            status_form = StatusForm(request.POST)
            if status_form.is_valid():
                services.report_status_set(
                    report=report, recipient=recipient, status=status_form.cleaned_data["status"], today=today
                )
                messages.success(request, _("The status was saved."))
                return redirect(request.path)
        elif part == "share":
            other = services.share_candidates(report).filter(uuid=request.POST.get("recipient") or None).first()
            if other is not None:
                services.report_share(report=report, recipient=recipient, key=key, other=other)
                messages.success(request, _("The report was passed on to %(role)s.") % {"role": other.role})
                return redirect(request.path)
            messages.error(request, _("Choose a recipient from the list."))
        elif part == "export":
            export_form = ExportForm(request.POST)
            if export_form.is_valid():
                archive = services.report_export(
                    report=report, recipient=recipient, key=key, password=export_form.cleaned_data["password"]
                )
                return download(f"melding-{report.received_on.isoformat()}.zip", "application/zip", archive)
        status = 400
    context = {
        "recipient": recipient,
        "desk": recipient.desk,
        "report": report,
        "shown": services.report_read(report=report, key=key, for_reporter=False),
        "deadlines": [(d, d.state(today)) for d in services.deadlines(report)],
        "message_form": message_form,
        "status_form": status_form,
        "export_form": export_form,
        "readers": services.report_readers(report),
        "candidates": services.share_candidates(report),
    }
    return render(request, "reporting_desk/report.html", context, status=status)


@never_cache
@report_view
def report_attachment(request, recipient, report, key, number):
    name, content_type, data = services.attachment_by_number(report=report, key=key, number=number, for_reporter=False)
    return download(name, content_type, data)
