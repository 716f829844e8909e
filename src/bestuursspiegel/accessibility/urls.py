from django.urls import path

from . import views

app_name = "accessibility"

urlpatterns = [
    path("toegankelijkheid/", views.statement, name="statement"),
]
