from django.utils import timezone

from bestuursspiegel.operations.scheduled import ScheduledCommand
from bestuursspiegel.reporting_desk.reminders import send_deadline_warnings


class Command(ScheduledCommand):
    help = "E-mail recipients of reporting desks whose reports near a legal term (run daily)."
    lock_name = "send_desk_deadline_warnings"

    def run(self, *args, **options):
        self.stdout.write(f"{send_deadline_warnings(timezone.localdate())} warning(s) sent")
