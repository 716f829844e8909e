"""Forms keep Django's Dutch wording although Django REST framework translates the same messages."""

from django.utils import translation

from bestuursspiegel.utils.shared_messages import SHARED


def test_shared_messages_read_as_django_writes_them():
    with translation.override("nl"):
        assert translation.gettext("This field is required.") == "Dit veld is verplicht."
        assert all(translation.gettext(message) != message for message in SHARED)
