#!/usr/bin/env python
"""Several instances behind HAProxy on one PostgreSQL: one is killed mid-burst and started again.

    bin/with-postgres.sh .venv/bin/python bench/cluster.py                 # full size, docs/benchmarks.md
    bin/with-postgres.sh .venv/bin/python bench/cluster.py --check-only \\
        --participants 20 --phones 8 --facilitators 3 --rounds 1          # `make test`: exit status only

Three gunicorn instances on loopback (the production WSGI app with conf.bench), HAProxy (Debian's
package) in front: round robin, health checks on /health/ready, the instance's name returned in
X-Served-By. At the same time:

- respondents answer every statement and submit (patient browsers: a failed request is sent again
  unchanged, as in bench/resilience.py);
- facilitators, logged in once, keep opening their meting's pages;
- a live session: phones join with the code, poll, and answer each statement; the facilitator waits
  for every phone's answer, reveals, and moves on.

Two seconds in, one instance is killed (SIGKILL to its master and workers) and started again a few
seconds later. Checks: every answer a respondent saw accepted and every receipt shown is stored
exactly once; no facilitator was ever sent to the login page; every phone's answer to every
statement arrived and every phone saw every reveal; all instances served requests, the restarted
one too after its return. Then throughput: the answer-save load of bench/answer_save.py through
HAProxy with 1, 2 and 3 instances, in the same run.
"""

import argparse
import asyncio
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from contextlib import ExitStack, contextmanager
from datetime import date
from pathlib import Path

import httpx
from answer_save import (
    CSRF,
    GUNICORN,
    ITEMS,
    ROOT,
    Tally,
    bench_database,
    free_port,
    http_client,
    manage_json,
    participant,
    participant_start,
    phase,
    wait_for,
    write_doc,
)
from resilience import Participant, Patient

NUMBER = re.compile(r'name="number" value="(\d+)"')
SERVED_BY = "X-Served-By"
GRACEFUL_ROUNDS = 6  # long enough for the restart to happen while saves are running
POLL = 1.0  # seconds between a phone's polls (live.js uses 2 s; shorter keeps the check short)


class Instance:
    """One gunicorn on a fixed loopback port, in its own process group so it can be killed whole."""

    def __init__(self, name: str, env: dict, workers: int):
        self.name, self.env, self.workers = name, env, workers
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [GUNICORN, "bestuursspiegel.wsgi", "--bind", f"127.0.0.1:{self.port}", "--workers", str(self.workers)],
            cwd=ROOT / "src",
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        wait_for(self.port, time.monotonic() + 30)

    def kill(self) -> None:
        """As a crashed machine would: no graceful shutdown, requests in flight are cut off."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def drain(self) -> None:
        """A graceful stop, as systemd does it: SIGTERM, running requests finish."""
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=60)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)


HAPROXY_CONFIG = """
global
    maxconn 4000
    stats socket {admin} mode 600 level admin
defaults
    mode http
    timeout connect 1s
    timeout client 60s
    timeout server 60s
    timeout queue 60s
    timeout check 5s
    retries 2
    option redispatch
frontend web
    bind 127.0.0.1:{port}
    unique-id-format %[uuid()]
    unique-id-header X-Request-ID
    default_backend instances
backend instances
    balance roundrobin
    option httpchk
    http-check send meth GET uri /health/ready ver HTTP/1.1 hdr Host 127.0.0.1
    http-check expect status 200
    default-server inter 500ms fall 1 rise 2
    http-response set-header {served_by} %[srv_name]
{servers}
"""


class Front:
    """HAProxy's address, and its runtime API (to take an instance out of rotation)."""

    def __init__(self, base: str, admin: Path):
        self.base, self.admin = base, admin

    def command(self, line: str) -> str:
        with socket.socket(socket.AF_UNIX) as connection:
            connection.connect(str(self.admin))
            connection.sendall(line.encode() + b"\n")
            return connection.recv(4096).decode()


