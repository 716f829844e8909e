from django.urls import path

from . import two_factor, views

app_name = "accounts"

urlpatterns = [
    path("inloggen/", views.LoginView.as_view(), name="login"),
    path("wachtwoord/", views.PasswordChangeView.as_view(), name="password_change"),
    path("uitloggen/", views.LogoutView.as_view(), name="logout"),
    path("verifieren/", two_factor.verify, name="verify"),
    path("tweestapsverificatie/", two_factor.setup, name="two_factor_setup"),
]
