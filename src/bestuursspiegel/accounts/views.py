from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy
from django.utils.translation import gettext as _

from bestuursspiegel.audit.services import audit_record

from .forms import LoginForm, PasswordChangeForm
from .signals import password_changed


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        from django.conf import settings

        return super().get_context_data(**kwargs) | {"oidc_enabled": bool(settings.OIDC_RP_CLIENT_ID)}

    def form_valid(self, form):
        response = super().form_valid(form)  # rotates the session id
        audit_record(actor=self.request.user, action="account.login")
        return response


class LogoutView(auth_views.LogoutView):
    pass


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    form_class = PasswordChangeForm
    success_url = reverse_lazy("assessments:dashboard")

    def form_valid(self, form):
        response = super().form_valid(form)  # keeps the session (update_session_auth_hash)
        password_changed.send(
            sender=self.__class__,
            user=self.request.user,
            old_password=form.cleaned_data["old_password"],
            new_password=form.cleaned_data["new_password1"],
        )
        audit_record(actor=self.request.user, action="account.password_changed")
        messages.success(self.request, _("Your password was changed."))
        return response

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)
