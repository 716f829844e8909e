from bestuursspiegel.operations.scheduled import ScheduledCommand
from bestuursspiegel.plans.services import send_reminders


class Command(ScheduledCommand):
    help = "E-mail owners of actions that are due within a week or overdue (run daily, e.g. from cron)."
    lock_name = "send_action_reminders"

    def run(self, *args, **options):
        self.stdout.write(f"{send_reminders()} reminder(s) sent")
