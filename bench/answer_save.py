#!/usr/bin/env python
"""Answer-save throughput and latency under concurrent respondents, against a bare Django baseline.

Starts gunicorn on loopback with `conf.bench` (DEBUG off) on a fresh database, lets N simulated
participants answer every statement R times through the real pages (link → cookie → CSRF → POST),
and in the same run lets N clients POST to a bare view that writes one row. Alternates the two
twice so drift on a shared machine hits both. Writes the figures to docs/benchmarks.md.

    .venv/bin/python bench/answer_save.py                     # SQLite (default)
    bin/with-postgres.sh .venv/bin/python bench/answer_save.py  # PostgreSQL from DATABASE_URL

Bounded: every request has a timeout, the run has a fixed number of requests, and the server
is stopped at the end whatever happens. Traffic goes to 127.0.0.1 only.
"""

import argparse
import asyncio
import json
import os
import re
import socket
import ssl
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
DOC = ROOT / "docs" / "benchmarks.md"
ITEMS = 19
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
INVITATION_COOKIE = "bs_deelname"
RESUME_CODE = re.compile(r'name="resume_code" value="([^"]+)"')


# One TLS context for every client: httpx otherwise loads the CA bundle per client (about 30 ms of
# the load client's CPU each), which stalled every phase's start. Traffic is plain HTTP anyway.
TLS = ssl.create_default_context()


def http_client(base: str, **options) -> httpx.AsyncClient:
    return httpx.AsyncClient(base_url=base, timeout=30, verify=TLS, **options)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env, *args, stdin: str | None = None) -> str:
    done = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT / "src", env=env, input=stdin, capture_output=True, text=True
    )
    if done.returncode:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{done.stderr[-2000:]}")
    return done.stdout


def manage_json(env, *args, stdin: str | None = None):
    """The JSON that a benchmark management command prints on its last line."""
    return json.loads(manage(env, *args, stdin=stdin).strip().splitlines()[-1])


def bench_database() -> tuple[dict, str]:
    """Environment for manage.py and gunicorn with conf.bench: DATABASE_URL if set, else a fresh
    SQLite file; migrated. Returns the environment and the engine's name."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bestuursspiegel.conf.bench"}
    workdir = Path(tempfile.mkdtemp(prefix="bestuursspiegel-bench-"))
    env.setdefault("DATABASE_URL", f"sqlite:///{workdir / 'bench.sqlite3'}")
    manage(env, "migrate", "--noinput")
    manage(env, "createcachetable")
    return env, "PostgreSQL" if env["DATABASE_URL"].startswith("postgres") else "SQLite"


def wait_for(port: int, deadline: float) -> None:
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("server did not start")


@contextmanager
def gunicorn(env, workers: int):
    """gunicorn with `env` on a free loopback port, ready for requests and always stopped afterwards.
    Yields the base URL and the master process."""
    port = free_port()
    server = subprocess.Popen(
        [GUNICORN, "bestuursspiegel.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", str(workers)],
        cwd=ROOT / "src",
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(port, time.monotonic() + 30)
        yield f"http://127.0.0.1:{port}", server
    finally:
        server.terminate()
        server.wait(timeout=30)


def server_cpu_seconds(master: subprocess.Popen) -> float:
    """CPU time (user + system) of gunicorn's master and its workers so far, from /proc."""
    tick = os.sysconf("SC_CLK_TCK")
    pids = [master.pid]
    children = Path(f"/proc/{master.pid}/task/{master.pid}/children")
    if children.exists():
        pids += [int(pid) for pid in children.read_text().split()]
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / tick


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


class Tally:
    def __init__(self):
        self.latencies: list[float] = []
        self.errors = 0
        self.server_errors = 0
        self.elapsed = 0.0
        self.client_cpu = 0.0  # seconds of CPU the load client itself used
        self.server_cpu = 0.0  # seconds of CPU gunicorn used

    def summary(self) -> dict:
        ms = [x * 1000 for x in self.latencies]
        return {
            "requests": len(ms),
            "errors": self.errors,
            "server_errors": self.server_errors,
            "throughput": len(ms) / self.elapsed if self.elapsed else 0.0,
            "p50": statistics.median(ms),
            "p95": percentile(ms, 0.95),
            "p99": percentile(ms, 0.99),
            "client_cpu_ms": 1000 * self.client_cpu / max(len(ms), 1),
            "server_cpu_ms": 1000 * self.server_cpu / max(len(ms), 1),
        }


