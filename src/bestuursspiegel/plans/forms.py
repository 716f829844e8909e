from django import forms
from django.utils.translation import gettext_lazy as _

from bestuursspiegel.knowledge.models import Buffer
from bestuursspiegel.utils.forms import UtrechtFormMixin
from bestuursspiegel.utils.language import Dutch

from .models import Action

YES_NO_UNKNOWN = [("", _("not answered")), ("yes", _("yes")), ("no", _("no"))]


class ActionForm(UtrechtFormMixin, forms.ModelForm):
    class Meta:
        model = Action
        fields = ["title", "owner", "owner_email", "due_date", "status", "items", "buffers", "notes", "links"]
        widgets = {
            "due_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "items": forms.CheckboxSelectMultiple,
            "buffers": forms.CheckboxSelectMultiple,
            "notes": forms.Textarea(attrs={"rows": 3}),
            "links": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, assessment, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["items"].queryset = assessment.questionnaire.items.order_by("number")
        self.fields["items"].label_from_instance = lambda item: Dutch(f"{item.number}. {item.text}")
        self.fields["buffers"].queryset = Buffer.objects.published()

    def values(self) -> dict:
        data = self.cleaned_data
        return {name: data[name] for name in ("title", "owner", "owner_email", "due_date", "status", "notes", "links")}


class BufferCheckForm(UtrechtFormMixin, forms.Form):
    def __init__(self, *args, buffers, existing: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.buffers = list(buffers)
        labels = {
            "exists": _("Does it exist?"),
            "known": _("Is it known?"),
            "used": _("Is it used?"),
            "current": _("Is it current?"),
        }
        for buffer in self.buffers:
            check = existing.get(buffer.pk)
            for question, label in labels.items():
                value = getattr(check, question) if check else None
                self.fields[f"{question}_{buffer.pk}"] = forms.ChoiceField(
                    label=label,
                    choices=YES_NO_UNKNOWN,
                    required=False,
                    widget=forms.RadioSelect,
                    initial={True: "yes", False: "no"}.get(value, ""),
                )
            self.fields[f"note_{buffer.pk}"] = forms.CharField(
                label=_("Note"), required=False, max_length=1000, initial=check.note if check else ""
            )

    def rows(self):
        return [
            (
                buffer,
                [self[f"{q}_{buffer.pk}"] for q in ("exists", "known", "used", "current")],
                self[f"note_{buffer.pk}"],
            )
            for buffer in self.buffers
        ]

    def answers(self) -> dict:
        convert = {"yes": True, "no": False, "": None}
        return {
            buffer: {
                **{q: convert[self.cleaned_data[f"{q}_{buffer.pk}"]] for q in ("exists", "known", "used", "current")},
                "note": self.cleaned_data[f"note_{buffer.pk}"],
            }
            for buffer in self.buffers
        }


class AgendaForm(UtrechtFormMixin, forms.Form):
    organisation = forms.ModelChoiceField(queryset=None, label=_("Organisation"), empty_label=None)
    term_start = forms.DateField(
        label=_("Start of the council term"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("The day the new council is installed. The agenda covers four years from then."),
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
