#!/usr/bin/env python
"""Respondent pages on first load: bytes over the wire as Chromium counts them (HTML + CSS).

Production storage (collectstatic with WhiteNoise's CompressedManifestStaticFilesStorage), gunicorn
on loopback, Debian's Chromium through Playwright with an empty cache. Each page is opened in a
fresh browser context; the transfer size of every response (headers included) comes from Chromium's
own network events. Baseline from the same run: the four stylesheets the pages loaded before the
build step, compressed the same way (gzip -9 as WhiteNoise does).

    .venv/bin/python bench/page_weight.py
"""

import gzip
import json
import os
import re
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
os.environ["BENCH_MANIFEST_STATIC"] = "1"  # conf.bench then stores static files as production does

from answer_save import bench_database, gunicorn, manage, manage_json, write_doc  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
BUDGET = 40 * 1024
NODE = ROOT / "node_modules"
BEFORE = [
    NODE / "@nl-design-system-unstable/voorbeeld-design-tokens/dist/theme.css",
    NODE / "@utrecht/component-library-css/dist/index.css",
    NODE / "@utrecht/component-library-css/dist/html.css",
    ROOT / "src/bestuursspiegel/static/css/app.css",
]


def first_load(browser, url: str, *, prepare=None) -> dict:
    """Bytes per resource type for one page opened with an empty cache (after `prepare`, if any,
    in the same context: a respondent's cookie, say)."""
    context = browser.new_context()
    page = context.new_page()
    if prepare:
        prepare(page)
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.clearBrowserCache")
    kinds, sizes = {}, {}
    cdp.on("Network.responseReceived", lambda e: kinds.__setitem__(e["requestId"], e["type"]))
    headers = {}
    page.on(
        "response",
        lambda r: headers.update(r.headers) if r.request.resource_type == "stylesheet" else None,
    )
    cdp.on("Network.loadingFinished", lambda e: sizes.__setitem__(e["requestId"], e["encodedDataLength"]))
    page.goto(url, wait_until="load")
    page.wait_for_timeout(300)
    if not page.url.startswith(url.split("/d/")[0]) or ("/d/" not in url and page.url != url):
        raise RuntimeError(f"{url} ended at {page.url}: the page measured is not the one asked for")
    totals = {}
    for request_id, size in sizes.items():
        kind = {"Document": "html", "Stylesheet": "css"}.get(kinds.get(request_id), "other")
        totals[kind] = totals.get(kind, 0) + int(size)
    totals["css_encoding"] = headers.get("content-encoding", "none")
    totals["css_cache"] = headers.get("cache-control", "")
    context.close()
    return totals


def main() -> int:
    env, _engine = bench_database()
    manage(env, "collectstatic", "--noinput", "--clear")
    manage(env, "load_content")
    token = manage_json(env, "bench_prepare", "1")[0]
    results = {}
    with gunicorn(env, 2) as (base, _server), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)

        def enter(page):  # the invitation link sets the respondent's cookie, then the cache is emptied
            page.goto(f"{base}/d/{token}/")

        def started(page):
            enter(page)
            page.get_by_role("button", name=re.compile("Begin|Start", re.I)).first.click()

        results["invitation link → welcome page"] = first_load(browser, f"{base}/d/{token}/")
        results["statement page"] = first_load(browser, f"{base}/vragenlijst/stelling/1/", prepare=started)
        results["privacy statement"] = first_load(browser, f"{base}/privacy/")
        browser.close()

    baseline = sum(len(gzip.compress(path.read_bytes(), 9)) for path in BEFORE)
    print(json.dumps({"pages": results, "css_before_gzip": baseline}, indent=2))
    rows = "\n".join(
        f"| {name} | {r.get('html', 0):,} | {r.get('css', 0):,} | {r.get('html', 0) + r.get('css', 0):,} |"
        for name, r in results.items()
    )
    css_encoding = next(iter(results.values()))["css_encoding"]
    css_cache = next(iter(results.values()))["css_cache"]
    worst = max(r.get("html", 0) + r.get("css", 0) for r in results.values())
    write_doc(
        "page-weight",
        f"""## Respondent pages on first load (Chromium transfer sizes)

`bench/page_weight.py`: production static storage (WhiteNoise, compressed, hashed names), gunicorn on
loopback, Debian's Chromium with an empty cache; bytes as Chromium's network events count them,
headers included. HTML is not compressed (compression of pages with secrets invites BREACH-style
attacks). The stylesheet came {css_encoding}-compressed with `Cache-Control: {css_cache}` (WhiteNoise,
hashed name), so the next page loads it from the cache.

| page | HTML bytes | CSS bytes | total |
| --- | ---: | ---: | ---: |
{rows}

Goal ≤ {BUDGET:,} bytes; heaviest page {worst:,} bytes ({worst / BUDGET:.0%} of the goal). Baseline from
the same run: the four stylesheets every page loaded before the build step, gzip -9: {baseline:,}
bytes of CSS alone ({baseline / BUDGET:.0%} of the goal).
""",
    )
    return 0 if worst <= BUDGET else 1


if __name__ == "__main__":
    sys.exit(main())