@contextmanager
def haproxy(instances: list[Instance]):
    """HAProxy in the foreground on a free port in front of `instances`; yields a Front."""
    port = free_port()
    servers = "\n".join(f"    server {i.name} 127.0.0.1:{i.port} check" for i in instances)
    workdir = Path(tempfile.mkdtemp(prefix="bestuursspiegel-haproxy-"))
    config, admin = workdir / "haproxy.cfg", workdir / "admin.sock"
    config.write_text(HAPROXY_CONFIG.format(port=port, servers=servers, served_by=SERVED_BY, admin=admin))
    process = subprocess.Popen(["haproxy", "-db", "-f", str(config)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_for(port, time.monotonic() + 10)
        base = f"http://127.0.0.1:{port}"
        all_up(base, {i.name for i in instances})
        yield Front(base, admin)
    finally:
        process.terminate()
        process.wait(timeout=10)


def all_up(base: str, names: set[str]) -> None:
    """Wait until HAProxy sends requests to every instance (their health checks passed)."""
    seen: set[str] = set()
    deadline = time.monotonic() + 30
    with httpx.Client(base_url=base, timeout=5) as client:
        while seen != names:
            if time.monotonic() > deadline:
                raise RuntimeError(f"instances never up behind HAProxy: {sorted(names - seen)}")
            try:
                seen.add(client.get("/health/live").headers.get(SERVED_BY, "?"))
            except httpx.HTTPError:
                time.sleep(0.2)


class Served:
    """Which instance answered, and when (to see the restarted instance come back)."""

    def __init__(self):
        self.by: list[tuple[float, str]] = []

    def note(self, response: httpx.Response) -> None:
        self.by.append((time.monotonic(), response.headers.get(SERVED_BY, "?")))


class Facilitator(Patient):
    """Logged in once; opens the dashboard and the meting page again and again."""

    def __init__(self, cookie: list[str], uuid: str, served: Served):
        super().__init__()
        self.cookie, self.uuid, self.served = cookie, uuid, served
        self.pages = 0
        self.sent_to_login = 0

    async def run(self, base: str, until: asyncio.Event) -> None:
        async with http_client(base, cookies={self.cookie[0]: self.cookie[1]}) as client:
            while not until.is_set():
                for path in ("/metingen/", f"/metingen/{self.uuid}/"):
                    response = await self.send(client, "GET", path, 200, answer_on=(302,))
                    if response is None:
                        self.sent_to_login += 1
                        continue
                    self.served.note(response)
                    self.pages += 1
                await asyncio.sleep(0.2)


class Phone(Patient):
    def __init__(self, code: str, served: Served):
        super().__init__()
        self.code, self.served = code, served
        self.versions_seen: set[int] = set()
        self.answered: set[int] = set()

    async def run(self, base: str, offset: float) -> None:
        async with http_client(base) as client:
            page = await self.send(client, "GET", f"/live/{self.code}/", 200)
            data = {"csrfmiddlewaretoken": CSRF.search(page.text).group(1), "role": "councillor"}
            await self.send(client, "POST", f"/live/{self.code}/", 302, data=data)
            await asyncio.sleep(offset)  # phones do not poll in lockstep
            version = None
            while True:
                state = await self.send(client, "GET", "/live/deelnemen/status/", 200)
                self.served.note(state)
                state = state.json()
                if not state["running"]:
                    return
                self.versions_seen.add(state["version"])
                if state["version"] != version:
                    version = state["version"]
                    await self.answer_current(client)
                await asyncio.sleep(POLL)

    async def answer_current(self, client) -> None:
        page = await self.send(client, "GET", "/live/deelnemen/", 200)
        number = NUMBER.search(page.text)
        if not number:
            return  # revealed: nothing to answer until the next statement
        data = {"csrfmiddlewaretoken": CSRF.search(page.text).group(1), "number": number.group(1), "value": "4"}
        try:
            await self.send(client, "POST", "/live/deelnemen/", 302, data=data)
        except RuntimeError:
            return  # refused for good (the statement was revealed meanwhile): the facilitator's count tells
        self.answered.add(int(number.group(1)))


class LiveFacilitator(Patient):
    def __init__(self, prepared: dict, phones: list[Phone]):
        super().__init__()
        self.base = f"/metingen/{prepared['uuid']}/live/"
        self.cookie = prepared["cookie"]
        self.phones = phones
        self.reveals: list[int] = []

    async def post(self, client, path: str, data: dict) -> None:
        page = await self.send(client, "GET", self.base, 200)
        data = {**data, "csrfmiddlewaretoken": CSRF.search(page.text).group(1)}
        await self.send(client, "POST", f"{self.base}{path}", 302, data=data, headers={"Referer": str(page.url)})

    async def state(self, client) -> dict:
        return (await self.send(client, "GET", f"{self.base}status/", 200)).json()

    async def run(self, base: str, statements: int) -> None:
        """Step, wait for every phone's answer, reveal, wait until every phone saw it."""
        async with http_client(base, cookies={self.cookie[0]: self.cookie[1]}) as client:
            for number in range(1, statements + 1):
                if number > 1:
                    await self.post(client, "stelling/", {"number": str(number)})
                await self.until(lambda s: s["answered"] >= len(self.phones), client, f"{number}: answers")
                await self.post(client, "onthullen/", {})
                version = (await self.state(client))["version"]
                self.reveals.append(version)
                await self.until(lambda _s, v=version: all(v in p.versions_seen for p in self.phones), None, "reveal")
            await self.post(client, "beeindigen/", {})

    async def until(self, condition, client, what: str) -> None:
        deadline = time.monotonic() + 90
        while not condition(await self.state(client) if client else None):
            if time.monotonic() > deadline:
                raise RuntimeError(f"live session, statement {what} never complete")
            await asyncio.sleep(0.25)


async def switch_burst(base, tokens, live, facilitator_cookies, args, victim: Instance) -> dict:
    served = Served()
    respondents = [Participant(token) for token in tokens]
    phones = [Phone(live["code"], served) for _ in range(args.phones)]
    facilitators = [Facilitator(cookie, live["uuid"], served) for cookie in facilitator_cookies]
    host = LiveFacilitator(live, phones)
    stop_browsing = asyncio.Event()

    async def fault() -> dict:
        await asyncio.sleep(args.kill_after)
        await asyncio.to_thread(victim.kill)
        killed_at = time.monotonic()
        await asyncio.sleep(args.down_for)
        await asyncio.to_thread(victim.start)
        return {"killed_at": killed_at, "restarted_at": time.monotonic()}

    started = time.monotonic()
    fault_task = asyncio.create_task(fault())
    browsing = [asyncio.create_task(f.run(base, stop_browsing)) for f in facilitators]
    phone_tasks = [asyncio.create_task(p.run(base, POLL * i / len(phones))) for i, p in enumerate(phones)]
    await asyncio.sleep(0.5)  # phones joined before the first statement is counted
    await asyncio.gather(*(r.run(base) for r in respondents), host.run(base, args.statements))
    await asyncio.gather(*phone_tasks)
    moments = await fault_task
    stop_browsing.set()
    await asyncio.gather(*browsing)
    before_kill = Counter(name for moment, name in served.by if moment < moments["killed_at"])
    after_restart = Counter(name for moment, name in served.by if moment > moments["restarted_at"] + 2)
    return {
        "respondents": respondents,
        "seconds": round(time.monotonic() - started, 1),
        "served": dict(Counter(name for _moment, name in served.by)),
        "served_after_restart": dict(after_restart),
        "served_before_kill": dict(before_kill),
        "victim_served_before": before_kill.get(victim.name, 0) > 0,
        "victim_back": after_restart.get(victim.name, 0) > 0,
        "facilitator_pages": sum(f.pages for f in facilitators),
        "sent_to_login": sum(f.sent_to_login for f in facilitators),
        "phones_all_answered": all(len(p.answered) == args.statements for p in phones),
        "phones_saw_every_reveal": all(set(host.reveals) <= p.versions_seen for p in phones),
        "retried": sum(x.failures for x in [*respondents, *phones, *facilitators, host]),
        "server_errors": sum(x.server_errors for x in [*respondents, *phones, *facilitators, host]),
    }


async def save_load(base: str, tokens: list[str], rounds: int) -> Tally:
    browsers: dict = {}
    await asyncio.gather(*(participant_start(base, token, browsers) for token in tokens))
    confirmed: dict = {}
    return await phase(
        lambda tally: [participant(base, token, rounds, tally, confirmed, browsers) for token in tokens], None
    )


async def graceful_burst(front: Front, tokens: list[str], rounds: int, victim: Instance, after: float) -> dict:
    """Saves through HAProxy while one instance is restarted the way docs/deployment.md says: taken
    out of rotation (drain), stopped with SIGTERM once its requests finished, started, put back.
    Nobody should notice."""
    base = front.base
    browsers: dict = {}
    await asyncio.gather(*(participant_start(base, token, browsers) for token in tokens))

    async def restart() -> float:
        await asyncio.sleep(after)
        front.command(f"set server instances/{victim.name} state drain")
        await asyncio.sleep(1.0)  # requests already sent to it finish; no new ones arrive
        await asyncio.to_thread(victim.drain)
        await asyncio.to_thread(victim.start)
        front.command(f"set server instances/{victim.name} state ready")
        return time.monotonic()

    restarting = asyncio.create_task(restart())
    confirmed: dict = {}
    tally = await phase(lambda t: [participant(base, token, rounds, t, confirmed, browsers) for token in tokens], None)
    ended = time.monotonic()
    return {"requests": len(tally.latencies), "errors": tally.errors, "during": await restarting < ended}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--instances", type=int, default=3)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers per instance")
    parser.add_argument("--participants", type=int, default=60)
    parser.add_argument("--phones", type=int, default=20)
    parser.add_argument("--facilitators", type=int, default=5)
    parser.add_argument("--statements", type=int, default=4, help="statements in the live session")
    parser.add_argument("--rounds", type=int, default=2, help="rounds of saves per participant in the throughput runs")
    parser.add_argument("--kill-after", type=float, default=2.0)
    parser.add_argument("--down-for", type=float, default=4.0)
    parser.add_argument("--check-only", action="store_true", help="exit status only, leave docs/benchmarks.md alone")
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("Run under bin/with-postgres.sh: the instances share one PostgreSQL.")

    env, _engine = bench_database()
    with ExitStack() as stack:
        instances = [Instance(f"instance{n + 1}", env, args.workers) for n in range(args.instances)]
        for instance in instances:
            instance.start()
            stack.callback(instance.stop)

        tokens = manage_json(env, "bench_prepare", str(args.participants))
        live = manage_json(env, "bench_prepare_live")
        cookies = [live["cookie"]] + [
            manage_json(env, "bench_prepare_live")["cookie"] for _ in range(args.facilitators - 1)
        ]
        front = stack.enter_context(haproxy(instances))
        switch = asyncio.run(switch_burst(front.base, tokens, live, cookies, args, victim=instances[0]))
        respondents = switch.pop("respondents")
        clients = [
            {"token": p.token, "resume_code": p.resume_code, "answers": p.answers, "receipt": p.receipt}
            for p in respondents
        ]
        stored = manage_json(env, "bench_verify", stdin=json.dumps(clients))
        graceful = asyncio.run(
            graceful_burst(
                front, manage_json(env, "bench_prepare", str(args.participants)), GRACEFUL_ROUNDS, instances[1], 1.0
            )
        )

        throughput = {}
        for count in range(1, args.instances + 1):
            with haproxy(instances[:count]) as front:
                tally = asyncio.run(
                    save_load(front.base, manage_json(env, "bench_prepare", str(args.participants)), args.rounds)
                )
            throughput[count] = tally.summary()

    n = args.participants
    checks = {
        "answers confirmed = stored, once": stored["answers_confirmed"]
        == stored["answers_stored"]
        == stored["answer_rows"]
        == n * ITEMS,
        "receipts shown = stored": stored["receipts_handed_out"] == stored["receipts_stored"] == n,
        "no duplicates": stored["duplicate_answers"] == 0 and stored["responses"] == n,
        "facilitators never sent to login": switch["sent_to_login"] == 0 and switch["facilitator_pages"] > 0,
        "every phone answered every statement": switch["phones_all_answered"],
        "every phone saw every reveal": switch["phones_saw_every_reveal"],
        "requests spread over all instances": len(switch["served"]) == args.instances,
        "killed instance served before the kill": switch["victim_served_before"],
        "killed instance served again after restart": switch["victim_back"],
        "the kill was felt (requests retried)": switch["retried"] > 0,
        "a graceful stop and start went unnoticed (no failed request)": graceful["errors"] == 0
        and graceful["requests"] == n * ITEMS * GRACEFUL_ROUNDS
        and graceful["during"],
        "throughput runs without errors": all(t["errors"] == 0 for t in throughput.values()),
    }
    report = {"switch": switch, "stored": stored, "graceful": graceful, "throughput": throughput, "checks": checks}
    print(json.dumps(report, indent=2))
    ok = all(checks.values())
    if args.check_only:
        return 0 if ok else 1

    check_rows = "\n".join(f"| {name} | {'yes' if passed else 'NO'} |" for name, passed in checks.items())
    served = ", ".join(f"{name} {count}" for name, count in sorted(switch["served"].items()))
    rows = "\n".join(
        f"| {count} | {t['requests']} | {t['errors']} | {t['throughput']:.0f} | {t['p50']:.1f} | {t['p95']:.1f} | "
        f"{t['p99']:.1f} | {t['throughput'] / throughput[1]['throughput']:.2f}× |"
        for count, t in throughput.items()
    )
    body = f"""## Several instances behind HAProxy, PostgreSQL ({date.today().isoformat()})

`bench/cluster.py`: {args.instances} gunicorn instances ({args.workers} sync workers each) on loopback behind HAProxy
(round robin, health check on `/health/ready` every 0.5 s), one PostgreSQL, client on the same
{os.cpu_count()}-core machine. During the burst {n} respondents answer all {ITEMS} statements and submit,
{args.facilitators} logged-in facilitators keep opening their pages and a live session runs with {args.phones}
phones over {args.statements} statements; {args.kill_after:g} s in, one instance is killed with SIGKILL (master and
workers) and started again {args.down_for:g} s later. Failed requests are sent again unchanged.

| check | passed |
| --- | --- |
{check_rows}

Then, in a second burst of saves ({graceful["requests"]} requests), another instance was stopped
gracefully (drained in HAProxy, then SIGTERM, as docs/deployment.md describes) and started again: {graceful["errors"]} requests failed.

The first burst took {switch["seconds"]} s; {switch["retried"]} requests were retried ({switch["server_errors"]} of them 5xx).
Responses per instance: {served}. Answers confirmed / stored: {stored["answers_confirmed"]} /
{stored["answers_stored"]}; receipts shown / stored: {stored["receipts_handed_out"]} / {stored["receipts_stored"]}.

Answer saves through HAProxy ({n} participants, {args.rounds} rounds of all statements, as in
`bench/answer_save.py`), with 1, 2 and {args.instances} instances in the same run:

| instances | requests | errors | req/s | p50 ms | p95 ms | p99 ms | vs 1 instance |
| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
{rows}

All instances, HAProxy, PostgreSQL and the load client share the same {os.cpu_count()} cores, so more instances
add no CPU here: the figures show the balancer's cost and that sharing one database holds, not the
gain of more machines.
"""
    write_doc("cluster", body)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
