from django.urls import path

from . import views

app_name = "assessments"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("nieuw/", views.assessment_create, name="create"),
    path("landelijk-overzicht/", views.national, name="national"),
    path("<uuid:uuid>/", views.assessment_detail, name="detail"),
    path("<uuid:uuid>/instellingen/", views.assessment_edit, name="edit"),
    path("<uuid:uuid>/normen/", views.norms_edit, name="norms"),
    path("<uuid:uuid>/deelnemers/", views.participants, name="participants"),
    path("<uuid:uuid>/deelnemers/herinneren/", views.participants_remind, name="participants_remind"),
    path(
        "<uuid:uuid>/deelnemers/<uuid:participant_uuid>/nieuwe-link/",
        views.participant_reissue,
        name="participant_reissue",
    ),
    path(
        "<uuid:uuid>/deelnemers/<uuid:participant_uuid>/verwijderen/",
        views.participant_remove,
        name="participant_remove",
    ),
    path(
        "<uuid:uuid>/deelnemers/<uuid:participant_uuid>/gegevens-verwijderen/",
        views.participant_forget,
        name="participant_forget",
    ),
    path("<uuid:uuid>/openen/", views.assessment_open, name="open"),
]
