from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from bestuursspiegel.once import keys as once
from bestuursspiegel.organisations.services import organisations_for_user

from . import models, selectors, services
from .constants import Law, MeasureKind
from .forms import CatalogueFilterForm, DilemmaForm, SearchForm
from .search import search


def index(request):
    context = {"form": SearchForm(), "levels": selectors.ladder()}
    return render(request, "knowledge/index.html", context)


def ladder(request):
    return render(request, "knowledge/ladder.html", {"ladder": selectors.ladder()})


def instrument_detail(request, slug):
    instrument = get_object_or_404(models.Instrument.objects.published().select_related("level"), slug=slug)
    return render(
        request,
        "knowledge/instrument_detail.html",
        {"entry": instrument, "helpers": instrument.helpers.published()},
    )


def helper_list(request):
    return render(request, "knowledge/helper_list.html", {"helpers": models.Helper.objects.published()})


def helper_detail(request, slug):
    helper = get_object_or_404(models.Helper.objects.published(), slug=slug)
    context = {
        "entry": helper,
        "instruments": helper.instruments.published().select_related("level"),
        "measures": helper.measures.published(),
    }
    return render(request, "knowledge/helper_detail.html", context)


def measure_list(request):
    measures = models.Measure.objects.published()
    groups = [(label, [m for m in measures if m.kind == kind]) for kind, label in MeasureKind.choices]
    return render(request, "knowledge/measure_list.html", {"groups": groups})


def measure_detail(request, slug):
    measure = get_object_or_404(models.Measure.objects.published(), slug=slug)
    return render(request, "knowledge/measure_detail.html", {"entry": measure, "helpers": measure.helpers.published()})


def case_study(request):
    context = {
        "patterns": models.Pattern.objects.published(),
        "buffers": models.Buffer.objects.published(),
        "steps": models.RecoveryStep.objects.published(),
    }
    return render(request, "knowledge/case_study.html", context)


def pattern_detail(request, slug):
    entry = get_object_or_404(models.Pattern.objects.published(), slug=slug)
    return render(request, "knowledge/pattern_detail.html", {"entry": entry})


def buffer_detail(request, slug):
    entry = get_object_or_404(models.Buffer.objects.published(), slug=slug)
    return render(request, "knowledge/buffer_detail.html", {"entry": entry})


def landkaart(request):
    return render(request, "knowledge/landkaart.html", {"stages": models.AwarenessStage.objects.published()})


def catalogue(request):
    all_offers = list(models.SupportOffer.objects.published())
    form = CatalogueFilterForm(request.GET or None, options=selectors.catalogue_options(all_offers))
    status = 200
    if form.is_bound and not form.is_valid():
        offers, status = [], 400
    elif form.is_bound:
        data = form.cleaned_data
        offers = selectors.catalogue(
            query=data["q"],
            theme=data["theme"],
            target=data["target"],
            provider=data["provider"],
            support_type=data["type"],
            status=data["status"],
            year=data["year"],
        )
    else:
        offers = selectors.catalogue()
    context = {"form": form, "offers": offers, "total": len(all_offers)}
    return render(request, "knowledge/catalogue.html", context, status=status)


def offer_detail(request, slug):
    offer = get_object_or_404(models.SupportOffer.objects.published(), slug=slug)
    context = {"entry": offer, "bottlenecks": offer.bottlenecks.published().select_related("theme")}
    return render(request, "knowledge/offer_detail.html", context)


def bottleneck_list(request):
    themes = models.BottleneckTheme.objects.published().prefetch_related("bottlenecks")
    groups = [(label, [t for t in themes if t.law == law]) for law, label in Law.choices]
    return render(request, "knowledge/bottleneck_list.html", {"groups": groups})


def bottleneck_detail(request, slug):
    entry = get_object_or_404(models.Bottleneck.objects.published().select_related("theme"), slug=slug)
    context = {"entry": entry, "offers": entry.support_offers.published()}
    return render(request, "knowledge/bottleneck_detail.html", context)


def dilemma_list(request):
    dilemmas = selectors.dilemmas_for(request.user)
    tag = request.GET.get("tag", "")
    if tag:
        dilemmas = [d for d in dilemmas if tag in d.tags]
    tags = sorted({t for d in selectors.dilemmas_for(request.user) for t in d.tags})
    return render(request, "knowledge/dilemma_list.html", {"dilemmas": dilemmas, "tags": tags, "tag": tag})


def dilemma_detail(request, pk):
    dilemma = selectors.dilemmas_for(request.user).filter(pk=pk).first()
    if dilemma is None:
        raise Http404
    return render(request, "knowledge/dilemma_detail.html", {"entry": dilemma})


@login_required
@once.one_time_form("dilemma.create")
def dilemma_create(request):
    organisations = organisations_for_user(request.user)
    if not organisations.exists():
        raise Http404
    form = DilemmaForm(request.POST or None, organisations=organisations)
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            with transaction.atomic():
                if not once.claim(request):
                    return once.already_done(request, reverse("knowledge:dilemmas"))
                dilemma = services.dilemma_create_private(
                    organisation=data["organisation"],
                    actor=request.user,
                    title=data["title"],
                    situation=data["situation"],
                    questions=data["questions"].splitlines(),
                    tags=data["tags"].split(","),
                )
            messages.success(request, _("The dilemma was saved. Only your organisation can see it."))
            return redirect(dilemma.get_absolute_url())
        return render(request, "knowledge/dilemma_form.html", {"form": form}, status=400)
    return render(request, "knowledge/dilemma_form.html", {"form": form})


def search_page(request):
    form = SearchForm(request.GET or None)
    hits = []
    status = 200
    if form.is_bound:
        if form.is_valid():
            hits = search(form.cleaned_data["q"])
        else:
            status = 400
    return render(request, "knowledge/search.html", {"form": form, "hits": hits}, status=status)
