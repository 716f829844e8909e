from django.urls import path

from . import views

app_name = "knowledge"

urlpatterns = [
    path("", views.index, name="index"),
    path("escalatieladder/", views.ladder, name="ladder"),
    path("instrumenten/<slug:slug>/", views.instrument_detail, name="instrument"),
    path("hulplijnen/", views.helper_list, name="helpers"),
    path("hulplijnen/<slug:slug>/", views.helper_detail, name="helper"),
    path("maatregelen/", views.measure_list, name="measures"),
    path("maatregelen/<slug:slug>/", views.measure_detail, name="measure"),
    path("casestudy/", views.case_study, name="case_study"),
    path("patronen/<slug:slug>/", views.pattern_detail, name="pattern"),
    path("buffers/<slug:slug>/", views.buffer_detail, name="buffer"),
    path("landkaart/", views.landkaart, name="landkaart"),
    path("ondersteuning/", views.catalogue, name="catalogue"),
    path("ondersteuning/<slug:slug>/", views.offer_detail, name="offer"),
    path("knelpunten/", views.bottleneck_list, name="bottlenecks"),
    path("knelpunten/<slug:slug>/", views.bottleneck_detail, name="bottleneck"),
    path("dilemmas/", views.dilemma_list, name="dilemmas"),
    path("dilemmas/nieuw/", views.dilemma_create, name="dilemma_create"),
    path("dilemmas/<int:pk>/", views.dilemma_detail, name="dilemma"),
    path("zoeken/", views.search_page, name="search"),
]
