"""Language of parts (WCAG 3.1.2): on English pages every piece of Dutch content (statements,
sections, the knowledge base) sits inside an element with lang="nl"; on Dutch pages no English
interface text is left untranslated (or it sits inside lang="en")."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from bestuursspiegel.knowledge.models import AwarenessStage, Helper, Instrument, LadderLevel, Measure, Pattern
from bestuursspiegel.questionnaires.models import Item, Section

from .test_pages import build_world, facilitator_pages, log_in, public_pages

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PO = Path(settings.BASE_DIR) / "src" / "bestuursspiegel" / "locale" / "nl" / "LC_MESSAGES" / "django.po"

# Text nodes containing one of `phrases` whose nearest [lang] is not `lang`.
MISPLACED = """([phrases, lang]) => {
  const wrong = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, text = node.textContent;
    if (!text.trim() || node.parentElement.closest('script, style')) continue;
    const hit = phrases.find(p => text.includes(p));
    if (!hit) continue;
    const marked = node.parentElement.closest('[lang]');
    if (!marked || !marked.getAttribute('lang').startsWith(lang)) wrong.push(hit.slice(0, 50));
  }
  return [...new Set(wrong)];
}"""


def dutch_content() -> list[str]:
    """Texts that come from the Dutch content files, long enough not to occur by chance."""
    texts = [*Item.objects.values_list("text", flat=True), *Section.objects.values_list("title", flat=True)]
    for model in (Instrument, Helper, Measure, Pattern, LadderLevel, AwarenessStage):
        texts += model.objects.values_list("title", flat=True)
    texts += Pattern.objects.values_list("question", flat=True)
    return sorted({t for t in texts if len(t) >= 12})


def english_interface() -> list[str]:
    """English phrases of the interface that have a Dutch translation (pieces between placeholders)."""
    entries = re.findall(
        r'msgid "((?:[^"\\]|\\.)*(?:"\n"(?:[^"\\]|\\.)*)*)"\nmsgstr "((?:[^"\\]|\\.)*)', PO.read_text()
    )
    phrases = set()
    for msgid, msgstr in entries:
        msgid = msgid.replace('"\n"', "")
        if not msgid or msgstr == msgid:
            continue  # a name that is the same in both languages (a Dutch law's title) is not English
        for piece in re.split(r"%\(\w+\)s|%s|<[^>]+>|\\n", msgid):
            piece = piece.strip(" .,:;()")
            if len(piece) >= 18 and " " in piece:
                phrases.add(piece.replace('\\"', '"'))
    return sorted(phrases)


def test_dutch_content_is_marked_on_english_pages_and_the_interface_is_translated_on_dutch_ones(
    live_server, new_context, make_assessment, facilitator
):
    world = build_world(live_server, make_assessment, facilitator)
    dutch, english = dutch_content(), english_interface()
    assert len(dutch) > 100 and len(english) > 200
    problems = []
    for language, phrases, expected in (("en", dutch, "nl"), ("nl", english, "en")):
        context = new_context()
        context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": world.base}])
        desk = log_in(context, world.base, facilitator)
        pages = [*public_pages(), *facilitator_pages(world)]
        for name, url in pages:
            desk.goto(world.base + url)
            for phrase in desk.evaluate(MISPLACED, [phrases, expected]):
                problems.append(f"{language} page {name}: {phrase!r} not inside lang={expected}")
        respondent = context.new_page()
        respondent.goto(f"{world.base}/d/{world.links['anna']}/")
        respondent.locator("main form button[type=submit]").click()  # start, or continue on the second run
        respondent.goto(world.base + "/vragenlijst/stelling/1/")
        for phrase in respondent.evaluate(MISPLACED, [phrases, expected]):
            problems.append(f"{language} page statement: {phrase!r} not inside lang={expected}")
    assert problems == [], "\n".join(problems[:60]) + f"\n({len(problems)} in all)"
