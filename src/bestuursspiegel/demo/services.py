"""Demo organisation, account and a closed meting with synthetic answers, for `make run`.

Everything goes through the same services a real user triggers, so the demo exercises the
real rules (norms, tokens, anonymity). Idempotent: running it again changes nothing.
"""

import random
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from bestuursspiegel.assessments import services as assessment_services
from bestuursspiegel.assessments.constants import ParticipantRole
from bestuursspiegel.assessments.models import Assessment
from bestuursspiegel.assessments.participant_list import ParticipantData
from bestuursspiegel.demo.reporting_desk import demo_desk
from bestuursspiegel.knowledge.loader import load_knowledge
from bestuursspiegel.knowledge.roles import CONTENT_EDITORS_GROUP, ensure_content_editor_group
from bestuursspiegel.organisations.constants import MemberRole
from bestuursspiegel.organisations.models import Organisation
from bestuursspiegel.organisations.services import membership_create
from bestuursspiegel.questionnaires.constants import Direction
from bestuursspiegel.questionnaires.loader import load_questionnaire_files
from bestuursspiegel.responses import services as response_services
from bestuursspiegel.results import services as results_services

DEMO_ORGANISATION = "Gemeente Voorbeeld"
DEMO_EMAIL = "demo@voorbeeld.nl"
DEMO_PASSWORD = "bestuursspiegel-demo"  # noqa: S105 - documented demo account, never in production
DEMO_ADMIN_EMAIL = "beheer@voorbeeld.nl"
DEMO_EDITOR_EMAIL = "redactie@voorbeeld.nl"
DEMO_TITLE = "Demo: meting bestuurscultuur voorjaar (synthetische antwoorden)"

DEMO_PEOPLE = [
    ("Raadslid A", ParticipantRole.COUNCILLOR),
    ("Raadslid B", ParticipantRole.COUNCILLOR),
    ("Raadslid C", ParticipantRole.COUNCILLOR),
    ("Raadslid D", ParticipantRole.COUNCILLOR),
    ("Raadslid E", ParticipantRole.COUNCILLOR),
    ("Raadslid F", ParticipantRole.COUNCILLOR),
    ("Raadslid G", ParticipantRole.COUNCILLOR),
    ("Wethouder A", ParticipantRole.ALDERMAN),
    ("Wethouder B", ParticipantRole.ALDERMAN),
    ("Wethouder C", ParticipantRole.ALDERMAN),
    ("Burgemeester", ParticipantRole.MAYOR),
    ("Griffier", ParticipantRole.CLERK),
    ("Gemeentesecretaris", ParticipantRole.SECRETARY),
    ("Raadslid H", ParticipantRole.COUNCILLOR),
]
DEMO_SUBMITTING = 12  # the last two participants have not answered


@dataclass(frozen=True)
class DemoResult:
    organisation: Organisation
    assessment: Assessment
    created: bool


def _synthetic_value(rng: random.Random, item) -> int:
    """Mostly answers in the middle of the scale, with a few statements that stand out."""
    if rng.random() < 0.05:
        return 0
    weights = [1, 1, 2, 7, 6] if item.number % 4 else [4, 5, 3, 1, 1]
    value = rng.choices([1, 2, 3, 4, 5], weights=weights)[0]
    return 6 - value if item.direction == Direction.POSITIVE else value


@transaction.atomic
def demo_setup() -> DemoResult:
    load_questionnaire_files()
    load_knowledge()
    organisation, _ = Organisation.objects.get_or_create(name=DEMO_ORGANISATION)
    users = get_user_model().objects
    user = users.filter(email=DEMO_EMAIL).first() or users.create_user(
        DEMO_EMAIL, DEMO_PASSWORD, first_name="Demo", last_name="Griffier"
    )
    membership_create(user=user, organisation=organisation, role=MemberRole.CLERK)
    if not users.filter(email=DEMO_ADMIN_EMAIL).exists():
        users.create_superuser(DEMO_ADMIN_EMAIL, DEMO_PASSWORD, first_name="Demo", last_name="Beheerder")
    if not users.filter(email=DEMO_EDITOR_EMAIL).exists():
        editor = users.create_user(
            DEMO_EDITOR_EMAIL, DEMO_PASSWORD, first_name="Demo", last_name="Redacteur", is_staff=True
        )
        ensure_content_editor_group()
        editor.groups.add(Group.objects.get(name=CONTENT_EDITORS_GROUP))

    demo_desk(organisation=organisation, actor=user, password=DEMO_PASSWORD)
    existing = Assessment.objects.filter(organisation=organisation, title=DEMO_TITLE).first()
    if existing:
        return DemoResult(organisation, existing, created=False)

    assessment = assessment_services.assessment_create(
        organisation=organisation,
        actor=user,
        title=DEMO_TITLE,
        run_by="Burgemeester en griffier van Gemeente Voorbeeld",
        introduction="Dit is een demonstratie met verzonnen deelnemers en antwoorden.",
        include_patterns=True,
    )
    invitations = assessment_services.participants_add(
        assessment=assessment,
        actor=user,
        people=[ParticipantData(name=name, email="", role=role) for name, role in DEMO_PEOPLE],
    )
    assessment_services.assessment_open(assessment=assessment, actor=user)
    rng = random.Random(2026)  # noqa: S311 - reproducible synthetic data, not a secret
    items = list(assessment.questionnaire.items.all())
    for invitation in invitations[:DEMO_SUBMITTING]:
        participation = response_services.participation_begin(token=invitation.token)
        response = participation.response()
        for item in items:
            response_services.answer_save(response=response, item=item, value=_synthetic_value(rng, item))
        for pattern in response_services.lens_patterns(assessment):
            value = rng.choices([1, 2, 3, 0], weights=[2, 3, 4, 1])[0]
            response_services.pattern_answer_save(response=response, pattern=pattern, value=value)
        response_services.response_submit(participation=participation)
    # Closed, so that its results are released: an anonymous meting shows them only from closing on.
    results_services.assessment_close(assessment=assessment, actor=user)
    return DemoResult(organisation, assessment, created=True)
