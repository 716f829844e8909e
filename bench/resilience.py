#!/usr/bin/env python
"""Nothing lost when PostgreSQL restarts or a web worker dies in the middle of a burst of answers.

    bin/with-postgres.sh .venv/bin/python bench/resilience.py

Two scenarios, each on its own open meting with N invited participants who all answer every
statement and submit, through the real pages of gunicorn on loopback:

1. PostgreSQL is stopped two seconds into the burst and started again a few seconds later.
2. A gunicorn worker is killed (SIGKILL) twice during the burst; gunicorn starts new ones.

A simulated participant behaves like a patient browser user: a request that fails (connection
error or a 5xx page) is sent again, unchanged, after a short pause. Afterwards every answer a
participant was told was saved (a redirect to the next statement) and every receipt shown must
be in the database exactly once, with no duplicate rows. Results go to docs/benchmarks.md.
Bounded: each request has a timeout and at most RETRIES attempts; servers are always stopped.
"""

import argparse
import asyncio
import json
import os
import re
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import httpx
from answer_save import ITEMS, bench_database, gunicorn, http_client, manage_json, start_form, write_doc

RECEIPT = re.compile(r'class="receipt">([0-9A-F]{4}-[0-9A-F]{4})<')
RETRIES = 120
PAUSE = 0.25


class Patient:
    """A patient browser user: a request that fails (connection error, or not the expected status)
    is sent again, unchanged, after a short pause."""

    def __init__(self):
        self.failures = 0  # failed attempts that were retried
        self.server_errors = 0

    async def send(self, client, method: str, url: str, expected: int, answer_on=(), **kwargs) -> httpx.Response:
        """The response with the `expected` status; None for a status in `answer_on` (an answer,
        such as a redirect to the login page, not a failure to retry)."""
        for _attempt in range(RETRIES):
            try:
                response = await client.request(method, url, **kwargs)
            except httpx.HTTPError:
                self.failures += 1
            else:
                if response.status_code == expected:
                    return response
                if response.status_code in answer_on:
                    return None
                self.failures += 1
                self.server_errors += response.status_code >= 500
            await asyncio.sleep(PAUSE)
        raise RuntimeError(f"{method} {url} kept failing")


class Participant(Patient):
    def __init__(self, token: str):
        super().__init__()
        self.token = token
        self.answers: dict[int, int] = {}
        self.receipt = ""
        self.resume_code = ""

    async def run(self, base: str) -> None:
        async with http_client(base) as client:
            await self.send(client, "GET", f"/d/{self.token}/", 302)
            welcome = await self.send(client, "GET", "/vragenlijst/", 200)
            form = start_form(welcome.text)
            csrf = {"csrfmiddlewaretoken": form["csrfmiddlewaretoken"]}
            await self.send(client, "POST", "/vragenlijst/starten/", 302, data=form)
            self.resume_code = form["resume_code"]
            for number in range(1, ITEMS + 1):
                value = number % 5 + 1
                data = {**csrf, "value": str(value), "go": "next"}
                await self.send(client, "POST", f"/vragenlijst/stelling/{number}/", 302, data=data)
                self.answers[number] = value  # the participant saw this answer accepted
            await self.send(client, "POST", "/vragenlijst/indienen/", 302, data=csrf)
            page = await self.send(client, "GET", "/vragenlijst/ontvangen/", 200)
            self.receipt = RECEIPT.search(page.text).group(1)


def as_postgres(*command: str) -> None:
    prefix = ["runuser", "-u", "postgres", "--"] if os.getuid() == 0 else []
    subprocess.run([*prefix, *command], check=True, capture_output=True)


def restart_postgres(after: float, down_for: float) -> None:
    time.sleep(after)
    pgbin, pgdir, port = os.environ["PGBIN"], os.environ["PGDIR"], os.environ["PGPORT"]
    as_postgres(f"{pgbin}/pg_ctl", "-D", f"{pgdir}/data", "-m", "fast", "-w", "stop")
    time.sleep(down_for)
    options = f"-c listen_addresses=127.0.0.1 -p {port} -k {pgdir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    as_postgres(f"{pgbin}/pg_ctl", "-D", f"{pgdir}/data", "-l", f"{pgdir}/log", "-w", "-o", options, "start")


def worker_pids(master: int) -> list[int]:
    pids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master:
            pids.append(int(stat.parent.name))
    return pids


