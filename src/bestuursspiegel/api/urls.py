"""/api/v1: versioned path, lower-case plural resources, no trailing slashes (NL API Design Rules)."""

from django.urls import path
from drf_spectacular.views import SpectacularJSONAPIView

from . import views

app_name = "api"

urlpatterns = [
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="openapi"),
    path("metingen", views.AssessmentList.as_view(), name="assessments"),
    path("metingen/<uuid:uuid>", views.AssessmentDetail.as_view(), name="assessment"),
    path("metingen/<uuid:uuid>/openen", views.AssessmentOpen.as_view(), name="assessment_open"),
    path("metingen/<uuid:uuid>/sluiten", views.AssessmentClose.as_view(), name="assessment_close"),
    path("metingen/<uuid:uuid>/voortgang", views.AssessmentProgress.as_view(), name="assessment_progress"),
    path("metingen/<uuid:uuid>/deelnemers", views.AssessmentParticipants.as_view(), name="assessment_participants"),
    path("metingen/<uuid:uuid>/resultaten", views.AssessmentResults.as_view(), name="assessment_results"),
    path("metingen/<uuid:uuid>/acties", views.AssessmentActions.as_view(), name="assessment_actions"),
    path("kennisitems", views.KnowledgeList.as_view(), name="knowledge"),
    path("kennisitems/<slug:soort>/<slug:identificatie>", views.KnowledgeDetail.as_view(), name="knowledge_item"),
]
