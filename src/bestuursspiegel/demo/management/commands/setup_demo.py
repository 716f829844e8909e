from django.core.management.base import BaseCommand

from bestuursspiegel.demo.services import DEMO_EMAIL, DEMO_PASSWORD, demo_setup


class Command(BaseCommand):
    help = "Create the demo organisation, account and a meting with synthetic answers (idempotent)."

    def handle(self, *args, **options):
        result = demo_setup()
        state = "created" if result.created else "already present"
        self.stdout.write(f"Demo meting {state}: {result.assessment.title}")
        self.stdout.write(f"Log in at http://127.0.0.1:8000/ with {DEMO_EMAIL} / {DEMO_PASSWORD}")
