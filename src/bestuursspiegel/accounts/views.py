from django.contrib.auth import views as auth_views

from bestuursspiegel.audit.services import audit_record

from .forms import LoginForm


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
