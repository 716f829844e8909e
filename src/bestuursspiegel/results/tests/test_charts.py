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
