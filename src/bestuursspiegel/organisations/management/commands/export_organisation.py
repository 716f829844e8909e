import sys

from django.core.management.base import BaseCommand, CommandError

from bestuursspiegel.organisations.backup import dumps, organisation_export
from bestuursspiegel.organisations.models import Organisation


class Command(BaseCommand):
    help = "Write one organisation's complete data as JSON (operators only: it holds raw answers)."

    def add_arguments(self, parser):
        parser.add_argument("name", help="The organisation's name, e.g. 'Gemeente Voorbeeld'.")
        parser.add_argument("--output", "-o", help="File to write; standard output when omitted.")

    def handle(self, *args, name, output, **options):
        organisation = Organisation.objects.filter(name=name).first()
        if organisation is None:
            raise CommandError(f"No organisation called {name!r}.")
        text = dumps(organisation_export(organisation))
        if output:
            with open(output, "w", encoding="utf-8") as handle:
                handle.write(text)
            self.stderr.write(f"wrote {output}")
        else:
            sys.stdout.write(text)
