from django.urls import path

from . import views

app_name = "interpretation"

urlpatterns = [
    path("<uuid:uuid>/gesprek/", views.discussion_guide, name="discussion"),
    path("<uuid:uuid>/fase/", views.phase, name="phase"),
    path("<uuid:uuid>/instrumenten/", views.instruments, name="instruments"),
    path("<uuid:uuid>/instrumenten/kiezen/", views.shortlist_add, name="shortlist_add"),
    path("<uuid:uuid>/instrumenten/verwijderen/", views.shortlist_remove, name="shortlist_remove"),
    path("<uuid:uuid>/landkaart/", views.landkaart, name="landkaart"),
]