async def timed(tally: Tally, call, expected: int):
    started = time.perf_counter()
    try:
        response = await call()
    except httpx.HTTPError:
        tally.errors += 1
        return None
    tally.latencies.append(time.perf_counter() - started)
    if response.status_code != expected:
        tally.errors += 1
        tally.server_errors += response.status_code >= 500
    return response


def start_form(welcome: str) -> dict:
    """The start form of the welcome page as a browser sends it: CSRF token and the resume code the
    page made (the browser keeps it in its cookie afterwards)."""
    return {"csrfmiddlewaretoken": CSRF.search(welcome).group(1), "resume_code": RESUME_CODE.search(welcome).group(1)}


async def participant_start(base: str, token: str, browsers: dict) -> None:
    """A respondent's browser follows the link and starts answering: cookies (link and resume code)
    and the CSRF token it will send with every save. Not timed: the benchmark is about saves."""
    async with http_client(base) as client:
        await client.get(f"/d/{token}/")
        welcome = await client.get("/vragenlijst/")
        form = start_form(welcome.text)
        await client.post("/vragenlijst/starten/", data=form)
        page = await client.get("/vragenlijst/stelling/1/")
        browsers[token] = (client.cookies, CSRF.search(page.text).group(1))


async def participant(base: str, token: str, rounds: int, tally: Tally, confirmed: dict, browsers: dict) -> None:
    """The same browser saving every statement `rounds` times."""
    cookies, csrf = browsers[token]
    # The cookies as the header a browser sends. Saves set no cookies (checked below), so the
    # client need not run a cookie jar per request: about 0.4 ms of the load client's CPU, on the
    # same two cores as the server, that the baseline's client did not spend.
    header = "; ".join(f"{name}={value}" for name, value in cookies.items())
    async with http_client(base, headers={"Cookie": header}) as client:
        for round_number in range(rounds):
            for number in range(1, ITEMS + 1):
                value = (number + round_number) % 5 + 1
                data = {"csrfmiddlewaretoken": csrf, "value": str(value), "go": "next"}
                saved = await timed(
                    tally, lambda d=data, n=number: client.post(f"/vragenlijst/stelling/{n}/", data=d), 302
                )
                if saved is not None and saved.status_code == 302:
                    confirmed[number] = value  # the participant saw this save accepted
                    if "set-cookie" in saved.headers:
                        raise RuntimeError("a save set a cookie: the fixed Cookie header would be stale")


def resume_code(cookies) -> str:
    """The resume code the browser's invitation cookie holds ("token.code")."""
    value = (cookies or {}).get(INVITATION_COOKIE, "")
    return value.strip('"').partition(".")[2]


async def baseline_client(base: str, count: int, tally: Tally) -> None:
    async with http_client(base) as client:
        for number in range(count):
            await timed(tally, lambda n=number: client.post("/bench/write/", data={"value": str(n % 5 + 1)}), 204)


async def phase(make_tasks, server: subprocess.Popen | None) -> Tally:
    """Run one phase; `server` is the gunicorn whose CPU to count (None: several, not counted)."""
    tally = Tally()
    started, cpu = time.perf_counter(), time.process_time()
    server_cpu = server_cpu_seconds(server) if server else 0.0
    await asyncio.gather(*make_tasks(tally))
    tally.elapsed = time.perf_counter() - started
    tally.client_cpu = time.process_time() - cpu
    tally.server_cpu = server_cpu_seconds(server) - server_cpu if server else 0.0
    return tally


def merge(tallies: list[Tally]) -> Tally:
    merged = Tally()
    for tally in tallies:
        merged.latencies += tally.latencies
        merged.errors += tally.errors
        merged.server_errors += tally.server_errors
        merged.elapsed += tally.elapsed
        merged.client_cpu += tally.client_cpu
        merged.server_cpu += tally.server_cpu
    return merged


