from django.core.management.base import BaseCommand, CommandError

from bestuursspiegel.knowledge.loader import ContentError as KnowledgeError
from bestuursspiegel.knowledge.loader import load_knowledge
from bestuursspiegel.questionnaires.loader import ContentError, load_questionnaire_files


class Command(BaseCommand):
    help = "Load the versioned content files (questionnaires, knowledge base) into the database. Idempotent."

    def handle(self, *args, **options):
        try:
            results = load_questionnaire_files()
            report = load_knowledge()
        except (ContentError, KnowledgeError) as exc:
            raise CommandError(str(exc)) from exc
        for result in results:
            self.stdout.write(f"{result.questionnaire.slug} v{result.questionnaire.version}: {result.status}")
        for line in report.lines():
            self.stdout.write(line)
