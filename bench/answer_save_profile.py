#!/usr/bin/env python
"""Where an answer save spends its time: queries per save and a profile, in one process.

Runs the real respondent pages through Django's test client (the whole middleware stack, DEBUG
off) on a fresh database, saves every statement many times, and reports the SQL queries of one
save and the functions that take the most time. Written to docs/benchmarks.md.

    .venv/bin/python bench/answer_save_profile.py
    bin/with-postgres.sh .venv/bin/python bench/answer_save_profile.py
"""

import argparse
import cProfile
import io
import os
import pstats
import re
import sys
import tempfile
import time
from collections import Counter
from datetime import date
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "bench")]

from answer_save import ITEMS, start_form, write_doc  # noqa: E402


def setup_django() -> str:
    os.environ["DJANGO_SETTINGS_MODULE"] = "bestuursspiegel.conf.bench"
    workdir = Path(tempfile.mkdtemp(prefix="bestuursspiegel-profile-"))
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir / 'profile.sqlite3'}")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    return "PostgreSQL" if os.environ["DATABASE_URL"].startswith("postgres") else "SQLite"


FORM = "application/x-www-form-urlencoded"  # what browsers send; the test client's default is multipart


def started_client(token: str):
    """A browser that followed its link and started answering."""
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    client.get(f"/d/{token}/")
    welcome = client.get("/vragenlijst/").content.decode()
    form = start_form(welcome)
    assert client.post("/vragenlijst/starten/", data=form).status_code == 302
    return client, form["csrfmiddlewaretoken"]


def save(client, csrf: str, number: int, value: int):
    data = {"csrfmiddlewaretoken": csrf, "value": str(value), "go": "next"}
    response = client.post(f"/vragenlijst/stelling/{number}/", urlencode(data), content_type=FORM)
    assert response.status_code == 302, response.status_code
    return response


def query_kind(sql: str) -> str:
    words = sql.split()
    verb = words[0].upper()
    if verb == "EXECUTE":  # a prepared statement: its name says what it is
        return f"EXECUTE {words[1]}"
    table = next(
        (w.strip('"') for prev, w in zip(words, words[1:], strict=False) if prev.upper() in ("FROM", "INTO", "UPDATE")),
        "?",
    )
    suffix = " FOR UPDATE" if "FOR UPDATE" in sql.upper() else ""
    return f"{verb} {table}{suffix}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--saves", type=int, default=20 * ITEMS)
    args = parser.parse_args()
    engine = setup_django()

    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    out = io.StringIO()
    call_command("bench_prepare", "2", stdout=out)
    tokens = eval(out.getvalue().strip().splitlines()[-1])  # noqa: S307 - our own JSON list of strings
    client, csrf = started_client(tokens[0])
    for number in range(1, ITEMS + 1):  # warm: the first save of a statement creates its row
        save(client, csrf, number, 3)

    with CaptureQueriesContext(connection) as captured:
        save(client, csrf, 2, 4)
    queries = [query_kind(q["sql"]) for q in captured.captured_queries]

    def per_request_ms(call) -> float:
        started = time.perf_counter()
        for n in range(args.saves):
            call(n)
        return (time.perf_counter() - started) * 1000 / args.saves

    from django.test import Client

    bare = Client(HTTP_HOST="127.0.0.1")
    save_ms = per_request_ms(lambda n: save(client, csrf, n % ITEMS + 1, n % 5 + 1))
    bare_ms = per_request_ms(lambda n: bare.post("/bench/write/", f"value={n % 5 + 1}", content_type=FORM))

    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    for n in range(args.saves):
        save(client, csrf, n % ITEMS + 1, n % 5 + 1)
    profiler.disable()
    per_save_ms = (time.perf_counter() - started) * 1000 / args.saves

    stats = pstats.Stats(profiler)
    total = stats.total_tt
    own_code = []
    for (filename, line, name), (_cc, _nc, _tt, cumulative, _callers) in stats.stats.items():
        if (
            "/bestuursspiegel/" in filename
            and "/tests/" not in filename
            or "django/" in filename
            and name
            in (
                "__call__",
                "process_request",
                "process_view",
                "process_response",
                "render",
                "reverse",
                "redirect",
            )
        ):
            short = re.sub(r".*/(site-packages|src)/", "", filename)
            own_code.append((cumulative, f"{short}:{line} {name}"))
    own_code.sort(reverse=True)
    listing = io.StringIO()
    pstats.Stats(profiler, stream=listing).sort_stats("cumulative").print_stats(25)
    print(listing.getvalue())

    rows = "\n".join(f"| {kind} | {count} |" for kind, count in Counter(queries).items())
    top = "\n".join(
        f"| `{label}` | {cumulative * 1000 / args.saves:.2f} | {cumulative / total:.0%} |"
        for cumulative, label in own_code[:18]
    )
    body = f"""## Answer save profile, {engine} ({date.today().isoformat()})

`bench/answer_save_profile.py`: one respondent's browser (Django's test client, whole middleware
stack, DEBUG off) saves {args.saves} answers in one process. Without the profiler one save takes
{save_ms:.2f} ms against {bare_ms:.2f} ms for the bare one-row view through the same stack
({bare_ms / save_ms:.2f}×: the server's share of the throughput ratio, without HTTP or the load client).
Under cProfile (which slows Python code, not the database) {per_save_ms:.2f} ms per save. One save runs {len(queries)} SQL {"statement" if len(queries) == 1 else "statements"}:

| query | count |
| --- | ---: |
{rows}

Where the time goes (cumulative per save, ms; share of all profiled time):

| function | ms per save | share |
| --- | ---: | ---: |
{top}
"""
    print(body)
    write_doc(f"answer-save-profile-{engine.lower()}", body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
