from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bestuursspiegel.organisations.services import organisations_for_user
from bestuursspiegel.utils.forms import UtrechtFormMixin

from . import attachments
from .constants import ATTACHMENTS_PER_MESSAGE, CONTACT_MAX_LENGTH, TEXT_MAX_LENGTH, Category, MessageKind, ReportStatus
from .models import ReportingDesk


class DeskForm(UtrechtFormMixin, forms.ModelForm):
    class Meta:
        model = ReportingDesk
        fields = ["title", "introduction", "starts_on", "ends_on", "retention_months"]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}),
            "ends_on": forms.DateInput(attrs={"type": "date"}),
        }

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in DeskForm.Meta.fields}

    def clean(self):
        cleaned = super().clean()
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The end date must not be before the start date."))
        return cleaned


class NewDeskForm(DeskForm):
    organisation = forms.ModelChoiceField(label=gettext_lazy("Organisation"), queryset=None, empty_label=None)

    class Meta(DeskForm.Meta):
        fields = ["organisation", *DeskForm.Meta.fields]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations_for_user(user)


class RecipientForm(UtrechtFormMixin, forms.Form):
    email = forms.EmailField(label=gettext_lazy("E-mail address of their account"))
    role = forms.CharField(
        label=gettext_lazy("Role, as reporters will see it"),
        max_length=200,
        help_text=gettext_lazy("For example: external confidential adviser. Their name is not shown."),
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Up to ATTACHMENTS_PER_MESSAGE files, each cleaned of metadata (attachments.clean)."""

    widget = MultipleFileInput(attrs={"accept": ".jpg,.jpeg,.png,.pdf,image/jpeg,image/png,application/pdf"})

    def clean(self, data, initial=None):
        uploaded = [f for f in (data if isinstance(data, (list, tuple)) else [data]) if f]
        if len(uploaded) > ATTACHMENTS_PER_MESSAGE:
            raise ValidationError(_("Send at most %(count)s files at a time.") % {"count": ATTACHMENTS_PER_MESSAGE})
        errors, cleaned = [], []
        for item in uploaded:
            try:
                cleaned.append(attachments.clean(item))
            except ValidationError as error:
                errors.extend(error.messages)
        if errors:
            raise ValidationError(errors)
        return cleaned


def _text_field(label):
    return forms.CharField(
        label=label,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": gettext_lazy("Write what you want to report.")},
    )


def _files_field():
    return AttachmentsField(
        label=gettext_lazy("Attachments"),
        help_text=gettext_lazy("At most three photos (JPEG, PNG) or PDFs of 4 MB each. We remove their metadata."),
        required=False,
    )


ANONYMOUS, CONTACT = "anonymous", "contact"


class ReportForm(UtrechtFormMixin, forms.Form):
    text = _text_field(gettext_lazy("What do you want to report?"))
    category = forms.ChoiceField(
        label=gettext_lazy("What is it about?"),
        choices=[("", gettext_lazy("I do not choose"))] + list(Category.choices),
        required=False,
    )
    identity = forms.ChoiceField(
        label=gettext_lazy("Do you want to stay anonymous?"),
        choices=[
            (ANONYMOUS, gettext_lazy("Yes, I stay anonymous")),
            (CONTACT, gettext_lazy("No, I leave contact details for the recipients")),
        ],
        widget=forms.RadioSelect,
        initial=ANONYMOUS,
        error_messages={"required": gettext_lazy("Choose whether you stay anonymous.")},
    )
    contact = forms.CharField(
        label=gettext_lazy("Your contact details"),
        help_text=gettext_lazy("Only if you chose to leave them: a name and a telephone number or e-mail address."),
        max_length=CONTACT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    files = _files_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact"].sometimes_required = True  # required with "No, I leave contact details"

    def clean(self):
        cleaned = super().clean()
        contact = (cleaned.get("contact") or "").strip()
        if cleaned.get("identity") == CONTACT and not contact:
            self.add_error("contact", _("Fill in your contact details, or choose to stay anonymous."))
        if cleaned.get("identity") == ANONYMOUS and contact:
            self.add_error(
                "contact", _("You chose to stay anonymous: leave this field empty, or choose to leave contact details.")
            )
        return cleaned


class ReturnForm(UtrechtFormMixin, forms.Form):
    receipt_code = forms.CharField(label=gettext_lazy("Receipt code"), max_length=40)
    secret = forms.CharField(label=gettext_lazy("Secret"), max_length=80, widget=forms.PasswordInput)


class ReporterMessageForm(UtrechtFormMixin, forms.Form):
    text = _text_field(gettext_lazy("Your message or extra information"))
    files = _files_field()


class PasswordForm(UtrechtFormMixin, forms.Form):
    password = forms.CharField(label=gettext_lazy("Your password"), widget=forms.PasswordInput, max_length=200)


class RecipientMessageForm(UtrechtFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"),
        choices=[(k.value, k.label) for k in MessageKind if k != MessageKind.REPORTER],
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Choose what kind of message this is.")},
    )
    text = forms.CharField(
        label=gettext_lazy("Text"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": gettext_lazy("Write the message.")},
    )


class StatusForm(UtrechtFormMixin, forms.Form):
    status = forms.ChoiceField(label=gettext_lazy("Status"), choices=ReportStatus.choices)


class ExportForm(PasswordForm):
    password = forms.CharField(
        label=gettext_lazy("Password for the archive"),
        min_length=12,
        max_length=200,
        widget=forms.PasswordInput,
        help_text=gettext_lazy("At least 12 characters. Give it to the investigator by another route than the file."),
    )
