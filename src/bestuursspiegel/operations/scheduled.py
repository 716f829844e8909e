"""Scheduled jobs that run once per installation, however many instances start them.

Every instance may run the same cron line or systemd timer: the first takes the installation lock
and works, the others see it held and skip. The jobs are also idempotent (a reminder is sent once a
week, a purged meting has nothing left to purge), so a run that starts after the first ended does
nothing again. See docs/deployment.md.
"""

from django.core.management.base import BaseCommand

from bestuursspiegel.utils.locks import installation_lock


class ScheduledCommand(BaseCommand):
    lock_name: str

    def handle(self, *args, **options):
        with installation_lock(self.lock_name) as held:
            if not held:
                self.stdout.write(f"{self.lock_name}: already running on another instance; skipped")
                return
            self.run(*args, **options)

    def run(self, *args, **options):
        raise NotImplementedError
