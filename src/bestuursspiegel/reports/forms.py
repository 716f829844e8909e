from django import forms
from django.utils.translation import gettext_lazy as _

from bestuursspiegel.assessments.constants import ParticipantRole
from bestuursspiegel.responses.constants import PatternValue
from bestuursspiegel.responses.forms import ANSWER_CHOICES
from bestuursspiegel.utils.forms import UtrechtFormMixin
from bestuursspiegel.utils.language import Dutch


class PaperForm(UtrechtFormMixin, forms.Form):
    """One paper questionnaire, typed in by the facilitator."""

    role = forms.ChoiceField(label=_("Role on the form"), choices=ParticipantRole.choices)

    def __init__(self, *args, items, patterns, **kwargs):
        super().__init__(*args, **kwargs)
        self.items, self.patterns = list(items), list(patterns)
        for item in self.items:
            self.fields[f"item_{item.pk}"] = forms.TypedChoiceField(
                label=Dutch(f"{item.number}. {item.text}"),
                choices=ANSWER_CHOICES,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose one of the answers, or 'don't know / not applicable'.")},
            )
        for pattern in self.patterns:
            self.fields[f"pattern_{pattern.pk}"] = forms.TypedChoiceField(
                label=Dutch(f"{pattern.number}. {pattern.question}"),
                choices=[(v, PatternValue(v).label) for v in (1, 2, 3, 0)],
                coerce=int,
                widget=forms.RadioSelect,
            )

    def values(self) -> dict:
        return {item.pk: self.cleaned_data[f"item_{item.pk}"] for item in self.items}

    def pattern_values(self) -> dict:
        return {p.pk: self.cleaned_data[f"pattern_{p.pk}"] for p in self.patterns}
