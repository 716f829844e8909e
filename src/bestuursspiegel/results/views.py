from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from bestuursspiegel.assessments.constants import AssessmentStatus, Mode
from bestuursspiegel.assessments.selectors import facilitator_view
from bestuursspiegel.audit.services import audit_record
from bestuursspiegel.responses.selectors import participation_overview

from . import charts, services
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


@facilitator_view
def close(request, assessment):
    """Closing cannot be undone and releases the results: ask first, and say what follows."""
    if assessment.status != AssessmentStatus.OPEN:
        messages.error(request, _("Only an open assessment can be closed."))
        return redirect("assessments:detail", uuid=assessment.uuid)
    if request.method == "POST":
        try:
            services.assessment_close(assessment=assessment, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("assessments:detail", uuid=assessment.uuid)
        messages.success(request, _("The assessment is closed and its results are released."))
        return redirect("results:results", uuid=assessment.uuid)
    context = {"assessment": assessment, "overview": participation_overview(assessment)}
    return render(request, "results/close.html", context)
