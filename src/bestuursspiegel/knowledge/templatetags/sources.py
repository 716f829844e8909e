from django import template

from bestuursspiegel.knowledge.sources import cite as cite_source

register = template.Library()


@register.simple_tag
def cite(file, *sections):
    """{% cite "000_….txt" "Fase 1" %} → the document's title and maker, and the section."""
    return cite_source(file, *sections)
