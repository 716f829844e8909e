from django.contrib import admin
from django.shortcuts import redirect, render
from django.urls import include, path

from bestuursspiegel.results import views as results_views


def home(request):
    if request.user.is_authenticated:
        return redirect("assessments:dashboard")
    return render(request, "home.html")


urlpatterns = [
    path("", home, name="home"),
    path("account/", include("bestuursspiegel.accounts.urls")),
    path("metingen/", include("bestuursspiegel.assessments.urls")),
    path("metingen/", include("bestuursspiegel.results.urls")),
    path("vragenlijst/resultaten/", results_views.shared, name="shared_results"),
    path("metingen/", include("bestuursspiegel.interpretation.urls")),
    path("kennisbank/", include("bestuursspiegel.knowledge.urls")),
    path("", include("bestuursspiegel.plans.urls")),
    path("", include("bestuursspiegel.reports.urls")),
    path("", include("bestuursspiegel.responses.urls")),
    path("", include("bestuursspiegel.live.urls")),
    path("", include("bestuursspiegel.reporting_desk.urls")),
    path("", include("bestuursspiegel.accessibility.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("oidc/", include("mozilla_django_oidc.urls")),
    path("beheer/", admin.site.urls),
    path("", include("bestuursspiegel.operations.urls")),
    path("api/v1/", include("bestuursspiegel.api.urls")),
]

handler400 = "bestuursspiegel.utils.views.bad_request"
handler403 = "bestuursspiegel.utils.views.permission_denied"
handler404 = "bestuursspiegel.utils.views.page_not_found"
handler500 = "bestuursspiegel.utils.views.server_error"
