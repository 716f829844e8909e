"""JSON types as the OAS states them. DRF's fields are lenient (5 for "5", "true" or 1 for true);
an API whose published contract says "string" or "boolean" refuses anything else, with a message."""

from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers


class _Strict:
    json_types: tuple[type, ...] = ()
    default_error_messages = {"type": _("Wrong type: see the schema.")}

    def to_internal_value(self, data):
        if not isinstance(data, self.json_types) or (bool not in self.json_types and isinstance(data, bool)):
            self.fail("type")
        return super().to_internal_value(data)


# Django refuses NUL characters in text; said in the schema as a pattern, so clients know.
NO_NUL = RegexValidator(r"^[^\x00]*$", message=_("Null characters are not allowed."))


# What Python's str.strip() removes (DRF trims with it), written so that JSON Schema's regex reads it
# the same: a required text needs one character outside it.
_SPACE = "\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
NOT_BLANK = RegexValidator(rf"^[^\x00]*[^\x00{_SPACE}][^\x00]*$", message=_("This field may not be blank."))


class StrictCharField(_Strict, serializers.CharField):
    json_types = (str,)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.validators.append(NO_NUL if self.allow_blank else NOT_BLANK)


class StrictEmailField(_Strict, serializers.EmailField):
    json_types = (str,)


class StrictIntegerField(_Strict, serializers.IntegerField):
    json_types = (int,)


class StrictBooleanField(_Strict, serializers.BooleanField):
    json_types = (bool,)


class StrictChoiceField(_Strict, serializers.ChoiceField):
    json_types = (str,)
