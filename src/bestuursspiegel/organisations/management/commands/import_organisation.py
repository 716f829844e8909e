import json

from django.core.management.base import BaseCommand, CommandError

from bestuursspiegel.organisations.backup import BackupError, organisation_import


class Command(BaseCommand):
    help = "Load an organisation exported with export_organisation. Nothing is stored if anything fails."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        try:
            with open(file, encoding="utf-8") as handle:
                data = json.load(handle)
            organisation = organisation_import(data)
        except (OSError, ValueError, KeyError, BackupError) as exc:
            raise CommandError(f"Import failed, nothing was stored: {exc}") from exc
        self.stdout.write(f"imported {organisation.name}")
