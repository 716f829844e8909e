"""Diverging stacked bars as plain SVG, computed here and drawn by a template.

Hand-made rather than matplotlib: one bar is five rectangles, the output is small, needs no
numpy, inherits the page's fonts, and works under a strict CSP. Unwanted answers go left
of the centre line and wanted ones right, so every bar reads the same way whatever the
statement's direction; "geregeld" straddles the centre.
"""

from dataclasses import dataclass

from bestuursspiegel.questionnaires.constants import AnswerValue, Direction

WIDTH = 600
HEIGHT = 44
MARGIN = 6
CENTRE = WIDTH / 2
SCALE = (WIDTH / 2 - MARGIN) / 100  # pixels per percent on each side
BAR_TOP, BAR_HEIGHT = 10, 24

# Orange (unwanted) to purple (wanted), after ColorBrewer PuOr, with the middle darkened so that
# every pair of neighbours differs at least 3:1 (WCAG 1.4.11); the ends are over 8:1 against white.
# The bar has a dark outline, so no segment depends on its contrast with the page, and white
# separators between segments. Index 0 is the most unwanted answer.
COLOURS = ["#8c2d04", "#fdb863", "#5e5e5e", "#c2b5e0", "#542788"]
OUTLINE = "#1a1a1a"


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


@dataclass(frozen=True)
class Bar:
    segments: list[Segment]
    left: float
    right: float
    norm_x: float | None  # where the acceptable block must reach to meet the norm, when it is at one end

    @property
    def width(self) -> float:
        return round(self.right - self.left, 2)


def diverging_bar(distribution, direction: str, acceptable: list[int], norm_min_share: int) -> Bar:
    """The segments, the bar's extent and the norm mark. The mark is drawn when the acceptable answers
    form one block at an end of the bar (the usual case: the wanted side): the block must reach past
    the mark for the statement to meet the norm. Otherwise there is no single place to mark."""
    segments = diverging_segments(distribution, direction)
    visible = [s for s in segments if s.width > 0] or segments
    left, right = visible[0].x, visible[-1].x + visible[-1].width
    order = [s.value for s in segments]
    positions = sorted(order.index(v) for v in acceptable if v in order)
    norm_x = None
    contiguous = positions and positions == list(range(positions[0], positions[-1] + 1))
    if contiguous and len(positions) < len(order):
        if positions[-1] == len(order) - 1:
            norm_x = round(right - norm_min_share * SCALE, 2)
        elif positions[0] == 0:
            norm_x = round(left + norm_min_share * SCALE, 2)
    return Bar(segments=segments, left=left, right=right, norm_x=norm_x)


def legend(direction: str = Direction.PROBLEM) -> list[tuple[str, str]]:
    return [(COLOURS[i], str(AnswerValue(v).label)) for i, v in enumerate(unwanted_to_wanted(direction))]


def at_a_glance(items) -> list:
    """All statements in one figure, for a griffier who has ten seconds: those outside the norm
    first, then those without a judgement or hidden, then those within; in the guide's order."""
    return sorted(items, key=lambda r: (0 if r.meets_norm is False else 2 if r.meets_norm else 1, r.item.number))
