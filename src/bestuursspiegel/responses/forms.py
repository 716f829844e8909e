from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from bestuursspiegel.questionnaires.constants import AnswerValue
from bestuursspiegel.utils.forms import UtrechtFormMixin

from .constants import PatternValue

# The guide's order, then the explicit "don't know" last.
ANSWER_CHOICES = [(v, AnswerValue(v).label) for v in (1, 2, 3, 4, 5, 0)]
ANSWER_SENT = frozenset(str(v) for v, _label in ANSWER_CHOICES)  # the values the form accepts, as sent


class AnswerForm(UtrechtFormMixin, forms.Form):
    value = forms.TypedChoiceField(
        choices=ANSWER_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose one of the answers, or 'don't know / not applicable'."),
            "invalid_choice": _("This answer is not on the scale."),
        },
    )
    example = forms.CharField(
        label=_("Example or explanation"),
        required=False,
        max_length=settings.EXAMPLE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "What makes you give this answer? Do not write names or details by which you or others can be recognised."
        ),
        error_messages={"max_length": _("The example is too long: at most %(limit_value)d characters.")},
    )

    def __init__(self, *args, item, allow_examples: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["value"].label = item.text
        if not allow_examples:
            del self.fields["example"]


class StartForm(forms.Form):
    consent_open = forms.BooleanField(
        required=False,
        label=_("I understand that the group will see my answers side by side with those of the others."),
    )
    # Made when the start page is shown, so that sending the form twice starts one response.
    resume_code = forms.CharField(
        widget=forms.HiddenInput, max_length=40, error_messages={"required": _("Open your link again.")}
    )


# For fields where people type a code read from a screen or a note: no autofill, capitals, no spell check.
CODE_INPUT = {"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}


class ResumeForm(UtrechtFormMixin, forms.Form):
    code = forms.CharField(
        label=_("Resume code"),
        max_length=40,
        help_text=_("The code of twelve letters and digits you saw when you started, for example ABCD-EFGH-JKMN."),
        widget=forms.TextInput(attrs=CODE_INPUT),
        error_messages={"required": _("Enter your resume code.")},
    )


class PatternForm(UtrechtFormMixin, forms.Form):
    value = forms.TypedChoiceField(
        choices=[(v, PatternValue(v).label) for v in (1, 2, 3, 0)],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose one of the answers."),
            "invalid_choice": _("This answer is not on the scale."),
        },
    )

    def __init__(self, *args, pattern, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["value"].label = pattern.question
