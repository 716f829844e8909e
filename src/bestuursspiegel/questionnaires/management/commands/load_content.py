from django.core.management.base import BaseCommand, CommandError

from bestuursspiegel.questionnaires.loader import ContentError, load_questionnaire_files


class Command(BaseCommand):
    help = "Load the versioned content files (questionnaires) into the database. Safe to run repeatedly."

    def handle(self, *args, **options):
        try:
            results = load_questionnaire_files()
        except ContentError as exc:
            raise CommandError(str(exc)) from exc
        for result in results:
            self.stdout.write(f"{result.questionnaire.slug} v{result.questionnaire.version}: {result.status}")
