"""The API's resources. Thin: every change goes through the same services as the pages, every
figure through `results_for_assessment`, every meting through the client's own organisation."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from bestuursspiegel.assessments import services as assessments
from bestuursspiegel.assessments.models import Assessment
from bestuursspiegel.assessments.participant_list import ParticipantData
from bestuursspiegel.knowledge.search import INDEXED
from bestuursspiegel.plans.models import Action
from bestuursspiegel.responses.selectors import participation_overview
from bestuursspiegel.results.aggregation import results_for_assessment
from bestuursspiegel.results.services import assessment_close, results_viewed

from . import serializers
from .permissions import HasScope
from .scopes import Scope
from .throttles import PublicRateThrottle

KNOWLEDGE_KINDS = {model._meta.model_name: model for model in INDEXED}


class KnownParameters:
    """A query parameter the resource does not know is refused, not silently ignored: a typo in
    `?sort=` must not look like an answer to the question asked."""

    query_parameters = frozenset({"page"})

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        unknown = set(request.query_params) - self.query_parameters
        if unknown:
            raise ValidationError({name: _("Unknown query parameter.") for name in sorted(unknown)})


class OrganisationResource(KnownParameters):
    """Metingen of the calling client's organisation only; any other uuid is simply not found."""

    permission_classes = [HasScope]

    def assessments(self):
        return Assessment.objects.filter(organisation=self.request.auth.organisation)

    def assessment(self) -> Assessment:
        return get_object_or_404(self.assessments(), uuid=self.kwargs["uuid"])


class AssessmentList(OrganisationResource, generics.ListCreateAPIView):
    """The organisation's metingen, newest first; POST creates one in preparation."""

    scopes = {"GET": Scope.ASSESSMENTS_READ, "POST": Scope.ASSESSMENTS_WRITE}
    serializer_class = serializers.AssessmentSerializer

    def get_queryset(self):
        return self.assessments().order_by("-created_at", "-id")

    def perform_create(self, serializer):
        serializer.instance = assessments.assessment_create(
            organisation=self.request.auth.organisation, actor=self.request.user, **serializer.validated_data
        )


class AssessmentDetail(OrganisationResource, generics.RetrieveAPIView):
    scopes = {"GET": Scope.ASSESSMENTS_READ}
    serializer_class = serializers.AssessmentSerializer

    def get_object(self):
        return self.assessment()


class AssessmentMove(OrganisationResource, APIView):
    """Opening and closing, as sub-resources (NL API Design Rules, API-10)."""

    scopes = {"POST": Scope.ASSESSMENTS_WRITE}
    move = None

    @extend_schema(request=None, responses=serializers.AssessmentSerializer)
    def post(self, request, uuid):
        moved = type(self).move(assessment=self.assessment(), actor=request.user)
        return Response(serializers.AssessmentSerializer(moved, context={"request": request}).data)


class AssessmentOpen(AssessmentMove):
    """Open the meting for answers (only from preparation)."""

    move = staticmethod(assessments.assessment_open)


class AssessmentClose(AssessmentMove):
    """Close the meting: no more answers, and its figures are released through the anonymity gate."""

    move = staticmethod(assessment_close)


class AssessmentProgress(OrganisationResource, APIView):
    scopes = {"GET": Scope.ASSESSMENTS_READ}

    @extend_schema(responses=serializers.ProgressSerializer)
    def get(self, request, uuid):
        overview = participation_overview(self.assessment())
        data = {
            "uitgenodigd": len(overview.invited),
            "papierenFormulieren": overview.paper_forms,
            "liveDeelnemers": overview.live_joined,
            "ingediend": overview.submitted,
            "ingediendPerRoute": overview.routes,
        }
        return Response(serializers.ProgressSerializer(data).data)


class AssessmentParticipants(OrganisationResource, APIView):
    """Invite participants. The product e-mails each one their personal link; links are never
    returned, so nobody who calls the API can answer in someone's name."""

    scopes = {"POST": Scope.PARTICIPANTS_WRITE}

    @extend_schema(
        request=serializers.InvitationSerializer, responses={201: serializers.ParticipantSerializer(many=True)}
    )
    def post(self, request, uuid):
        assessment = self.assessment()
        invitation = serializers.InvitationSerializer(data=request.data)
        invitation.is_valid(raise_exception=True)
        people = [
            ParticipantData(name=p["naam"], email=p["email"], role=p["rol"])
            for p in invitation.validated_data["deelnemers"]
        ]
        issued = assessments.participants_add(assessment=assessment, actor=request.user, people=people)
        assessments.invitations_deliver(invitations=issued, actor=request.user, by_email=True)
        data = serializers.ParticipantSerializer([i.participant for i in issued], many=True).data
        return Response(data, status=status.HTTP_201_CREATED)


class AssessmentResults(OrganisationResource, APIView):
    """Released figures per statement, through the same anonymity gate as the pages and exports:
    below the threshold a statement says only that it is hidden. No examples, no answers."""

    scopes = {"GET": Scope.RESULTS_READ}

    @extend_schema(responses=serializers.ResultsSerializer)
    def get(self, request, uuid):
        assessment = self.assessment()
        result = results_for_assessment(assessment, examples_per_statement=0)
        results_viewed(assessment=assessment, result=result, actor=request.user, via="api")
        return Response(serializers.ResultsSerializer(result).data)


class AssessmentActions(OrganisationResource, generics.ListAPIView):
    """The meting's action plan."""

    scopes = {"GET": Scope.ACTIONS_READ}
    serializer_class = serializers.ActionSerializer

    def get_queryset(self):
        return (
            Action.objects.filter(assessment=self.assessment()).prefetch_related("items").order_by("created_at", "id")
        )


class KnowledgeList(KnownParameters, generics.ListAPIView):
    """The published knowledge base, each text with its source: public, read-only."""

    permission_classes = [AllowAny]
    authentication_classes = []
    throttle_classes = [PublicRateThrottle]
    serializer_class = serializers.KnowledgeItemSerializer
    query_parameters = frozenset({"page", "soort"})

    @extend_schema(
        parameters=[OpenApiParameter("soort", str, enum=sorted(KNOWLEDGE_KINDS), description="Only this kind.")]
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        kind = self.request.query_params.get("soort")
        if kind is not None and kind not in KNOWLEDGE_KINDS:
            raise ValidationError({"soort": _("Unknown kind; see the enumeration in the OAS.")})
        models = [KNOWLEDGE_KINDS[kind]] if kind else KNOWLEDGE_KINDS.values()
        return [entry for model in models for entry in _published(model).order_by("slug")]


class KnowledgeDetail(KnownParameters, generics.RetrieveAPIView):
    permission_classes = [AllowAny]
    authentication_classes = []
    throttle_classes = [PublicRateThrottle]
    serializer_class = serializers.KnowledgeItemSerializer

    def get_object(self):
        model = KNOWLEDGE_KINDS.get(self.kwargs["soort"])
        if model is None:
            raise Http404
        return get_object_or_404(_published(model), slug=self.kwargs["identificatie"])


def _published(model):
    queryset = model.objects.published()
    if model._meta.model_name == "dilemma":
        queryset = queryset.unscoped().filter(organisation__isnull=True)  # organisations' own stay theirs
    return queryset
