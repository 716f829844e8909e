from django.urls import path

from . import views

app_name = "results"

urlpatterns = [
    path("<uuid:uuid>/resultaten/", views.results, name="results"),
    path("<uuid:uuid>/resultaten/stelling/<int:number>/voorbeelden/", views.examples, name="examples"),
    path("<uuid:uuid>/sluiten/", views.close, name="close"),
    path("<uuid:uuid>/heropenen/", views.reopen, name="reopen"),
    path("<uuid:uuid>/resultaten/delen/", views.share, name="share"),
]
