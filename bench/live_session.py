#!/usr/bin/env python
"""A live session with 50 phones polling while they answer: how fast does a reveal reach them?

    .venv/bin/python bench/live_session.py                      # SQLite, the embedded default
    bin/with-postgres.sh .venv/bin/python bench/live_session.py   # PostgreSQL from DATABASE_URL

gunicorn with conf.bench on loopback; N simulated phones join with the code and poll the state
every POLL seconds, like live.js. For each of S statements the facilitator waits until every phone
answered, then reveals; we measure the reveal request itself and how long until every phone's
poll saw it (that includes up to one poll interval, which is what a participant experiences).
The projector is a facilitator client polling the counts. Bounded: fixed statements, timeouts.
"""

import argparse
import asyncio
import json
import os
import re
import statistics
import sys
import time
from datetime import date

import httpx
from answer_save import CSRF, bench_database, gunicorn, http_client, manage_json, percentile, write_doc

POLL = 2.0  # seconds, as in static/js/live.js
NUMBER = re.compile(r'name="number" value="(\d+)"')


class Phone:
    def __init__(self, base: str, code: str):
        self.client = http_client(base)
        self.code = code
        self.version = None
        self.seen: dict[int, float] = {}  # version -> moment this phone first saw it
        self.poll_ms: list[float] = []
        self.answer_ms: list[float] = []
        self.errors = 0

    async def join(self) -> None:
        page = await self.client.get(f"/live/{self.code}/")
        csrf = CSRF.search(page.text).group(1)
        joined = await self.client.post(f"/live/{self.code}/", data={"csrfmiddlewaretoken": csrf, "role": "councillor"})
        if joined.status_code != 302:
            raise RuntimeError(f"join failed: {joined.status_code}")

    async def answer_current(self) -> None:
        page = await self.client.get("/live/deelnemen/")
        number = NUMBER.search(page.text)
        if not number:
            return  # revealed already or ended
        data = {"csrfmiddlewaretoken": CSRF.search(page.text).group(1), "number": number.group(1), "value": "4"}
        started = time.perf_counter()
        saved = await self.client.post("/live/deelnemen/", data=data)
        self.answer_ms.append((time.perf_counter() - started) * 1000)
        self.errors += saved.status_code != 302

    async def run(self, offset: float) -> None:
        await asyncio.sleep(offset)  # phones do not poll in lockstep
        while True:
            started = time.perf_counter()
            try:
                state = (await self.client.get("/live/deelnemen/status/")).json()
            except (httpx.HTTPError, ValueError):
                self.errors += 1
                await asyncio.sleep(POLL)
                continue
            self.poll_ms.append((time.perf_counter() - started) * 1000)
            if not state["running"]:
                return
            if state["version"] != self.version:
                self.version = state["version"]
                self.seen.setdefault(self.version, time.monotonic())
                await self.answer_current()  # like the page reloading and the person tapping an answer
            await asyncio.sleep(POLL)


class Facilitator:
    def __init__(self, base: str, uuid: str, cookie: list[str]):
        self.client = http_client(base, cookies={cookie[0]: cookie[1]})
        self.base = f"/metingen/{uuid}/live/"
        self.reveal_ms: list[float] = []
        self.step_ms: list[float] = []

    async def state(self) -> dict:
        return (await self.client.get(f"{self.base}status/")).json()

    async def post(self, path: str, data: dict) -> tuple[float, int]:
        page = await self.client.get(self.base)
        data["csrfmiddlewaretoken"] = CSRF.search(page.text).group(1)
        started = time.perf_counter()
        response = await self.client.post(f"{self.base}{path}", data=data, headers={"Referer": str(page.url)})
        if response.status_code != 302:
            raise RuntimeError(f"{path}: {response.status_code}")
        return (time.perf_counter() - started) * 1000, (await self.state())["version"]

    async def wait_until_answered(self, count: int, deadline: float) -> None:
        while (await self.state())["answered"] < count:
            if time.monotonic() > deadline:
                raise RuntimeError("not every phone answered in time")
            await asyncio.sleep(0.25)


