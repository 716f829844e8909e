from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from bestuursspiegel.questionnaires.constants import SCALE_VALUES, AnswerValue
from bestuursspiegel.utils.forms import SometimesRequiredCharField, UtrechtFormMixin
from bestuursspiegel.utils.language import Dutch

from .constants import Mode, ParticipantRole
from .models import Assessment
from .participant_list import MAX_NAME_LENGTH, parse_participant_list
from .services import LOCKED_SETTINGS

SCALE_CHOICES = [(value, AnswerValue(value).label) for value in SCALE_VALUES]


class AssessmentForm(UtrechtFormMixin, forms.ModelForm):
    organisation = forms.ModelChoiceField(queryset=None, label=_("Organisation"), empty_label=None)

    class Meta:
        model = Assessment
        fields = [
            "organisation",
            "title",
            "run_by",
            "introduction",
            "mode",
            "anonymity_threshold",
            "include_patterns",
            "compare_groups",
            "allow_examples",
        ]
        widgets = {
            "mode": forms.RadioSelect,
            "introduction": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "introduction": _("Shown on the first page participants see."),
            "mode": _(
                "Anonymous: nobody sees individual answers, and results appear only from the threshold on. "
                "Open comparison: for small trusted groups such as the college or the mayor, clerk and secretary together; every "
                "participant is told that the group sees their answers side by side. Fixed once a participant opens "
                "their link."
            ),
            "anonymity_threshold": _("At least 5. Results of fewer respondents are never shown in anonymous mode."),
        }

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        if self.instance.pk:
            del self.fields["organisation"]
            if self.instance.is_locked:
                for name in LOCKED_SETTINGS:
                    self.fields[name].disabled = True
                    self.fields[name].help_text = _("Fixed: a participant has opened their link.")

    def settings(self) -> dict:
        """The cleaned values the create and update services take."""
        names = ("title", "run_by", "introduction", *LOCKED_SETTINGS)
        return {name: self.cleaned_data[name] for name in names}

    def clean(self):
        cleaned = super().clean()
        mode, threshold = cleaned.get("mode"), cleaned.get("anonymity_threshold")
        if mode == Mode.ANONYMOUS and threshold is not None and threshold < settings.MIN_ANONYMITY_THRESHOLD:
            self.add_error(
                "anonymity_threshold",
                _("In anonymous mode the threshold is at least %(minimum)s respondents.")
                % {"minimum": settings.MIN_ANONYMITY_THRESHOLD},
            )
        return cleaned


class NormsForm(UtrechtFormMixin, forms.Form):
    norm_min_share = forms.IntegerField(
        label=_("Minimum share of acceptable answers (%)"),
        min_value=1,
        max_value=100,
        help_text=_(
            "A statement meets the norm when at least this share of the given answers is acceptable "
            "('don't know' not counted). The default of 75% is a suggestion of the project, not of the guide."
        ),
    )
    phase1_min_outside = forms.IntegerField(
        label=_("Phase 1 is suggested from this many statements outside the norm"), min_value=1, max_value=19
    )
    phase2_min_outside = forms.IntegerField(
        label=_("Phase 2 is suggested from this many statements outside the norm"),
        min_value=2,
        max_value=19,
        help_text=_(
            "Phase 2 is also suggested when any statement marked serious is outside its norm. "
            "The defaults (1 and 3) are a suggestion of the project, not of the guide."
        ),
    )
    reason = SometimesRequiredCharField(
        label=_("Reason for the change"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required once answers have arrived; the change and the reason are shown with the results."),
    )

    def __init__(self, *args, norms, **kwargs):
        super().__init__(*args, **kwargs)
        self.norms = list(norms)
        for norm in self.norms:
            self.fields[self.field_name(norm)] = forms.TypedMultipleChoiceField(
                label=Dutch(f"{norm.item.number}. {norm.item.text}"),
                choices=SCALE_CHOICES,
                coerce=int,
                widget=forms.CheckboxSelectMultiple,
                initial=norm.acceptable_values,
                error_messages={"required": _("Choose at least one acceptable answer.")},
            )
            self.fields[self.serious_name(norm)] = forms.BooleanField(
                label=_("Serious: outside the norm here suggests phase 2"), required=False, initial=norm.is_serious
            )

    @staticmethod
    def field_name(norm) -> str:
        return f"item_{norm.item_id}"

    @staticmethod
    def serious_name(norm) -> str:
        return f"serious_{norm.item_id}"

    def norm_fields(self):
        return [(norm, self[self.field_name(norm)], self[self.serious_name(norm)]) for norm in self.norms]

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("phase1_min_outside"), cleaned.get("phase2_min_outside")
        if first and second and second <= first:
            self.add_error("phase2_min_outside", _("Phase 2 needs more statements outside the norm than phase 1."))
        return cleaned

    def norm_settings(self):
        from .services import NormSettings

        data = self.cleaned_data
        return NormSettings(
            acceptable={norm.item_id: data[self.field_name(norm)] for norm in self.norms},
            serious=frozenset(norm.item_id for norm in self.norms if data[self.serious_name(norm)]),
            norm_min_share=data["norm_min_share"],
            phase1_min_outside=data["phase1_min_outside"],
            phase2_min_outside=data["phase2_min_outside"],
        )


class ParticipantForm(UtrechtFormMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=MAX_NAME_LENGTH)
    email = forms.EmailField(label=_("E-mail address"), required=False)
    role = forms.ChoiceField(label=_("Role"), choices=ParticipantRole.choices, initial=ParticipantRole.COUNCILLOR)
    send_email = forms.BooleanField(
        label=_("Send the link by e-mail now"),
        required=False,
        initial=True,
        help_text=_("Then nobody sees the link, you neither. Without an e-mail address the link is shown to you once."),
    )


class BulkParticipantsForm(UtrechtFormMixin, forms.Form):
    people = forms.CharField(
        label=_("List of participants"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=60_000,
        help_text=_(
            "One participant per line: name; e-mail address; role. E-mail and role are optional. "
            "Roles: mayor, alderman, council member, council clerk, municipal secretary, civil servant, other."
        ),
    )
    default_role = forms.ChoiceField(
        label=_("Role when a line has none"), choices=ParticipantRole.choices, initial=ParticipantRole.COUNCILLOR
    )
    send_email = forms.BooleanField(
        label=_("Send the links by e-mail now"),
        required=False,
        initial=True,
        help_text=_(
            "Then nobody sees the links, you neither. Links of people without an address are shown to you once."
        ),
    )

    prefix = "list"  # two forms on one page: their fields must not share ids

    def clean(self):
        cleaned = super().clean()
        if "people" in cleaned and "default_role" in cleaned:
            try:
                cleaned["parsed"] = parse_participant_list(cleaned["people"], default_role=cleaned["default_role"])
            except forms.ValidationError as exc:
                self.add_error("people", exc)
        return cleaned
