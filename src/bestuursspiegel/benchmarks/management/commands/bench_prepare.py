import json
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from bestuursspiegel.assessments import services
from bestuursspiegel.assessments.participant_list import ParticipantData
from bestuursspiegel.organisations.models import Organisation
from bestuursspiegel.organisations.services import membership_create
from bestuursspiegel.questionnaires.loader import load_questionnaire_files


def facilitator_and_organisation():
    load_questionnaire_files()
    organisation, _ = Organisation.objects.get_or_create(name="Gemeente Benchmark")
    user = get_user_model().objects.create_user(f"bench-{secrets.token_hex(6)}@example.org", None)  # one per run
    membership_create(user=user, organisation=organisation, role="clerk")
    return user, organisation


class Command(BaseCommand):
    help = "Create an open meting with N participants and print their tokens as JSON (benchmarks only)."

    def add_arguments(self, parser):
        parser.add_argument("participants", type=int)

    def handle(self, *args, participants, **options):
        user, organisation = facilitator_and_organisation()
        assessment = services.assessment_create(
            organisation=organisation, actor=user, title="Benchmark", run_by="bench"
        )
        people = [ParticipantData(name=f"P{i}", email="", role="councillor") for i in range(participants)]
        invitations = services.participants_add(assessment=assessment, actor=user, people=people)
        services.assessment_open(assessment=assessment, actor=user)
        self.stdout.write(json.dumps([i.token for i in invitations]))
