"""Diverging stacked bars as plain SVG, computed here and drawn by a template.

Hand-made rather than matplotlib: one bar is five rectangles, the output is small, needs no
numpy, inherits the page's fonts, and works under a strict CSP. Unwanted answers go left
of the centre line and wanted ones right, so every bar reads the same way whatever the
statement's direction; "geregeld" straddles the centre.
"""

from dataclasses import dataclass

from bestuursspiegel.questionnaires.constants import AnswerValue, Direction

WIDTH = 600
HEIGHT = 36
MARGIN = 4
CENTRE = WIDTH / 2
SCALE = (WIDTH / 2 - MARGIN) / 100  # pixels per percent on each side

# Orange (unwanted) to purple (wanted), ColorBrewer PuOr: distinguishable with the common
# forms of colour blindness. Index 0 is the most unwanted answer.
COLOURS = ["#b35806", "#f1a340", "#d9d9d9", "#998ec3", "#542788"]


def unwanted_to_wanted(direction: str) -> list[int]:
    """Answer values ordered from most unwanted to most wanted for this statement."""
    order = [1, 2, 3, 4, 5]
    return order if direction == Direction.PROBLEM else list(reversed(order))


@dataclass(frozen=True)
class Segment:
    value: int
    label: str
    percent: float
    x: float
    width: float
    colour: str


def diverging_segments(distribution, direction: str) -> list[Segment]:
    order = unwanted_to_wanted(direction)
    percents = [distribution.share(value) * 100 for value in order]
    x = CENTRE - (percents[0] + percents[1] + percents[2] / 2) * SCALE
    segments = []
    for index, (value, percent) in enumerate(zip(order, percents, strict=True)):
        width = percent * SCALE
        segments.append(
            Segment(
                value=value,
                label=str(AnswerValue(value).label),
                percent=percent,
                x=round(x, 2),
                width=round(width, 2),
                colour=COLOURS[index],
            )
        )
        x += width
    return segments


def legend(direction: str = Direction.PROBLEM) -> list[tuple[str, str]]:
    return [(COLOURS[i], str(AnswerValue(v).label)) for i, v in enumerate(unwanted_to_wanted(direction))]
