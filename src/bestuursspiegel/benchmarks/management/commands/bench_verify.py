import json
import sys

from django.core.management.base import BaseCommand
from django.db.models import Count

from bestuursspiegel.assessments.tokens import response_key
from bestuursspiegel.responses.models import Answer, Response


class Command(BaseCommand):
    help = (
        "Compare what simulated respondents were told (JSON on stdin: token, resume code, confirmed answers by "
        "statement number, receipt) with what the database holds; print the comparison as JSON (benchmarks only)."
    )

    def handle(self, *args, **options):
        clients = json.load(sys.stdin)
        report = {"receipts_handed_out": 0, "receipts_stored": 0, "answers_confirmed": 0, "answers_stored": 0}
        problems = []
        for client in clients:
            response = Response.objects.filter(key=response_key(client["token"], client["resume_code"])).first()
            stored = {}
            if response:
                stored = {a.item.number: a.value for a in response.answers.select_related("item")}
            for number, value in client["answers"].items():
                report["answers_confirmed"] += 1
                if stored.get(int(number)) == value:
                    report["answers_stored"] += 1
                else:
                    problems.append(f"answer {number} confirmed as {value}, stored {stored.get(int(number))}")
            if client.get("receipt"):
                report["receipts_handed_out"] += 1
                if response and response.is_submitted and response.receipt == client["receipt"]:
                    report["receipts_stored"] += 1
                else:
                    problems.append(f"receipt {client['receipt']} not stored as submitted")
        keys = [response_key(c["token"], c["resume_code"]) for c in clients]
        report["responses"] = Response.objects.filter(key__in=keys).count()
        report["answer_rows"] = Answer.objects.filter(response__key__in=keys).count()
        report["duplicate_answers"] = (
            Answer.objects.filter(response__key__in=keys)
            .values("response", "item")
            .annotate(n=Count("id"))
            .filter(n__gt=1)
            .count()
        )
        report["problems"] = problems[:20]
        self.stdout.write(json.dumps(report))
