import pytest

from bestuursspiegel.questionnaires.constants import Direction
from bestuursspiegel.results.aggregation import Distribution
from bestuursspiegel.results.charts import CENTRE, COLOURS, SCALE, diverging_segments


def test_neutral_answer_straddles_the_centre_line():
    segments = diverging_segments(Distribution({1: 1, 2: 1, 3: 2, 4: 3, 5: 3}), Direction.PROBLEM)
    neutral = next(s for s in segments if s.value == 3)
    assert neutral.x + neutral.width / 2 == pytest.approx(CENTRE, abs=0.02)


def test_widths_are_shares_of_substantive_answers():
    segments = diverging_segments(Distribution({1: 1, 4: 3, 0: 6}), Direction.PROBLEM)
    widths = {s.value: s.width for s in segments}
    assert widths[1] == pytest.approx(25 * SCALE, abs=0.01)
    assert widths[4] == pytest.approx(75 * SCALE, abs=0.01)
    assert sum(widths.values()) == pytest.approx(100 * SCALE, abs=0.05)


def test_unwanted_answers_are_left_and_orange_whatever_the_direction():
    problem = diverging_segments(Distribution({1: 1, 5: 1}), Direction.PROBLEM)
    positive = diverging_segments(Distribution({1: 1, 5: 1}), Direction.POSITIVE)
    assert [s.value for s in problem] == [1, 2, 3, 4, 5]
    assert [s.value for s in positive] == [5, 4, 3, 2, 1]
    assert problem[0].colour == positive[0].colour == COLOURS[0]
    assert problem[0].x + problem[0].width <= CENTRE <= problem[-1].x


def _luminance(colour: str) -> float:
    """Relative luminance as WCAG defines it."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_the_chart_colours_meet_non_text_contrast():
    """WCAG 1.4.11: neighbouring segments differ at least 3:1; the end segments stand out against the
    page; segments that are light stand out against the bar's dark outline."""
    from bestuursspiegel.results.charts import OUTLINE

    for left, right in zip(COLOURS, COLOURS[1:], strict=False):
        assert contrast(left, right) >= 3, (left, right)
    assert contrast(COLOURS[0], "#ffffff") >= 3 and contrast(COLOURS[-1], "#ffffff") >= 3
    assert contrast(OUTLINE, "#ffffff") >= 3
    for colour in COLOURS:
        assert max(contrast(colour, OUTLINE), contrast(colour, "#ffffff")) >= 3, colour


def test_the_norm_mark_stands_where_the_acceptable_block_must_reach():
    from bestuursspiegel.results.charts import diverging_bar

    # Problem statement, acceptable "soms" and "nooit" (the right end), norm 75%.
    bar = diverging_bar(Distribution({1: 2, 2: 2, 3: 2, 4: 2, 5: 2}), Direction.PROBLEM, [4, 5], 75)
    assert bar.norm_x == pytest.approx(bar.right - 75 * SCALE, abs=0.01)
    # Acceptable answers at the left end are measured from the left.
    bar = diverging_bar(Distribution({1: 2, 2: 2, 3: 2, 4: 2, 5: 2}), Direction.PROBLEM, [1, 2], 60)
    assert bar.norm_x == pytest.approx(bar.left + 60 * SCALE, abs=0.01)
    # Acceptable answers that are not one block at an end have no single place to mark.
    assert diverging_bar(Distribution({1: 1, 5: 1}), Direction.PROBLEM, [2, 4], 75).norm_x is None
