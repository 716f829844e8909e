#!/usr/bin/env python
"""Time to make the PDF report of a meting (100 respondents, 19 charts) and the paper questionnaire.

In one process, five timed runs after a warm-up; results in docs/benchmarks.md.

    .venv/bin/python bench/pdf_report.py
"""

import statistics
import sys
import time
from datetime import date

from answer_save import write_doc
from results_page import make_assessment  # sets up Django on a fresh database


def timed(function, runs=5):
    function()
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        content = function()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings), min(timings), max(timings), len(content)


def main() -> int:
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from bestuursspiegel.organisations.models import Organisation
    from bestuursspiegel.organisations.services import membership_create
    from bestuursspiegel.reports import pdf

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    call_command("load_content", verbosity=0)
    organisation = Organisation.objects.create(name="Gemeente PDF")
    user = get_user_model().objects.create_user("bench-pdf@example.org", "bench-password-123")
    membership_create(user=user, organisation=organisation, role="clerk")
    assessment = make_assessment(100, user, organisation)
    report = timed(lambda: pdf.report_pdf(assessment))
    paper = timed(lambda: pdf.paper_questionnaire_pdf(assessment))
    print(report, paper)
    body = f"""## PDF generation ({date.today().isoformat()})

`bench/pdf_report.py`: WeasyPrint in one process, five timed runs after a warm-up.

| document | median ms | min–max ms | size |
| --- | ---: | ---: | ---: |
| report of a meting with 100 respondents (19 charts, tables, plan) | {report[0]:.0f} | {report[1]:.0f}–{report[2]:.0f} | {report[3] // 1024} KiB |
| paper questionnaire | {paper[0]:.0f} | {paper[1]:.0f}–{paper[2]:.0f} | {paper[3] // 1024} KiB |
"""
    write_doc("pdf", body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
