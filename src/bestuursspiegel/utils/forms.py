"""Render Django form fields with NL Design System (Utrecht) classes."""

from django import forms
from django.forms.renderers import TemplatesSetting
from django.forms.widgets import Input

WIDGET_CLASSES = {
    forms.Textarea: "utrecht-textarea utrecht-textarea--html-textarea",
    forms.Select: "utrecht-select utrecht-select--html-select",
    forms.CheckboxInput: "utrecht-checkbox utrecht-checkbox--html-input",
    forms.RadioSelect: "utrecht-radio-button utrecht-radio-button--html-input",
    forms.CheckboxSelectMultiple: "utrecht-checkbox utrecht-checkbox--html-input",
    Input: "utrecht-textbox utrecht-textbox--html-input",
}


class FormRenderer(TemplatesSetting):
    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"


def widget_class(widget: forms.Widget) -> str:
    for widget_type, css_class in WIDGET_CLASSES.items():
        if isinstance(widget, widget_type):
            return css_class
    return ""


class UtrechtFormMixin:
    """Give every widget its Utrecht class so templates need no per-field markup."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css_class = widget_class(field.widget)
            if css_class:
                existing = field.widget.attrs.get("class", "")
                field.widget.attrs["class"] = f"{existing} {css_class}".strip()


class SometimesRequiredCharField(forms.CharField):
    """Optional to Django, required in a situation the form checks itself (its help text says when).

    The label then does not say "(optional)" beside a help text that says "Required when …".
    """

    sometimes_required = True
