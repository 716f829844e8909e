from django.urls import path

from . import views

app_name = "plans"

urlpatterns = [
    path("metingen/<uuid:uuid>/actieplan/", views.action_plan, name="action_plan"),
    path("metingen/<uuid:uuid>/actieplan/uit-keuzelijst/", views.actions_from_shortlist, name="from_shortlist"),
    path("metingen/<uuid:uuid>/actieplan/<uuid:action_uuid>/", views.action_edit, name="action_edit"),
    path("metingen/<uuid:uuid>/buffers/", views.buffer_check, name="buffer_check"),
    path("integriteitsagenda/", views.integrity_agenda, name="agenda"),
    path("integriteitsagenda/agenda.ics", views.integrity_agenda_ical, name="agenda_ical"),
]
