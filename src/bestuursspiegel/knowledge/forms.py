from django import forms
from django.utils.translation import gettext_lazy as _

from bestuursspiegel.utils.forms import UtrechtFormMixin

from .constants import OfferStatus


def _choices(values):
    return [("", _("all"))] + [(v, v) for v in values]


class CatalogueFilterForm(UtrechtFormMixin, forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    target = forms.ChoiceField(label=_("Target group"), required=False)
    provider = forms.ChoiceField(label=_("Provider"), required=False)
    type = forms.ChoiceField(label=_("Type of support"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("all")), *OfferStatus.choices])
    year = forms.ChoiceField(label=_("Year"), required=False)

    def __init__(self, *args, options: dict, **kwargs):
        super().__init__(*args, **kwargs)
        for name, values in options.items():
            self.fields[name].choices = _choices(values)


class SearchForm(UtrechtFormMixin, forms.Form):
    q = forms.CharField(label=_("Search the knowledge base"), max_length=200, required=False)


class DilemmaForm(UtrechtFormMixin, forms.Form):
    organisation = forms.ModelChoiceField(queryset=None, label=_("Organisation"), empty_label=None)
    title = forms.CharField(label=_("Title"), max_length=300)
    situation = forms.CharField(label=_("Situation"), max_length=4000, widget=forms.Textarea(attrs={"rows": 5}))
    questions = forms.CharField(
        label=_("Discussion questions"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One question per line."),
    )
    tags = forms.CharField(label=_("Tags"), max_length=300, required=False, help_text=_("Separate with commas."))

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
