"""What the API shows and accepts. Property names in Dutch camelCase, as the NL API Design Rules'
examples do; codes (status, mode, role) as the product stores them, listed in the OAS."""

from django.conf import settings
from rest_framework import serializers

from bestuursspiegel.assessments.constants import AssessmentStatus, Mode, ParticipantRole
from bestuursspiegel.assessments.models import Assessment
from bestuursspiegel.assessments.participant_list import MAX_LINES, MAX_NAME_LENGTH
from bestuursspiegel.plans.constants import ActionStatus

from .fields import StrictBooleanField, StrictCharField, StrictChoiceField, StrictEmailField, StrictIntegerField


class AssessmentSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:assessment", lookup_field="uuid")
    titel = StrictCharField(source="title", max_length=200)
    uitgevoerdDoor = StrictCharField(source="run_by", max_length=200)  # noqa: N815 - API property
    toelichting = StrictCharField(source="introduction", max_length=2000, required=False, allow_blank=True)
    modus = StrictChoiceField(source="mode", choices=Mode.choices, required=False)
    anonimiteitsdrempel = StrictIntegerField(
        source="anonymity_threshold", min_value=settings.MIN_ANONYMITY_THRESHOLD, max_value=1000, required=False
    )
    normMinimaalAandeel = StrictIntegerField(  # noqa: N815
        source="norm_min_share", min_value=1, max_value=100, required=False
    )
    patronen = StrictBooleanField(source="include_patterns", required=False)
    groepenVergelijken = StrictBooleanField(source="compare_groups", required=False)  # noqa: N815
    voorbeelden = StrictBooleanField(source="allow_examples", required=False)
    status = serializers.ChoiceField(choices=AssessmentStatus.choices, read_only=True)
    aangemaaktOp = serializers.DateTimeField(source="created_at", read_only=True)  # noqa: N815
    geopendOp = serializers.DateTimeField(source="opened_at", read_only=True, allow_null=True)  # noqa: N815
    geslotenOp = serializers.DateTimeField(source="closed_at", read_only=True, allow_null=True)  # noqa: N815

    class Meta:
        model = Assessment
        fields = [
            "url",
            "uuid",
            "titel",
            "uitgevoerdDoor",
            "toelichting",
            "modus",
            "anonimiteitsdrempel",
            "normMinimaalAandeel",
            "patronen",
            "groepenVergelijken",
            "voorbeelden",
            "status",
            "aangemaaktOp",
            "geopendOp",
            "geslotenOp",
        ]
        read_only_fields = ["uuid"]


class ProgressSerializer(serializers.Serializer):
    uitgenodigd = serializers.IntegerField(help_text="Named participants invited with a personal link.")
    papierenFormulieren = serializers.IntegerField()  # noqa: N815
    liveDeelnemers = serializers.IntegerField()  # noqa: N815
    ingediend = serializers.IntegerField(help_text="Responses submitted, by every route.")
    ingediendPerRoute = serializers.DictField(child=serializers.IntegerField())  # noqa: N815


class InviteeSerializer(serializers.Serializer):
    naam = StrictCharField(max_length=MAX_NAME_LENGTH)
    email = StrictEmailField(help_text="Required: the product e-mails the personal link; it is never returned.")
    rol = StrictChoiceField(choices=ParticipantRole.choices)


class InvitationSerializer(serializers.Serializer):
    deelnemers = serializers.ListField(child=InviteeSerializer(), min_length=1, max_length=MAX_LINES)


class ParticipantSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    naam = serializers.CharField(source="name")
    rol = serializers.ChoiceField(source="role", choices=ParticipantRole.choices)
    linkVerstuurdOp = serializers.DateTimeField(source="link_sent_at", allow_null=True)  # noqa: N815


class StatementResultSerializer(serializers.Serializer):
    nummer = serializers.IntegerField(source="item.number")
    tekst = serializers.CharField(source="item.text")
    aanvaardbaar = serializers.ListField(source="acceptable", child=serializers.IntegerField())
    zichtbaar = serializers.BooleanField(source="visible", help_text="False: fewer respondents than the threshold.")
    respondenten = serializers.SerializerMethodField()
    verdeling = serializers.SerializerMethodField(help_text="Answers per value (0 = don't know), when visible.")
    aandeelAanvaardbaar = serializers.FloatField(source="acceptable_share", allow_null=True)  # noqa: N815
    voldoetAanNorm = serializers.BooleanField(source="meets_norm", allow_null=True)  # noqa: N815
    mediaan = serializers.FloatField(source="spread.median", allow_null=True, default=None)
    interkwartielafstand = serializers.FloatField(source="spread.iqr", allow_null=True, default=None)
    rwg = serializers.FloatField(source="spread.rwg", allow_null=True, default=None)

    def get_respondenten(self, result) -> int | None:
        return result.respondents if result.visible else None  # hidden: not even how many

    def get_verdeling(self, result) -> dict[str, int] | None:
        if not result.visible:
            return None
        return {str(value): count for value, count in sorted(result.distribution.counts.items())}


class ResultsSerializer(serializers.Serializer):
    vrijgegeven = serializers.BooleanField(source="released", help_text="Figures exist only once the meting closed.")
    drempel = serializers.IntegerField(source="threshold")
    ingediend = serializers.IntegerField(source="submitted_count")
    stellingen = StatementResultSerializer(source="items", many=True)


class ActionSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    titel = serializers.CharField(source="title")
    eigenaar = serializers.CharField(source="owner", help_text="A person or role; their e-mail address is not shown.")
    deadline = serializers.DateField(source="due_date", allow_null=True)
    status = serializers.ChoiceField(choices=ActionStatus.choices)
    stellingen = serializers.SerializerMethodField()

    def get_stellingen(self, action) -> list[int]:
        return sorted(item.number for item in action.items.all())


class KnowledgeItemSerializer(serializers.Serializer):
    soort = serializers.CharField(source="_meta.model_name")
    identificatie = serializers.SlugField(source="slug")
    titel = serializers.CharField(source="title")
    samenvatting = serializers.CharField(source="summary")
    tekst = serializers.CharField(source="body")
    bron = serializers.SerializerMethodField(help_text="Seed file and section, or null when written by the project.")
    geschrevenDoorProject = serializers.BooleanField(source="project_written")  # noqa: N815
    toelichtingProject = serializers.CharField(source="project_note")  # noqa: N815
    laatstBeoordeeld = serializers.DateField(source="last_reviewed")  # noqa: N815

    def get_bron(self, entry) -> dict[str, str] | None:
        if entry.project_written:
            return None
        return {"bestand": entry.source_file, "sectie": entry.source_section}
