from django import template

from bestuursspiegel.results import charts

register = template.Library()


@register.inclusion_tag("results/chart.svg")
def diverging_bar(result, chart_id: str, norm_min_share: int):
    bar = charts.diverging_bar(result.distribution, result.item.direction, result.acceptable, norm_min_share)
    return {
        "bar": bar,
        "result": result,
        "norm_min_share": norm_min_share,
        "chart_id": chart_id,
        "summary": ", ".join(f"{s.label} {s.percent:.0f}%" for s in bar.segments),
        "width": charts.WIDTH,
        "height": charts.HEIGHT,
        "centre": charts.CENTRE,
        "top": charts.BAR_TOP,
        "bar_height": charts.BAR_HEIGHT,
        "bottom": charts.BAR_TOP + charts.BAR_HEIGHT,
        "outline": charts.OUTLINE,
    }


@register.filter
def percent(value) -> str:
    """0.4 → "40%"; None → "—"."""
    if value is None:
        return "—"
    return f"{value * 100:.0f}%"
