"""Two-factor authentication with TOTP (django-otp).

After the password, a user with a confirmed device must enter a code before any other page.
Staff (administrators and content editors) must set up a device first; others may choose to.
"""

import base64
from io import BytesIO

import qrcode
import qrcode.image.svg
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from bestuursspiegel.audit.services import audit_record
from bestuursspiegel.utils.forms import UtrechtFormMixin

OPEN_PATHS = ("/account/", "/static/", "/i18n/", "/oidc/")


class RequireTwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not user.is_verified() and not request.path.startswith(OPEN_PATHS):
            if user_has_device(user, confirmed=True):
                return redirect(f"{reverse('accounts:verify')}?next={request.get_full_path()}")
            if user.is_staff:
                return redirect("accounts:two_factor_setup")
        return self.get_response(request)


class TokenForm(UtrechtFormMixin, forms.Form):
    token = forms.RegexField(
        label=gettext_lazy("Code from your authenticator app"),
        regex=r"^\d{6}$",
        max_length=6,
        error_messages={"invalid": gettext_lazy("Enter the six digits from your app.")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


def _safe_next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    return target if target.startswith("/") and not target.startswith("//") else reverse("home")


@login_required
def verify(request):
    form = TokenForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            for device in TOTPDevice.objects.devices_for_user(request.user, confirmed=True):
                if device.verify_token(form.cleaned_data["token"]):
                    otp_login(request, device)
                    audit_record(actor=request.user, action="account.two_factor")
                    return redirect(_safe_next(request))
            form.add_error("token", _("This code is not correct or has expired."))
            audit_record(actor=request.user, action="account.two_factor", outcome="failure")
        status = 400
    return render(request, "accounts/verify.html", {"form": form, "next": _safe_next(request)}, status=status)


def _qr_svg(url: str) -> str:
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage)
    buffer = BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


@login_required
def setup(request):
    if user_has_device(request.user, confirmed=True):
        if not request.user.is_verified():
            # Enrolling another device would pass the second step with the password alone.
            return redirect(f"{reverse('accounts:verify')}?next={reverse('accounts:two_factor_setup')}")
        messages.info(request, _("Two-step verification is already on for your account."))
        return redirect("home")
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=request.user, name="app", confirmed=False)
    form = TokenForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid() and device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            audit_record(actor=request.user, action="account.two_factor_setup")
            messages.success(request, _("Two-step verification is on. You will be asked for a code at every login."))
            return redirect(_safe_next(request))  # back to the page that asked for it (a recipient's desk)
        if form.is_valid():
            form.add_error("token", _("This code is not correct or has expired."))
        status = 400
    secret = base64.b32encode(device.bin_key).decode()
    context = {"form": form, "qr": _qr_svg(device.config_url), "secret": secret, "required": request.user.is_staff}
    return render(request, "accounts/two_factor_setup.html", context, status=status)
