"""Liveness and readiness for a load balancer or an orchestrator.

Liveness says the process answers; it touches nothing else, so a database outage does not get every
instance restarted. Readiness says this instance can serve users: the database answers and every
migration this code knows is applied (an instance started before `migrate` ran stays out of the
pool). Neither says more than "ok" or what is missing: they are reachable without logging in.
"""

from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

_migrated = False  # once every migration of this code is applied, it stays so for this process


def database_problem() -> str | None:
    """What keeps this instance from serving, or None."""
    global _migrated
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        if not _migrated:
            executor = MigrationExecutor(connection)
            if executor.migration_plan(executor.loader.graph.leaf_nodes()):
                return "migrations not applied"
            _migrated = True
    except DatabaseError:
        return "database unavailable"
    return None


@never_cache
@require_safe
def live(request):
    return JsonResponse({"status": "ok"})


@never_cache
@require_safe
def ready(request):
    problem = database_problem()
    if problem:
        return JsonResponse({"status": "unavailable", "reason": problem}, status=503)
    return JsonResponse({"status": "ok"})
