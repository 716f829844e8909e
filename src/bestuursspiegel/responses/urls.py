from django.urls import path

from . import views

app_name = "responses"

urlpatterns = [
    path("d/<str:token>/", views.enter, name="enter"),
    path("vragenlijst/", views.welcome, name="welcome"),
    path("vragenlijst/starten/", views.start, name="start"),
    path("vragenlijst/hervatcode/", views.resume_code, name="resume_code"),
    path("vragenlijst/hervatten/", views.resume, name="resume"),
    path("vragenlijst/stelling/<int:number>/", views.item, name="item"),
    path("vragenlijst/patroon/<int:number>/", views.pattern, name="pattern"),
    path("vragenlijst/overzicht/", views.overview, name="overview"),
    path("vragenlijst/indienen/", views.submit, name="submit"),
    path("vragenlijst/ontvangen/", views.receipt, name="receipt"),
    path("vragenlijst/deelnemers/", views.participants, name="participants"),
    path("privacy/", views.privacy, name="privacy"),
]
