from django.urls import path

from . import views_public, views_staff

app_name = "reporting_desk"

# Staff pages first: "beheer" is never a public token (those are 22 characters).
urlpatterns = [
    path("meldpunt/beheer/", views_staff.desk_list, name="desk_list"),
    path("meldpunt/beheer/nieuw/", views_staff.desk_create, name="desk_create"),
    path("meldpunt/beheer/<uuid:desk_uuid>/", views_staff.desk_settings, name="desk_settings"),
    path(
        "meldpunt/beheer/<uuid:desk_uuid>/ontvangers/<uuid:recipient_uuid>/verwijderen/",
        views_staff.recipient_remove,
        name="recipient_remove",
    ),
    path("meldpunt/beheer/<uuid:desk_uuid>/sleutel-maken/", views_staff.activate, name="activate"),
    path("meldpunt/beheer/<uuid:desk_uuid>/ontgrendelen/", views_staff.unlock, name="unlock"),
    path("meldpunt/beheer/<uuid:desk_uuid>/vergrendelen/", views_staff.lock, name="lock"),
    path("meldpunt/beheer/<uuid:desk_uuid>/meldingen/", views_staff.reports, name="reports"),
    path("meldpunt/beheer/<uuid:desk_uuid>/meldingen/<uuid:report_uuid>/", views_staff.report_detail, name="report"),
    path(
        "meldpunt/beheer/<uuid:desk_uuid>/meldingen/<uuid:report_uuid>/bijlage/<int:number>/",
        views_staff.report_attachment,
        name="report_attachment",
    ),
    path("meldpunt/<str:token>/", views_public.intake, name="intake"),
    path("meldpunt/<str:token>/terugkomen/", views_public.come_back, name="come_back"),
    path("meldpunt/<str:token>/mijn-melding/", views_public.conversation, name="conversation"),
    path(
        "meldpunt/<str:token>/mijn-melding/bijlage/<int:number>/",
        views_public.reporter_attachment,
        name="reporter_attachment",
    ),
    path("meldpunt/<str:token>/verlaten/", views_public.leave, name="leave"),
]