def kill_workers(master: int, at: list[float]) -> int:
    killed, started = 0, time.monotonic()
    for moment in at:
        time.sleep(max(0.0, moment - (time.monotonic() - started)))
        pids = worker_pids(master)
        if pids:
            os.kill(pids[0], signal.SIGKILL)
            killed += 1
    return killed


async def burst(base: str, tokens: list[str], fault) -> tuple[list[Participant], str, float]:
    participants = [Participant(t) for t in tokens]
    started = time.perf_counter()
    fault_task = asyncio.create_task(asyncio.to_thread(fault))
    await asyncio.gather(*(p.run(base) for p in participants))
    fault_result = await fault_task
    return participants, fault_result, time.perf_counter() - started


def scenario(env, name: str, participants: int, workers: int, make_fault, must_disturb: bool) -> dict:
    """`must_disturb`: the fault has to make requests fail, or the burst ended before it and proves nothing."""
    tokens = manage_json(env, "bench_prepare", str(participants))
    with gunicorn(env, workers) as (base, server):
        people, fault, elapsed = asyncio.run(burst(base, tokens, make_fault(server.pid)))
    clients = [
        {"token": p.token, "resume_code": p.resume_code, "answers": p.answers, "receipt": p.receipt} for p in people
    ]
    report = manage_json(env, "bench_verify", stdin=json.dumps(clients))
    report |= {
        "scenario": name,
        "fault": fault,
        "seconds": round(elapsed, 1),
        "retried_requests": sum(p.failures for p in people),
        "server_errors_seen": sum(p.server_errors for p in people),
    }
    report["ok"] = (
        report["receipts_handed_out"] == report["receipts_stored"] == participants
        and report["answers_confirmed"] == report["answers_stored"] == report["answer_rows"] == participants * ITEMS
        and report["responses"] == participants
        and report["duplicate_answers"] == 0
        and (report["retried_requests"] > 0 or not must_disturb)
    )
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--participants", type=int, default=100)
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument("--down-for", type=float, default=4.0, help="seconds PostgreSQL stays down")
    parser.add_argument("--stop-after", type=float, default=2.0, help="seconds into the burst PostgreSQL stops")
    parser.add_argument("--check-only", action="store_true", help="exit status only, leave docs/benchmarks.md alone")
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres") or "PGDIR" not in os.environ:
        sys.exit("Run under bin/with-postgres.sh: this benchmark stops and starts that PostgreSQL.")

    env, _engine = bench_database()  # the PostgreSQL of bin/with-postgres.sh, checked above

    def database_restart(_master):
        def fault():
            restart_postgres(after=args.stop_after, down_for=args.down_for)
            return f"PostgreSQL stopped after {args.stop_after:g} s, started again {args.down_for:g} s later"

        return fault

    def worker_kill(master):
        def fault():
            return f"{kill_workers(master, at=[1.5, 4.0])} workers killed with SIGKILL (at 1.5 s and 4 s)"

        return fault

    reports = [
        scenario(env, "PostgreSQL restart", args.participants, args.workers, database_restart, must_disturb=True),
        scenario(env, "worker killed", args.participants, args.workers, worker_kill, must_disturb=False),
    ]
    print(json.dumps(reports, indent=2))
    ok = all(r["ok"] for r in reports)
    if args.check_only:
        return 0 if ok else 1

    rows = "\n".join(
        f"| {r['scenario']} | {r['fault']} | {r['seconds']} | {r['retried_requests']} | {r['server_errors_seen']} | "
        f"{r['answers_confirmed']} / {r['answers_stored']} | {r['receipts_handed_out']} / {r['receipts_stored']} | "
        f"{r['duplicate_answers']} | {'yes' if r['ok'] else 'NO'} |"
        for r in reports
    )
    body = f"""## Resilience: database restart and killed workers, PostgreSQL ({date.today().isoformat()})

`bench/resilience.py`: gunicorn with {args.workers} sync workers on loopback, {args.participants} participants
per scenario who answer all {ITEMS} statements and submit, retrying a failed request unchanged
every {PAUSE} s. "Confirmed" answers are those the participant saw accepted; receipts are those shown.

| scenario | fault | seconds | retried requests | 5xx seen | answers confirmed / stored | receipts shown / stored | duplicates | all kept |
| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |
{rows}
"""
    write_doc("resilience", body)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
