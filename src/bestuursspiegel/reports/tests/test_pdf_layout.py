"""The PDF report as a reader turns its pages: no table row split over two pages; the pattern
reflection and the note on the reversed colours are in it."""

import pytest
from django.template.loader import render_to_string
from weasyprint import HTML

from bestuursspiegel.plans import services as plan_services
from bestuursspiegel.reports.pdf import report_context
from bestuursspiegel.responses.tests.helpers import close, invite, respond

pytestmark = pytest.mark.django_db


def rows_on_more_than_one_page(html: str) -> int:
    document = HTML(string=html, base_url=".").render()
    pages_of_row, header_rows = {}, set()
    for number, page in enumerate(document.pages):
        for box in page._page_box.descendants():
            if getattr(box, "element_tag", None) == "thead":  # repeats on every page by design
                header_rows |= {id(row) for row in box.element.iter("tr")}
            if getattr(box, "element_tag", None) == "tr" and id(box.element) not in header_rows:
                pages_of_row.setdefault(id(box.element), set()).add(number)
    assert len(document.pages) > 2 and pages_of_row
    return sum(1 for pages in pages_of_row.values() if len(pages) > 1)


def test_no_row_of_the_action_plan_is_split_over_two_pages(running, facilitator, knowledge):
    # Rows of one to six lines, so that page ends fall where a row would be cut.
    for n in range(60):
        words = "een lange omschrijving van wat er is afgesproken " * (1 + n % 6)
        owner = "griffie en werkgroep integriteit van de raad " * (1 + n % 3)
        plan_services.action_create(assessment=running, actor=facilitator, title=f"{n}. {words}"[:300], owner=owner)
    html = render_to_string("reports/report.html", report_context(running))
    assert rows_on_more_than_one_page(html) == 0


def test_the_report_has_the_pattern_reflection_and_explains_the_reversed_colours(
    running, facilitator, knowledge, settings
):
    running.include_patterns = True
    running.save(update_fields=["include_patterns"])
    for invitation in invite(running, facilitator, 5):
        respond(invitation, 2)
    close(running, facilitator)
    html = render_to_string("reports/report.html", report_context(running))
    positive = running.questionnaire.items.get(direction="positive")
    assert "Reflectie op patronen" in html or "Reflection on patterns" in html
    assert f"Stelling {positive.number} beschrijft een sterkte" in html
