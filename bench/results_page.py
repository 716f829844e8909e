#!/usr/bin/env python
"""Results page for metingen of 10, 100 and 1,000 respondents: SQL queries and render time.

Runs in one process against a fresh database (SQLite by default, or DATABASE_URL) with the
Django test client, so it measures the view and the ORM, not the network. The number of queries
must not grow with the number of respondents; the time shows how the statistics scale.

    .venv/bin/python bench/results_page.py
    bin/with-postgres.sh .venv/bin/python bench/results_page.py
"""

import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))
WORKDIR = Path(tempfile.mkdtemp(prefix="bestuursspiegel-bench-results-"))
os.environ.setdefault("DATABASE_URL", f"sqlite:///{WORKDIR / 'bench.sqlite3'}")
os.environ["DJANGO_SETTINGS_MODULE"] = "bestuursspiegel.conf.bench"
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

import django  # noqa: E402

django.setup()

from answer_save import write_doc  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

SIZES = (10, 100, 1000, 10000)
ROLES = ["councillor"] * 6 + ["alderman", "mayor", "clerk", "official"]


def make_assessment(size: int, user, organisation):
    from bestuursspiegel.assessments import services
    from bestuursspiegel.responses.models import Answer, Response

    assessment = services.assessment_create(
        organisation=organisation, actor=user, title=f"Bench {size}", run_by="bench"
    )
    today = timezone.localdate()
    responses = Response.objects.bulk_create(
        Response(
            assessment=assessment,
            key=f"bench-{size}-{i}",
            role=ROLES[i % len(ROLES)],
            started_on=today,
            submitted_on=today,
        )
        for i in range(size)
    )
    items = list(assessment.questionnaire.items.all())
    Answer.objects.bulk_create(
        (
            Answer(response=r, item=item, value=(i * 7 + item.number) % 6, example="voorbeeld" if i % 9 == 0 else "")
            for i, r in enumerate(responses)
            for item in items
        ),
        batch_size=5000,
    )
    # Closed, so the page shows the released figures (computed once, at closing).
    from bestuursspiegel.results.services import assessment_close

    services.assessment_open(assessment=assessment, actor=user)
    return assessment_close(assessment=assessment, actor=user)


def main() -> int:
    from django.contrib.auth import get_user_model

    from bestuursspiegel.organisations.models import Organisation
    from bestuursspiegel.organisations.services import membership_create

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    call_command("load_content", verbosity=0)
    organisation = Organisation.objects.create(name="Gemeente Bench")
    user = get_user_model().objects.create_user("bench-results@example.org", "bench-password-123")
    membership_create(user=user, organisation=organisation, role="clerk")
    client = Client()
    client.force_login(user)
    rows = []
    for size in SIZES:
        assessment = make_assessment(size, user, organisation)
        url = f"/metingen/{assessment.uuid}/resultaten/"
        assert client.get(url).status_code == 200
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        query_count = len(queries.captured_queries)  # read now: later requests reset the log
        timings = []
        for _ in range(5):
            started = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        rows.append((size, query_count, statistics.median(timings), min(timings), max(timings)))
        print(rows[-1])
    engine = "PostgreSQL" if connection.vendor == "postgresql" else "SQLite"
    table = "\n".join(f"| {s:,} | {q} | {med:.0f} | {lo:.0f}–{hi:.0f} |" for s, q, med, lo, hi in rows)
    body = f"""## Results page by number of respondents, {engine} ({date.today().isoformat()})

`bench/results_page.py`: the results page (distribution, spread, rwg, Krippendorff's alpha, group
comparison) rendered by the Django test client in one process, five timed runs after a warm-up.

| respondents | SQL queries | median ms | min–max ms |
| ---: | ---: | ---: | ---: |
{table}

The number of queries is the same for every size (also asserted in
`results/tests/test_glance.py`): session, user and two-step device (middleware), the meting, the
final release together with invited/started/submitted (one query), statements, norms, examples,
norm changes and the audit record. The figures are computed once, when the meting closes; the
spread (median, quartiles, rwg) is worked out from the released counts per answer, not from a list
of every answer. The page reads at most 10 examples per statement and links to a page with all of
them, so what still grows with respondents is only the release's list of which responses wrote an
example (JSON read with the release).
"""
    write_doc(f"results-page-{engine.lower()}", body)
    return 0 if len({r[1] for r in rows}) == 1 else 1


if __name__ == "__main__":
    sys.exit(main())
