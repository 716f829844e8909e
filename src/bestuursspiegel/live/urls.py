from django.urls import path

from . import views

app_name = "live"

urlpatterns = [
    path("metingen/<uuid:uuid>/live/", views.control, name="control"),
    path("metingen/<uuid:uuid>/live/starten/", views.start, name="start"),
    path("metingen/<uuid:uuid>/live/stelling/", views.step, name="step"),
    path("metingen/<uuid:uuid>/live/onthullen/", views.reveal, name="reveal"),
    path("metingen/<uuid:uuid>/live/notities/", views.notes, name="notes"),
    path("metingen/<uuid:uuid>/live/beeindigen/", views.end, name="end"),
    path("metingen/<uuid:uuid>/live/scherm/", views.projector, name="projector"),
    path("metingen/<uuid:uuid>/live/status/", views.facilitator_status, name="status"),
    path("metingen/<uuid:uuid>/live/qr.svg", views.qr_code, name="qr"),
    path("live/", views.enter_code, name="enter"),
    path("live/deelnemen/", views.participant, name="participant"),
    path("live/deelnemen/status/", views.participant_status, name="participant_status"),
    path("live/<str:code>/", views.join, name="join"),
]
