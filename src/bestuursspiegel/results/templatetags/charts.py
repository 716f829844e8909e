from django import template

from bestuursspiegel.results import charts

register = template.Library()


@register.inclusion_tag("results/chart.svg")
def diverging_bar(result, chart_id: str):
    segments = charts.diverging_segments(result.distribution, result.item.direction)
    summary = ", ".join(f"{s.label} {s.percent:.0f}%" for s in segments)
    return {
        "segments": segments,
        "chart_id": chart_id,
        "summary": summary,
        "width": charts.WIDTH,
        "height": charts.HEIGHT,
        "centre": charts.CENTRE,
    }


@register.filter
def percent(value) -> str:
    """0.4 → "40%"; None → "—"."""
    if value is None:
        return "—"
    return f"{value * 100:.0f}%"
