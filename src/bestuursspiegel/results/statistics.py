"""Statistics of agreement and spread, named and explained on the results page.

Plain functions on lists of answer values (1 altijd … 5 nooit); callers pass only groups that
the anonymity gate has released.
"""

import math
import statistics
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
    if not values:
        return None
    if len(values) == 1:
        only = values[0]
        return Spread(median=only, q1=only, q3=only, low=only, high=only, rwg=None)
    q1, _q2, q3 = statistics.quantiles(values, n=4, method="inclusive")
    rwg = max(0.0, 1 - statistics.variance(values) / UNIFORM_VARIANCE)
    return Spread(median=statistics.median(values), q1=q1, q3=q3, low=min(values), high=max(values), rwg=rwg)


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
