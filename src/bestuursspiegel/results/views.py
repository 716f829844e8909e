from django.shortcuts import render

from bestuursspiegel.assessments.constants import Mode
from bestuursspiegel.assessments.selectors import facilitator_view
from bestuursspiegel.audit.services import audit_record

from . import charts
from .aggregation import answer_matrix, results_for_assessment


@facilitator_view
def results(request, assessment):
    result = results_for_assessment(assessment)
    matrix = answer_matrix(assessment) if assessment.mode == Mode.OPEN else None
    audit_record(
        actor=request.user,
        action="results.view",
        organisation=assessment.organisation,
        target=assessment,
        visible=result.visible,
    )
    context = {
        "assessment": assessment,
        "result": result,
        "matrix": matrix,
        "legend": charts.legend(),
        "norm_changes": assessment.norm_changes.select_related("item", "changed_by"),
    }
    return render(request, "results/results.html", context)