def write_doc(section: str, body: str) -> None:
    DOC.parent.mkdir(exist_ok=True)
    text = DOC.read_text(encoding="utf-8") if DOC.exists() else "# Benchmarks\n"
    start, end = f"<!-- {section}:start -->", f"<!-- {section}:end -->"
    block = f"{start}\n{body.rstrip()}\n{end}"
    if start in text:
        text = re.sub(re.escape(start) + ".*?" + re.escape(end), lambda _m: block, text, flags=re.S)
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    DOC.write_text(text, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--participants", type=int, default=64)
    parser.add_argument("--rounds", type=int, default=2, help="times each participant answers all 19 statements")
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    args = parser.parse_args()

    env, engine = bench_database()
    tokens = manage_json(env, "bench_prepare", str(args.participants))

    with gunicorn(env, args.workers) as (base, server):
        saves_each = args.rounds * ITEMS
        app_runs, baseline_runs = [], []
        confirmed, browsers = {token: {} for token in tokens}, {}

        async def start_all():
            await asyncio.gather(*(participant_start(base, token, browsers) for token in tokens))

        asyncio.run(start_all())
        for _ in range(2):  # alternate: baseline, app, baseline, app (repeat saves replace answers)
            baseline_runs.append(
                asyncio.run(phase(lambda t: [baseline_client(base, saves_each, t) for _ in tokens], server))
            )
            app_runs.append(
                asyncio.run(
                    phase(
                        lambda t: [
                            participant(base, token, args.rounds, t, confirmed[token], browsers) for token in tokens
                        ],
                        server,
                    )
                )
            )

    clients = [
        {"token": token, "resume_code": resume_code(browsers[token][0]), "answers": confirmed[token], "receipt": ""}
        for token in tokens
    ]
    check = manage_json(env, "bench_verify", stdin=json.dumps(clients))
    app, baseline = merge(app_runs).summary(), merge(baseline_runs).summary()
    expected_answers = len(tokens) * ITEMS
    stored, lost = check["answer_rows"], check["answers_confirmed"] - check["answers_stored"]
    print(json.dumps({"engine": engine, "app": app, "baseline": baseline, "check": check}, indent=2))

    def row(name, s):
        return (
            f"| {name} | {s['requests']} | {s['errors']} | {s['server_errors']} | {s['throughput']:.0f} | "
            f"{s['p50']:.1f} | {s['p95']:.1f} | {s['p99']:.1f} | {s['server_cpu_ms']:.2f} | {s['client_cpu_ms']:.2f} |"
        )

    body = f"""## Answer saves, {engine}, {args.participants} participants ({date.today().isoformat()})

`bench/answer_save.py`: gunicorn with {args.workers} sync workers and DEBUG off on loopback; the load
client runs on the same {os.cpu_count()}-core machine. {args.participants} concurrent participants, each saving all {ITEMS} statements {args.rounds} times through
the real respondent pages (cookie, CSRF, validation, conditional upsert, redirect), in two runs
alternated with the baseline: a bare Django view that inserts one row, driven by as many clients
with as many requests. Each browser sends its cookies as a fixed header, as a browser does (saves
set none); the cookie jar of the HTTP library cost the load client 0.4 ms per request.

| phase | requests | errors | of which 5xx | req/s | p50 ms | p95 ms | p99 ms | server CPU ms/req | client CPU ms/req |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
{row("answer save", app)}
{row("bare one-row view", baseline)}

Ratio answer save / baseline: throughput {app["throughput"] / baseline["throughput"]:.2f}×,
p95 {app["p95"] / baseline["p95"]:.2f}×, p99 {app["p99"] / baseline["p99"]:.2f}×.
Answer rows afterwards: {stored} of {expected_answers} expected (one per participant and statement:
repeated saves replace, never duplicate); duplicates {check["duplicate_answers"]}; lost (the last
value a participant saw accepted is not the one stored): {lost}.
"""
    write_doc(f"answer-save-{engine.lower()}-{args.participants}", body)
    ok = stored == expected_answers and lost == 0 and check["duplicate_answers"] == 0 and app["errors"] == 0
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
