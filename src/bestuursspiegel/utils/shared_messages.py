"""Messages that Django and Django REST framework both translate, differently ("Dit veld is
verplicht." against "Dit veld is vereist."). An installed app's catalogue outranks Django's own,
so DRF's wording would replace Django's on every form. The project's catalogue (LOCALE_PATHS, first
in line) holds Django's wording for these, so forms and the API say the same thing."""

from django.utils.translation import gettext_noop

SHARED = (
    gettext_noop("This field is required."),
    gettext_noop("No file was submitted."),
    gettext_noop("Value must be valid JSON."),
)
