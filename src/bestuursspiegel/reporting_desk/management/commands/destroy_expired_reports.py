from django.utils import timezone

from bestuursspiegel.operations.scheduled import ScheduledCommand
from bestuursspiegel.reporting_desk.services import reports_destroy


class Command(ScheduledCommand):
    help = "Destroy closed reports past their desk's retention period, and log how many (run daily)."
    lock_name = "destroy_expired_reports"

    def run(self, *args, **options):
        self.stdout.write(f"{reports_destroy(today=timezone.localdate())} report(s) destroyed")
