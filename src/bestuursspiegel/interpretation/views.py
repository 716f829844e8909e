from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bestuursspiegel.assessments.selectors import facilitator_view
from bestuursspiegel.knowledge.models import AwarenessStage, Instrument, LadderLevel, StatementGuidance
from bestuursspiegel.results.aggregation import results_for_assessment

from . import services
from .discussion import GUIDE_QUESTIONS, agenda_order
from .forms import DiscussionNotesForm, LandkaartForm, PhaseDecisionForm, ShortlistForm
from .phase import PREVENTIVE, suggest_phase


@facilitator_view
def discussion_guide(request, assessment):
    result = results_for_assessment(assessment)
    ordered = agenda_order(result.items)
    existing = {n.item_id: n for n in assessment.discussion_notes.all()}
    form = DiscussionNotesForm(request.POST or None, items=[r.item for r in ordered], existing=existing)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            changed = services.discussion_notes_save(assessment=assessment, actor=request.user, notes=form.notes())
            messages.success(request, _("%(count)s note(s) saved.") % {"count": changed})
            return redirect("interpretation:discussion", uuid=assessment.uuid)
        status = 400
    rows = [(r, *form.fields_for(r.item), existing.get(r.item.pk)) for r in ordered]
    context = {"assessment": assessment, "result": result, "rows": rows, "form": form, "questions": GUIDE_QUESTIONS}
    return render(request, "interpretation/discussion.html", context, status=status)


@facilitator_view
def phase(request, assessment):
    result = results_for_assessment(assessment)
    suggestion = suggest_phase(assessment, result)
    current = services.phase_current(assessment)
    initial = {"level": (current.level if current else suggestion.level)}
    form = PhaseDecisionForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.phase_decide(
                    assessment=assessment,
                    actor=request.user,
                    level=form.cleaned_data["level"],
                    suggested_level=suggestion.level,
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as error:
                form.add_error("reason", error)
            else:
                messages.success(request, _("The phase was recorded."))
                return redirect("interpretation:instruments", uuid=assessment.uuid)
        status = 400
    context = {
        "assessment": assessment,
        "suggestion": suggestion,
        "current": current,
        "history": assessment.phase_decisions.select_related("level", "suggested_level", "decided_by"),
        "form": form,
    }
    return render(request, "interpretation/phase.html", context, status=status)


@facilitator_view
def instruments(request, assessment):
    result = results_for_assessment(assessment)
    current = services.phase_current(assessment)
    level = current.level if current else suggest_phase(assessment, result).level
    shown_levels = [lv for lv in (level, LadderLevel.objects.filter(slug=PREVENTIVE).first()) if lv]
    shown_levels = list(dict.fromkeys(shown_levels))
    by_level = [(lv, lv.instruments.published().order_by("title")) for lv in shown_levels]
    guidance = {g.slug: g for g in StatementGuidance.objects.published().prefetch_related("instruments__level")}
    outside = [(r, guidance.get(r.item.code)) for r in result.outside_norm]
    shortlist = assessment.shortlist.select_related("instrument__level")
    context = {
        "assessment": assessment,
        "level": level,
        "decided": current is not None,
        "by_level": by_level,
        "outside": outside,
        "shortlist": shortlist,
        "shortlisted": {e.instrument_id for e in shortlist},
    }
    return render(request, "interpretation/instruments.html", context)


def _shortlist_change(request, assessment, add: bool):
    form = ShortlistForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("This instrument does not exist."))
        return redirect("interpretation:instruments", uuid=assessment.uuid)
    instrument = get_object_or_404(Instrument.objects.published(), slug=form.cleaned_data["instrument"])
    if add:
        services.shortlist_add(
            assessment=assessment, actor=request.user, instrument=instrument, note=form.cleaned_data["note"]
        )
        messages.success(request, _("“%(title)s” is on the shortlist.") % {"title": instrument.title})
    else:
        services.shortlist_remove(assessment=assessment, actor=request.user, instrument=instrument)
        messages.success(request, _("“%(title)s” was removed from the shortlist.") % {"title": instrument.title})
    return redirect("interpretation:instruments", uuid=assessment.uuid)


@require_POST
@facilitator_view
def shortlist_add(request, assessment):
    return _shortlist_change(request, assessment, add=True)


@require_POST
@facilitator_view
def shortlist_remove(request, assessment):
    return _shortlist_change(request, assessment, add=False)


@facilitator_view
def landkaart(request, assessment):
    sections = assessment.questionnaire.sections.order_by("order")
    existing = {p.section_id: p for p in assessment.landkaart.select_related("stage")}
    form = LandkaartForm(request.POST or None, sections=sections, existing=existing)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            services.landkaart_save(assessment=assessment, actor=request.user, positions=form.positions())
            messages.success(request, _("The positions on the landkaart were saved."))
            return redirect("interpretation:landkaart", uuid=assessment.uuid)
        status = 400
    previous = assessment.previous
    earlier = {p.section_id: p.stage for p in previous.landkaart.select_related("stage")} if previous else {}
    stages = list(AwarenessStage.objects.published().order_by("order"))
    context = {
        "assessment": assessment,
        "form": form,
        "previous": previous,
        "stages": stages,
        "sections": [(s, form[f"stage_{s.pk}"], form[f"note_{s.pk}"]) for s in sections],
        # The picture: per theme, where the group stands now and where it stood the last time.
        "map_rows": [(s, existing[s.pk].stage if s.pk in existing else None, earlier.get(s.pk)) for s in sections],
    }
    return render(request, "interpretation/landkaart.html", context, status=status)
