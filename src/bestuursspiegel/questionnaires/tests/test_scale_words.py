from django.utils import translation

from bestuursspiegel.questionnaires.templatetags.scale import median_words


def test_a_median_is_read_as_answer_words():
    with translation.override("nl"):
        assert median_words(2) == "vaak"
        assert median_words(2.0) == "vaak"
        assert median_words(2.5) == "tussen vaak en geregeld"
        assert median_words(4.5) == "tussen soms en nooit"
        assert median_words(None) == median_words("x") == median_words(7) == ""
