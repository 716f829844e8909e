from django.utils import timezone

from bestuursspiegel.operations.scheduled import ScheduledCommand
from bestuursspiegel.reporting_desk.reminders import send_daily_notices


class Command(ScheduledCommand):
    help = (
        "E-mail recipients of reporting desks how many new reports and messages came in and how many "
        "reports near a legal term (counts only; run daily)."
    )
    lock_name = "send_desk_notices"

    def run(self, *args, **options):
        self.stdout.write(f"{send_daily_notices(timezone.localdate())} notice(s) sent")
