from django.core.management.base import BaseCommand
from django.urls import reverse

from bestuursspiegel.demo.reporting_desk import DEMO_DESK_TITLE, DEMO_RECIPIENT_EMAIL
from bestuursspiegel.demo.services import DEMO_EMAIL, DEMO_PASSWORD, demo_setup
from bestuursspiegel.reporting_desk.models import ReportingDesk


class Command(BaseCommand):
    help = "Create the demo organisation, account, a meting with synthetic answers and a reporting desk (idempotent)."

    def handle(self, *args, **options):
        result = demo_setup()
        state = "created" if result.created else "already present"
        self.stdout.write(f"Demo meting {state}: {result.assessment.title}")
        self.stdout.write(f"Log in at http://127.0.0.1:8000/ with {DEMO_EMAIL} / {DEMO_PASSWORD}")
        desk = ReportingDesk.objects.filter(organisation=result.organisation, title=DEMO_DESK_TITLE).get()
        intake = reverse("reporting_desk:intake", args=[desk.public_token])
        self.stdout.write(f"Demo reporting desk: http://127.0.0.1:8000{intake}")
        self.stdout.write(
            f"Its recipient: {DEMO_RECIPIENT_EMAIL} / {DEMO_PASSWORD} (sets up two-step login at first log-in)"
        )
