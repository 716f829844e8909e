import json

from django.conf import settings
from django.core.management.base import BaseCommand
from django.test import Client

from bestuursspiegel.assessments import services
from bestuursspiegel.live.services import session_start

from .bench_prepare import facilitator_and_organisation


class Command(BaseCommand):
    help = "Open a meting, start its live session and print its uuid, join code and a facilitator session (benchmarks only)."

    def handle(self, *args, **options):
        user, organisation = facilitator_and_organisation()
        assessment = services.assessment_create(organisation=organisation, actor=user, title="Live", run_by="bench")
        services.assessment_open(assessment=assessment, actor=user)
        assessment.refresh_from_db()
        session = session_start(assessment=assessment, actor=user)
        client = Client()
        client.force_login(user)  # a logged-in facilitator without going through the login form
        cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
        self.stdout.write(
            json.dumps(
                {"uuid": str(assessment.uuid), "code": session.code, "cookie": [settings.SESSION_COOKIE_NAME, cookie]}
            )
        )
