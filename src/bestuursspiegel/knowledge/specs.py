"""Which YAML key in which data file maps to which model, and how its fields translate."""

from dataclasses import dataclass, field

from . import models


@dataclass(frozen=True)
class Spec:
    file: str
    key: str
    model: type
    fields: tuple[str, ...] = ()
    foreign_keys: dict = field(default_factory=dict)  # yaml key -> model, referenced by slug
    many_to_many: dict = field(default_factory=dict)  # yaml key -> model, referenced by slugs
    renames: dict = field(default_factory=dict)  # yaml key -> model field
    source_key: str = "source"
    project_written_default: bool = False

    @property
    def name(self) -> str:
        return self.model._meta.model_name


# In load order: what others refer to comes first.
SPECS = (
    Spec("helpers.yaml", "helpers", models.Helper, fields=("abbreviation", "contacts", "passages")),
    Spec("ladder.yaml", "levels", models.LadderLevel, fields=("order",)),
    Spec(
        "ladder.yaml",
        "instruments",
        models.Instrument,
        fields=("what", "how", "legal_references", "more_info"),
        foreign_keys={"level": models.LadderLevel},
        many_to_many={"helpers": models.Helper},
    ),
    Spec("measures.yaml", "measures", models.Measure, fields=("kind",), many_to_many={"helpers": models.Helper}),
    Spec("case_study.yaml", "patterns", models.Pattern, fields=("number", "question")),
    Spec("case_study.yaml", "buffers", models.Buffer, fields=("number",)),
    Spec("case_study.yaml", "recovery_steps", models.RecoveryStep, fields=("number",)),
    Spec("landkaart.yaml", "stages", models.AwarenessStage, fields=("order",)),
    Spec(
        "catalogue.yaml",
        "offers",
        models.SupportOffer,
        fields=("theme", "category", "target_groups", "providers", "support_type", "year", "offer_status"),
        renames={"status": "offer_status"},
    ),
    Spec("bottlenecks.yaml", "themes", models.BottleneckTheme, fields=("law", "number")),
    Spec(
        "bottlenecks.yaml",
        "bottlenecks",
        models.Bottleneck,
        fields=("number", "support_needs", "proposals", "solution_directions", "support_options"),
        foreign_keys={"theme": models.BottleneckTheme},
        many_to_many={"support_offers": models.SupportOffer},
    ),
    Spec(
        "dilemmas.yaml",
        "dilemmas",
        models.Dilemma,
        fields=("questions", "tags"),
        renames={"situation": "body"},
        source_key="inspired_by",
        project_written_default=True,
    ),
    Spec(
        "integrity_agenda.yaml",
        "moments",
        models.AgendaTemplateMoment,
        fields=("timing", "months", "audience"),
    ),
    Spec(
        "statement_guidance.yaml",
        "statements",
        models.StatementGuidance,
        many_to_many={"instruments": models.Instrument},
        source_key="based_on",
        project_written_default=True,
    ),
)
