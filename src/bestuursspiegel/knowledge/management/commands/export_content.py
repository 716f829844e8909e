from pathlib import Path

from django.core.management.base import BaseCommand

from bestuursspiegel.knowledge.loader import DATA_DIR, export_knowledge


class Command(BaseCommand):
    help = "Write the knowledge base from the database back to its data files, to commit editors' changes."

    def add_arguments(self, parser):
        parser.add_argument(
            "--directory", type=Path, default=DATA_DIR, help="Where to write (default: the repository's data files)."
        )

    def handle(self, *args, directory, **options):
        for path in export_knowledge(directory):
            self.stdout.write(f"wrote {path}")