async def session(base: str, prepared: dict, phones_count: int, statements: int) -> dict:
    phones = [Phone(base, prepared["code"]) for _ in range(phones_count)]
    await asyncio.gather(*(p.join() for p in phones))
    facilitator = Facilitator(base, prepared["uuid"], prepared["cookie"])
    tasks = [asyncio.create_task(p.run(POLL * i / phones_count)) for i, p in enumerate(phones)]
    propagation = []
    for number in range(1, statements + 1):
        if number > 1:
            elapsed, _version = await facilitator.post("stelling/", {"number": str(number)})
            facilitator.step_ms.append(elapsed)
        await facilitator.wait_until_answered(phones_count, time.monotonic() + 60)
        revealed_at = time.monotonic()
        elapsed, version = await facilitator.post("onthullen/", {})
        facilitator.reveal_ms.append(elapsed)
        while any(version not in p.seen for p in phones):
            if time.monotonic() - revealed_at > 30:
                raise RuntimeError("a phone never saw the reveal")
            await asyncio.sleep(0.05)
        propagation.append(max(p.seen[version] for p in phones) - revealed_at)
    await facilitator.post("beeindigen/", {})
    await asyncio.wait_for(asyncio.gather(*tasks), timeout=30)
    polls = [ms for p in phones for ms in p.poll_ms]
    answers = [ms for p in phones for ms in p.answer_ms]
    return {
        "polls": len(polls),
        "poll_p50": statistics.median(polls),
        "poll_p95": percentile(polls, 0.95),
        "poll_p99": percentile(polls, 0.99),
        "answers": len(answers),
        "answer_p95": percentile(answers, 0.95),
        "reveal_p50": statistics.median(facilitator.reveal_ms),
        "reveal_max": max(facilitator.reveal_ms),
        "all_phones_p50": statistics.median(propagation) * 1000,
        "all_phones_max": max(propagation) * 1000,
        "errors": sum(p.errors for p in phones),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--participants", type=int, default=50)
    parser.add_argument("--statements", type=int, default=5)
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    args = parser.parse_args()

    env, engine = bench_database()
    prepared = manage_json(env, "bench_prepare_live")

    with gunicorn(env, args.workers) as (base, _server):
        report = asyncio.run(session(base, prepared, args.participants, args.statements))
    print(json.dumps({"engine": engine, **report}, indent=2))

    body = f"""## Live session, {engine} ({date.today().isoformat()})

`bench/live_session.py`: gunicorn with {args.workers} sync workers and DEBUG off on loopback, client on the
same {os.cpu_count()}-core machine. {args.participants} phones join with the code and poll every {POLL:g} s (as
`live.js` does) while answering; the facilitator waits for all answers, reveals, and moves on,
{args.statements} statements. "All phones" is the time from sending the reveal until the last phone's poll
saw it — it includes up to one poll interval, which is what a participant experiences.

| measure | value |
| --- | ---: |
| state polls served | {report["polls"]} |
| poll latency p50 / p95 / p99 | {report["poll_p50"]:.1f} / {report["poll_p95"]:.1f} / {report["poll_p99"]:.1f} ms |
| answers saved (p95 latency) | {report["answers"]} ({report["answer_p95"]:.1f} ms) |
| reveal request p50 / max | {report["reveal_p50"]:.1f} / {report["reveal_max"]:.1f} ms |
| reveal seen by all phones p50 / max | {report["all_phones_p50"]:.0f} / {report["all_phones_max"]:.0f} ms |
| errors | {report["errors"]} |
"""
    write_doc(f"live-session-{engine.lower()}", body)
    ok = report["errors"] == 0 and report["answers"] == args.participants * args.statements
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
