from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("metingen/<uuid:uuid>/export/resultaten.<str:fmt>", views.results_export, name="results_export"),
    path("metingen/<uuid:uuid>/export/actieplan.<str:fmt>", views.actions_export, name="actions_export"),
    path("metingen/<uuid:uuid>/rapport.pdf", views.report, name="report"),
    path("metingen/<uuid:uuid>/vragenlijst.pdf", views.paper_questionnaire, name="paper_questionnaire"),
    path("metingen/<uuid:uuid>/papier/", views.paper_entry, name="paper_entry"),
    path("metingen/<uuid:uuid>/vervolgmeting/", views.follow_up, name="follow_up"),
    path("metingen/<uuid:uuid>/trend/", views.trend, name="trend"),
]
