"""Prometheus metrics: requests, latency and errors per view come from django-prometheus's
middleware; the product's own counters are here. `/metrics` is served only to a scraper that sends
`Authorization: Bearer <METRICS_TOKEN>`; without that setting the address does not exist.

Several gunicorn workers each count for themselves: set PROMETHEUS_MULTIPROC_DIR (an empty
directory, see docs/deployment.md) and the scrape adds up all of them.
"""

import secrets

from django.conf import settings
from django.http import Http404
from django.views.decorators.cache import never_cache
from django_prometheus.exports import ExportToDjangoView
from prometheus_client import Counter

answer_saves = Counter(
    "bestuursspiegel_answer_saves_total", "Answers stored by respondents (each save, also a change)."
)
responses_submitted = Counter("bestuursspiegel_responses_submitted_total", "Responses submitted (each once).")


@never_cache
def metrics(request):
    expected = settings.METRICS_TOKEN
    offered = request.headers.get("Authorization", "").removeprefix("Bearer ")
    if not expected or not secrets.compare_digest(offered.encode(), expected.encode()):
        raise Http404
    return ExportToDjangoView(request)
