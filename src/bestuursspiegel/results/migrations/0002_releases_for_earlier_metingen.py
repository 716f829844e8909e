"""Releases for metingen from before releases existed: each statement a live session revealed, and
every closed meting (from the counts kept at purge time where the raw answers are gone).

This migration calls the application's own release code on the current models, so that an earlier
installation gets exactly the figures the application would publish; it is meant to run once,
right after it was written, on installations of that time.
"""

from django.db import migrations


def _rows_from_snapshot(snapshot: dict, code: str):
    from bestuursspiegel.results.release import Row

    rows = []
    for key, group in snapshot.get("groups", {}).items():
        for value, n in group.get("items", {}).get(code, {}).items():
            rows.extend(Row("", int(value), False, key) for _ in range(n))
    return rows


def forwards(apps, schema_editor):
    historical = apps.get_model("assessments", "Assessment")
    apps.get_model("assessments", "Participant").objects.filter(has_submitted=True).update(has_started=True)
    if not apps.get_model("live", "LiveReveal").objects.exists() and not historical.objects.filter(status="closed").exists():
        return  # a new installation: nothing to release, and no current model is touched

    from bestuursspiegel.assessments.models import Assessment
    from bestuursspiegel.live.models import LiveReveal
    from bestuursspiegel.responses.selectors import routes
    from bestuursspiegel.results.models import Release
    from bestuursspiegel.results.release import cell_for, release_data, reveal_data

    snapshots = dict(historical.objects.filter(purged_on__isnull=False).values_list("pk", "purged_snapshot"))
    for reveal in LiveReveal.objects.select_related("session__assessment", "item"):
        assessment = reveal.session.assessment
        if not Release.objects.filter(assessment=assessment, kind="reveal", item=reveal.item).exists():
            # Answers to a revealed statement were closed for the session: the same figures as shown then.
            Release.objects.create(
                assessment=assessment, kind="reveal", item=reveal.item, data=reveal_data(assessment, reveal.item)
            )
    for assessment in Assessment.objects.unscoped().filter(status="closed").select_related("questionnaire"):
        if Release.objects.filter(assessment=assessment, kind="final").exists():
            continue
        snapshot = snapshots.get(assessment.pk)
        if assessment.purged_on and snapshot:
            items = assessment.questionnaire.items.order_by("number")
            data = {
                "format": 1,
                "submitted": snapshot.get("submitted", 0),
                "routes": routes(assessment),
                "items": {item.code: cell_for(assessment, _rows_from_snapshot(snapshot, item.code)) for item in items},
                "alpha": snapshot.get("alpha"),
                "patterns": {},
            }
        else:
            data = release_data(assessment)
        Release.objects.create(assessment=assessment, kind="final", data=data)


class Migration(migrations.Migration):
    dependencies = [
        ("results", "0001_initial"),
        ("live", "0001_initial"),
        ("responses", "0005_alter_response_source"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
