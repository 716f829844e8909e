from django.urls import path

from . import views

app_name = "results"

urlpatterns = [
    path("<uuid:uuid>/resultaten/", views.results, name="results"),
]
