"""Dutch content on pages in another language (WCAG 3.1.2, language of parts).

The questionnaire and the knowledge base are Dutch whatever the interface language. Their text
fields return `Dutch` strings: an ordinary `str` everywhere (exports, JSON, comparisons), but shown
in a template on a page that is not Dutch, it is wrapped in `<span lang="nl">`, so screen readers
pronounce it as Dutch. Text that filters turn into a plain string, and text in <title>, needs its
own `lang="nl"` or `|stringformat:"s"` in the template; `accessibility/tests/test_language.py`
finds any place that was missed.
"""

from django.db import models
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language


class Dutch(str):
    def __html__(self):
        text = escape(str(self))
        if (get_language() or "nl").split("-")[0] == "nl":
            return text
        return mark_safe(f'<span lang="nl">{text}</span>')  # noqa: S308 - the text is escaped above


def dutch(value):
    """Mark strings in a value from the content files as Dutch, also inside lists."""
    if isinstance(value, str):
        return Dutch(value)
    if isinstance(value, list):
        return [dutch(v) for v in value]
    return value


class DutchMixin:
    def from_db_value(self, value, expression, connection):
        return dutch(value)


class DutchCharField(DutchMixin, models.CharField):
    pass


class DutchTextField(DutchMixin, models.TextField):
    pass


class DutchListField(models.JSONField):
    """A JSON list of Dutch strings (legal references, proposals, discussion questions)."""

    def from_db_value(self, value, expression, connection):
        return dutch(super().from_db_value(value, expression, connection))
