from bestuursspiegel.operations.scheduled import ScheduledCommand
from bestuursspiegel.results.retention import purge_expired


class Command(ScheduledCommand):
    help = "Remove raw answers of closed metingen past their organisation's retention period (run daily)."
    lock_name = "purge_expired_answers"

    def run(self, *args, **options):
        purged = purge_expired()
        self.stdout.write(f"{len(purged)} meting(en) purged")
