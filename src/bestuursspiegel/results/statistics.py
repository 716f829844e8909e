"""Statistics of agreement and spread, named and explained on the results page.

Plain functions on answer values (1 altijd … 5 nooit), as lists or as counts per value; callers
pass only groups that the anonymity gate has released.
"""

import math
from collections import Counter
from dataclasses import dataclass

import krippendorff

# rwg (James, Demaree & Wolf): 1 − observed variance / variance expected if everyone answered at
# random on the five-point scale, (5² − 1) / 12 = 2.
UNIFORM_VARIANCE = (5**2 - 1) / 12

# The project's reading of rwg for the flags on the page, not a standard from the guide.
DIVIDED_BELOW = 0.5
UNANIMOUS_FROM = 0.8


@dataclass(frozen=True)
class Spread:
    median: float
    q1: float
    q3: float
    low: int
    high: int
    rwg: float | None

    @property
    def iqr(self) -> float:
        return self.q3 - self.q1


def spread(values: list[int]) -> Spread | None:
    """Median, quartiles (inclusive method), range and rwg of substantive answers."""
    return spread_of_counts(Counter(values))


def spread_of_counts(counts: dict[int, int]) -> Spread | None:
    """`spread` from how often each value was given: the same figures as Python's `statistics`
    module on the expanded list (quantiles with the inclusive method, sample variance), in time
    that does not grow with the number of respondents."""
    ordered = sorted((value, n) for value, n in counts.items() if n > 0)
    total = sum(n for _value, n in ordered)
    if total == 0:
        return None
    low, high = ordered[0][0], ordered[-1][0]
    if total == 1:
        return Spread(median=low, q1=low, q3=low, low=low, high=high, rwg=None)

    def at(position: int) -> int:  # the value at 0-based `position` of the sorted answers
        for value, n in ordered:
            if position < n:
                return value
            position -= n
        raise IndexError(position)

    def quartile(i: int) -> float:  # statistics.quantiles(n=4, method="inclusive")
        m = total - 1
        j, delta = divmod(i * m, 4)
        return (at(j) * (4 - delta) + at(j + 1) * delta) / 4 if delta else at(j)

    half = total // 2
    median = at(half) if total % 2 else (at(half - 1) + at(half)) / 2
    mean = sum(value * n for value, n in ordered) / total
    variance = sum(n * (value - mean) ** 2 for value, n in ordered) / (total - 1)
    rwg = max(0.0, 1 - variance / UNIFORM_VARIANCE)
    return Spread(median=median, q1=quartile(1), q3=quartile(3), low=low, high=high, rwg=rwg)


def flags(*, meets_norm: bool | None, rwg: float | None) -> list[str]:
    result = []
    if meets_norm is False:
        result.append("outside_norm")
    if rwg is not None and rwg < DIVIDED_BELOW:
        result.append("divided")
    if rwg is not None and rwg >= UNANIMOUS_FROM:
        result.append("unanimous")
    return result


def group_alpha(matrix: list[list[float]]) -> float | None:
    """Krippendorff's alpha (ordinal) with respondents as coders and statements as units.

    `matrix` holds one row per respondent, one column per statement, NaN for "don't know".
    None when alpha is undefined (fewer than two respondents or no variation at all).
    """
    if len(matrix) < 2:
        return None
    try:
        value = krippendorff.alpha(reliability_data=matrix, level_of_measurement="ordinal")
    except (ValueError, ZeroDivisionError):
        return None
    return None if math.isnan(value) else float(value)
