from django.core.management.base import BaseCommand

from bestuursspiegel.results.retention import purge_expired


class Command(BaseCommand):
    help = "Remove raw answers of closed metingen past their organisation's retention period (run daily)."

    def handle(self, *args, **options):
        purged = purge_expired()
        self.stdout.write(f"{len(purged)} meting(en) purged")
