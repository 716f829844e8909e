from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from bestuursspiegel.assessments.constants import AssessmentStatus, Mode
from bestuursspiegel.assessments.selectors import facilitator_view
from bestuursspiegel.audit.services import audit_record
from bestuursspiegel.once import keys as once
from bestuursspiegel.responses.selectors import participation_overview
from bestuursspiegel.responses.views import participation_required
from bestuursspiegel.utils.confirm import confirmation
from bestuursspiegel.utils.views import error_page

from . import charts, services
from .aggregation import answer_matrix, results_for_assessment, statement_examples

# Per statement on the results page; all of them on the statement's own examples page, so the
# page costs the same for 10 respondents or 10,000 (docs/benchmarks.md).
EXAMPLES_ON_PAGE = 10


@facilitator_view
def results(request, assessment):
    result = results_for_assessment(assessment, examples_per_statement=EXAMPLES_ON_PAGE)
    matrix = answer_matrix(assessment) if assessment.mode == Mode.OPEN else None
    services.results_viewed(assessment=assessment, result=result, actor=request.user)
    context = {
        "assessment": assessment,
        "result": result,
        "matrix": matrix,
        "legend": charts.legend(),
        "glance": charts.at_a_glance(result.items) if result.visible else [],
        "norm_changes": assessment.norm_changes.select_related("item", "changed_by"),
    }
    return render(request, "results/results.html", context)


@facilitator_view
def examples(request, assessment, number):
    """Every example shown for one statement, read from the same release through the same gate."""
    item = get_object_or_404(assessment.questionnaire.items, number=number)
    texts = statement_examples(assessment, item)
    audit_record(
        actor=request.user,
        action="results.examples",
        organisation=assessment.organisation,
        target=assessment,
        number=number,
        shown=len(texts),
    )
    return render(request, "results/examples.html", {"assessment": assessment, "item": item, "examples": texts})


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


@facilitator_view
def reopen(request, assessment):
    """Where it is safe (see services.reopen_refusal): ask first, and say what follows."""
    refusal = services.reopen_refusal(assessment)
    if refusal:
        messages.error(request, refusal)
        return redirect("assessments:detail", uuid=assessment.uuid)
    if request.method != "POST":
        return confirmation(
            request,
            question=_("Open %(title)s for answers again?") % {"title": assessment.title},
            consequences=[
                _("Participants who have not submitted can answer again with their link."),
                _("The results shown now are withdrawn until the assessment closes again."),
                _("Reopening is recorded in the audit log."),
            ],
            confirm=_("Open for answers again"),
            cancel_url=reverse("assessments:detail", args=[assessment.uuid]),
            assessment=assessment,
        )
    try:
        services.assessment_reopen(assessment=assessment, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The assessment is open for answers again."))
    return redirect("assessments:detail", uuid=assessment.uuid)


@facilitator_view
@once.one_time_form("results.share")
def share(request, assessment):
    """Sharing the released results with the participants is a choice: asked, then recorded."""
    back = reverse("results:results", args=[assessment.uuid])
    if request.method != "POST":
        return confirmation(
            request,
            question=_("Share the results with the participants?"),
            consequences=[
                _(
                    "Everyone invited sees the same figures as on your results page, with their own link: the same release, the same rules."
                ),
                _("No individual answers, no examples and no answers side by side are shown to them."),
                _("Sharing cannot be taken back, and it is recorded in the audit log."),
            ],
            confirm=_("Share the results"),
            cancel_url=back,
            assessment=assessment,
            offer_email=True,
            email_label=_("Tell participants with an e-mail address (the e-mail holds no link)"),
        )
    try:
        with transaction.atomic():
            if not once.claim(request):
                return once.already_done(request, back)
            sent = services.results_share(
                assessment=assessment, actor=request.user, notify=bool(request.POST.get("send_email"))
            )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("The results are shared with the participants; %(n)s e-mail(s) sent.") % {"n": sent}
        )
    return redirect(back)


@participation_required
def shared(request, participation):
    """The group's results, for a participant with their link, once the facilitator shared them."""
    assessment = participation.assessment
    if assessment.results_shared_at is None:
        return error_page(
            request,
            status=404,
            title=_("No results to see yet"),
            message=_("The organiser has not shared the results with the participants (yet)."),
        )
    result = results_for_assessment(assessment)
    context = {
        "assessment": assessment,
        "result": result,
        "glance": charts.at_a_glance(result.items) if result.visible else [],
        "legend": charts.legend(),
    }
    return render(request, "results/shared.html", context)
