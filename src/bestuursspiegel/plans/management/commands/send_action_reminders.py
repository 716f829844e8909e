from django.core.management.base import BaseCommand

from bestuursspiegel.plans.services import send_reminders


class Command(BaseCommand):
    help = "E-mail owners of actions that are due within a week or overdue (run daily, e.g. from cron)."

    def handle(self, *args, **options):
        self.stdout.write(f"{send_reminders()} reminder(s) sent")
