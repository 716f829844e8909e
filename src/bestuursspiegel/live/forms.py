from django import forms
from django.utils.translation import gettext_lazy as _

from bestuursspiegel.assessments.constants import ParticipantRole
from bestuursspiegel.responses.forms import CODE_INPUT, AnswerForm
from bestuursspiegel.utils.forms import UtrechtFormMixin


class CodeForm(UtrechtFormMixin, forms.Form):
    code = forms.CharField(
        label=_("Code on the screen"),
        max_length=20,
        help_text=_("Eight letters and digits, shown on the shared screen."),
        widget=forms.TextInput(attrs=CODE_INPUT),
        error_messages={"required": _("Enter the code shown on the screen.")},
    )


class JoinForm(UtrechtFormMixin, forms.Form):
    role = forms.ChoiceField(
        label=_("Your role"),
        choices=[("", _("Choose your role")), *ParticipantRole.choices],
        error_messages={"required": _("Choose your role."), "invalid_choice": _("Choose your role.")},
    )
    name = forms.CharField(label=_("Your name"), max_length=200, required=False)
    consent_open = forms.BooleanField(
        required=False,
        label=_("I understand that the group will see my answers side by side with those of the others."),
    )

    def __init__(self, *args, open_mode: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not open_mode:  # anonymous: nothing that could identify the device's owner is asked
            del self.fields["name"]
            del self.fields["consent_open"]
        else:
            self.fields["name"].required = True
            self.fields["name"].error_messages["required"] = _(
                "Enter your name: in this open comparison the group sees who answered what."
            )


class LiveAnswerForm(AnswerForm):
    """The questionnaire's answer scale without the example: in the meeting, examples are spoken."""

    example = None


class NotesForm(UtrechtFormMixin, forms.Form):
    notes = forms.CharField(label=_("Notes"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 4}))
    conclusions = forms.CharField(
        label=_("Conclusions"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
