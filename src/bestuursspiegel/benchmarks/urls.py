from django.urls import include, path

from bestuursspiegel.urls import urlpatterns as app_urlpatterns

from .views import write_one_row

urlpatterns = [path("bench/write/", write_one_row), path("", include(app_urlpatterns))]
