from django import forms
from django.utils.translation import gettext_lazy as _

from bestuursspiegel.knowledge.models import AwarenessStage, LadderLevel
from bestuursspiegel.utils.forms import SometimesRequiredCharField, UtrechtFormMixin


class DiscussionNotesForm(UtrechtFormMixin, forms.Form):
    """Two text fields per statement, in the agenda's order."""

    def __init__(self, *args, items, existing: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = list(items)
        for item in self.items:
            note = existing.get(item.pk)
            self.fields[f"notes_{item.pk}"] = forms.CharField(
                label=_("Notes"),
                required=False,
                max_length=4000,
                widget=forms.Textarea(attrs={"rows": 3}),
                initial=note.notes if note else "",
            )
            self.fields[f"conclusions_{item.pk}"] = forms.CharField(
                label=_("Conclusions"),
                required=False,
                max_length=4000,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=note.conclusions if note else "",
            )

    def fields_for(self, item):
        return self[f"notes_{item.pk}"], self[f"conclusions_{item.pk}"]

    def notes(self) -> dict:
        return {
            item: (self.cleaned_data[f"notes_{item.pk}"], self.cleaned_data[f"conclusions_{item.pk}"])
            for item in self.items
        }


class PhaseDecisionForm(UtrechtFormMixin, forms.Form):
    level = forms.ModelChoiceField(
        queryset=LadderLevel.objects.published().order_by("order"),
        label=_("Phase"),
        empty_label=None,
        widget=forms.RadioSelect,
    )
    reason = SometimesRequiredCharField(
        label=_("Reason"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when you choose another phase than the suggested one."),
    )


class ShortlistForm(forms.Form):
    instrument = forms.SlugField(max_length=120)
    note = forms.CharField(max_length=500, required=False)


class LandkaartForm(UtrechtFormMixin, forms.Form):
    def __init__(self, *args, sections, existing: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.sections = list(sections)
        stages = AwarenessStage.objects.published().order_by("order")
        for section in self.sections:
            position = existing.get(section.pk)
            self.fields[f"stage_{section.pk}"] = forms.ModelChoiceField(
                queryset=stages,
                required=False,
                label=_("Stage of awareness"),
                empty_label=_("not placed yet"),
                initial=position.stage_id if position else None,
                widget=forms.RadioSelect,  # the four stages side by side, as on the guide's map
            )
            self.fields[f"note_{section.pk}"] = forms.CharField(
                label=_("Why here?"), required=False, max_length=1000, initial=position.note if position else ""
            )

    def positions(self) -> dict:
        return {
            section: (self.cleaned_data[f"stage_{section.pk}"], self.cleaned_data[f"note_{section.pk}"])
            for section in self.sections
        }
