"""Every page loads one stylesheet, built by bin/build-css.mjs with only the rules the pages use."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db


def site_css() -> str:
    path = finders.find("css/site.css")
    assert path, "build/static/css/site.css is missing: run `make setup` (node bin/build-css.mjs)"
    return Path(path).read_text(encoding="utf-8")


def test_a_page_links_only_the_built_stylesheet(client):
    html = client.get("/privacy/").content.decode()
    links = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
    assert links == [f"{settings.STATIC_URL}css/site.css"]


def test_the_built_stylesheet_keeps_what_the_pages_use_and_drops_the_rest():
    css = site_css()
    for selector in (".voorbeeld-theme", ".utrecht-button", ".utrecht-radio-button", ".fold__summary", ".project-note"):
        assert selector in css, selector
    # Composed in templates from data ("path__step--{{ step.state }}"): kept by the safelist.
    assert ".path__step--" in css and ".legend__item--" in css
    # The project's own rules are there (app.css is written for these templates) ...
    assert all(rule in css for rule in (".skip-link", ".glance", ".source-box"))
    # ... and components no template uses are not: the whole library would be ~470 KB.
    assert ".utrecht-calendar" not in css and ".utrecht-pagination" not in css
    assert len(css) < 200_000
