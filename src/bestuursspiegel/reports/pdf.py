"""PDF documents made with WeasyPrint: the report of a meting and the paper questionnaire.

The report shows only what the results pages show (the same gate); in anonymous mode never an
individual answer. Charts are the same inline SVG as on the page.
"""

from django.template.loader import render_to_string
from django.utils import timezone

from bestuursspiegel.interpretation.phase import suggest_phase
from bestuursspiegel.interpretation.services import phase_current
from bestuursspiegel.responses.selectors import participation_overview
from bestuursspiegel.results.aggregation import answer_matrix, results_for_assessment
from bestuursspiegel.results.charts import at_a_glance, legend


def _pdf(html: str) -> bytes:
    from weasyprint import HTML  # heavy import, only when a PDF is made

    # PDF/UA: a tagged PDF (structure, reading order, language) that screen readers can follow.
    return HTML(string=html, base_url=".").write_pdf(pdf_variant="pdf/ua-1")


def report_context(assessment) -> dict:
    result = results_for_assessment(assessment)
    return {
        "assessment": assessment,
        "result": result,
        "legend": legend(),
        "glance": at_a_glance(result.items) if result.visible else [],
        "suggestion": suggest_phase(assessment, result),
        "decision": phase_current(assessment),
        "shortlist": assessment.shortlist.select_related("instrument__level"),
        "actions": assessment.actions.prefetch_related("items", "buffers"),
        "norm_changes": assessment.norm_changes.select_related("item", "changed_by"),
        "notes": assessment.discussion_notes.select_related("item").order_by("item__number"),
        "landkaart": assessment.landkaart.select_related("section", "stage"),
        "matrix": None if assessment.is_anonymous else answer_matrix(assessment),
        "overview": participation_overview(assessment),
        "generated": timezone.now(),
    }


def report_pdf(assessment) -> bytes:
    return _pdf(render_to_string("reports/report.html", report_context(assessment)))


def paper_questionnaire_pdf(assessment) -> bytes:
    from bestuursspiegel.responses.forms import ANSWER_CHOICES
    from bestuursspiegel.responses.services import lens_patterns

    context = {
        "assessment": assessment,
        "items": assessment.questionnaire.items.select_related("section").order_by("number"),
        "choices": [label for _value, label in ANSWER_CHOICES],
        "patterns": lens_patterns(assessment),
    }
    return _pdf(render_to_string("reports/paper_questionnaire.html", context))
