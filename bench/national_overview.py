#!/usr/bin/env python
"""The operators' overview across organisations: 342 organisations × 50 respondents.

Fills a fresh database (SQLite by default, or DATABASE_URL) with 342 organisations, each with a
closed meting of 50 invited participants who all submitted (answers are not needed: the page
counts people, it never reads answers) and an open meting with a few invited, then renders
`/metingen/landelijk-overzicht/` as a verified operator with the Django test client: queries and
time, five timed runs after a warm-up. Written to docs/benchmarks.md.

    .venv/bin/python bench/national_overview.py
    bin/with-postgres.sh .venv/bin/python bench/national_overview.py
"""

import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "bench")]
WORKDIR = Path(tempfile.mkdtemp(prefix="bestuursspiegel-bench-national-"))
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

ORGANISATIONS, RESPONDENTS = 342, 50
URL = "/metingen/landelijk-overzicht/"


def fill() -> None:
    from bestuursspiegel.assessments.constants import AssessmentStatus
    from bestuursspiegel.assessments.models import Assessment, Participant
    from bestuursspiegel.questionnaires.services import questionnaire_current
    from bestuursspiegel.responses.models import Response

    questionnaire, today = questionnaire_current(), timezone.localdate()
    from bestuursspiegel.organisations.models import Organisation

    organisations = Organisation.objects.bulk_create(
        Organisation(name=f"Gemeente {n:03d}") for n in range(ORGANISATIONS)
    )
    metingen = Assessment.objects.bulk_create(
        Assessment(organisation=o, questionnaire=questionnaire, title=title, run_by="bench", status=status)
        for o in organisations
        for title, status in (("Meting 2026", AssessmentStatus.CLOSED), ("Meting 2027", AssessmentStatus.OPEN))
    )
    participants = Participant.objects.bulk_create(
        (
            Participant(assessment=m, name=f"P{i}", role="councillor", token_hash=f"{m.pk:08d}{i:056d}")
            for m in metingen
            for i in range(RESPONDENTS if m.status == AssessmentStatus.CLOSED else 5)
        ),
        batch_size=5000,
    )
    Response.objects.bulk_create(
        (
            Response(
                assessment_id=p.assessment_id,
                key=f"bench-{p.pk}",
                role="councillor",
                started_on=today,
                submitted_on=today,
            )
            for p in participants
        ),
        batch_size=5000,
    )


def operator_client() -> Client:
    from django.contrib.auth import get_user_model
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = get_user_model().objects.create_superuser("operator@example.org", "bench-password-123")
    device = TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def main() -> int:
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    call_command("load_content", verbosity=0)
    fill()
    client = operator_client()
    assert client.get(URL).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        page = client.get(URL)
    query_count = len(queries.captured_queries)
    timings = []
    for _ in range(5):
        started = time.perf_counter()
        client.get(URL)
        timings.append((time.perf_counter() - started) * 1000)
    engine = "PostgreSQL" if connection.vendor == "postgresql" else "SQLite"
    median = statistics.median(timings)
    print(engine, query_count, median, len(page.content))
    body = f"""## Operators' overview of all organisations, {engine} ({date.today().isoformat()})

`bench/national_overview.py`: {ORGANISATIONS} organisations, each with a closed meting of {RESPONDENTS}
invited participants who all submitted and an open meting with 5; the overview
(`{URL}`, counts per organisation, no answers) rendered for a verified operator by the Django test
client, five timed runs after a warm-up.

| organisations | respondents | SQL queries | median ms | min–max ms | page KB |
| ---: | ---: | ---: | ---: | ---: | ---: |
| {ORGANISATIONS} | {ORGANISATIONS * (RESPONDENTS + 5):,} | {query_count} | {median:.0f} | {min(timings):.0f}–{max(timings):.0f} | {len(page.content) / 1024:.0f} |

The counts come from one query (a subquery per column, so no join multiplies rows); the rest are
session, user, two-step device and the session's renewal.
"""
    write_doc(f"national-overview-{engine.lower()}", body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
