from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils.html import escape

from bestuursspiegel.accounts.tests.factories import PASSWORD, UserFactory
from bestuursspiegel.knowledge import models
from bestuursspiegel.knowledge.roles import CONTENT_EDITORS_GROUP
from bestuursspiegel.knowledge.services import dilemma_create_private
from bestuursspiegel.knowledge.sources import documents
from bestuursspiegel.once.tests.helpers import page_with_key


def all_detail_urls():
    for model in (
        models.Instrument,
        models.Helper,
        models.Measure,
        models.Pattern,
        models.Buffer,
        models.SupportOffer,
        models.Bottleneck,
    ):
        for obj in model.objects.published():
            yield obj, obj.get_absolute_url()
    for obj in models.Dilemma.objects.unscoped().filter(organisation__isnull=True):
        yield obj, obj.get_absolute_url()


def test_every_page_renders_and_shows_its_source(client, knowledge):
    overview = [
        "index",
        "ladder",
        "helpers",
        "measures",
        "case_study",
        "landkaart",
        "catalogue",
        "bottlenecks",
        "dilemmas",
    ]
    for name in overview:
        assert client.get(reverse(f"knowledge:{name}")).status_code == 200, name
    for obj, url in all_detail_urls():
        page = client.get(url).content.decode()
        assert obj.title.replace("'", "&#x27;").replace('"', "&quot;") in page, url
        cited = escape(documents()[obj.source_file].title) if obj.source_file else None
        assert (cited and cited in page) or "Geschreven door het project" in page, url
        assert obj.source_file == "" or obj.source_file not in page, url  # the document, not the file


def test_links_between_entries_resolve(client, knowledge):
    """Every link on every knowledge page leads to a page that exists."""
    import re

    seen = set()
    for _, url in all_detail_urls():
        for href in re.findall(r'href="(/kennisbank/[^"#?]*)', client.get(url).content.decode()):
            if href not in seen:
                seen.add(href)
                assert client.get(href).status_code == 200, f"{url} → {href}"
    assert len(seen) > 50


def test_ladder_lists_all_instruments_by_level(client, knowledge):
    page = client.get(reverse("knowledge:ladder")).content.decode()
    for instrument in models.Instrument.objects.all():
        assert instrument.get_absolute_url() in page
    assert page.index("Fase 1") < page.index("Fase 2") < page.index("Fase 3") < page.index("Preventief")


def test_drafts_are_not_shown(client, knowledge):
    instrument = models.Instrument.objects.get(slug="heidag-organiseren")
    instrument.status = "draft"
    instrument.save()
    assert client.get(instrument.get_absolute_url()).status_code == 404
    assert instrument.get_absolute_url() not in client.get(reverse("knowledge:ladder")).content.decode()


def test_overdue_review_is_flagged(client, knowledge):
    models.Helper.objects.filter(slug="ngb").update(last_reviewed="2020-01-01")
    page = client.get(reverse("knowledge:helper", args=["ngb"])).content.decode()
    assert "langer dan twee jaar niet gecontroleerd" in page


def test_catalogue_filters_combine(client, knowledge):
    response = client.get(reverse("knowledge:catalogue"), {"provider": "VNG", "type": "Handreiking"})
    offers = response.context["offers"]
    assert offers and all("VNG" in o.providers and o.support_type == "Handreiking" for o in offers)
    in_development = client.get(reverse("knowledge:catalogue"), {"status": "in_development"}).context["offers"]
    assert len(in_development) == 8


def test_unknown_filter_value_is_a_dutch_400(client, knowledge):
    response = client.get(reverse("knowledge:catalogue"), {"provider": "Niet bestaand"})
    assert response.status_code == 400
    assert "Selecteer een geldige keuze" in response.content.decode()


def test_search_page(client, knowledge):
    page = client.get(reverse("knowledge:search"), {"q": "mediation"}).content.decode()
    assert "Mediation/bemiddeling" in page
    assert client.get(reverse("knowledge:search"), {"q": "x" * 500}).status_code == 400


def test_private_dilemmas_only_for_their_organisation(client, knowledge, organisation, facilitator, other_facilitator):
    own = dilemma_create_private(
        organisation=organisation,
        actor=facilitator,
        title="Ons eigen dilemma",
        situation="Situatie",
        questions=["Vraag?"],
        tags=["raad"],
    )
    assert client.get(own.get_absolute_url()).status_code == 404
    client.login(email=other_facilitator.email, password=PASSWORD)
    assert client.get(own.get_absolute_url()).status_code == 404
    assert "Ons eigen dilemma" not in client.get(reverse("knowledge:dilemmas")).content.decode()
    client.login(email=facilitator.email, password=PASSWORD)
    assert client.get(own.get_absolute_url()).status_code == 200
    assert "Ons eigen dilemma" in client.get(reverse("knowledge:dilemmas")).content.decode()


def test_facilitator_adds_a_private_dilemma(client, knowledge, organisation, facilitator):
    client.login(email=facilitator.email, password=PASSWORD)
    response = client.post(
        page_with_key(client, reverse("knowledge:dilemma_create")),
        {
            "organisation": organisation.pk,
            "title": "Stemmen over de ijsbaan",
            "situation": "Een raadslid is voorzitter.",
            "questions": "Mag hij meestemmen?\nWie beslist?",
            "tags": "raad, persoonlijk belang",
        },
    )
    dilemma = models.Dilemma.objects.unscoped().get(title="Stemmen over de ijsbaan")
    assert response["Location"] == dilemma.get_absolute_url()
    assert dilemma.organisation == organisation
    assert dilemma.questions == ["Mag hij meestemmen?", "Wie beslist?"] and dilemma.tags == [
        "raad",
        "persoonlijk belang",
    ]
    invalid = client.post(page_with_key(client, reverse("knowledge:dilemma_create")), {"organisation": organisation.pk})
    assert invalid.status_code == 400 and "verplicht" in invalid.content.decode()


def test_dilemmas_filter_by_tag(client, knowledge):
    response = client.get(reverse("knowledge:dilemmas"), {"tag": "geheimhouding"})
    assert [d.slug for d in response.context["dilemmas"]] == ["geheime-stukken-bij-de-fractie"]


def test_content_editors_group_may_edit_knowledge_only(db):
    group = Group.objects.get(name=CONTENT_EDITORS_GROUP)
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"change_instrument", "add_supportoffer", "change_dilemma"} <= codenames
    assert not any(c.endswith("assessment") or c.endswith("answer") for c in codenames)


def test_editor_changes_in_the_admin_keep_history_and_update_search(client, knowledge, verified_login):
    editor = UserFactory(is_staff=True)
    editor.groups.add(Group.objects.get(name=CONTENT_EDITORS_GROUP))
    verified_login(client, editor)
    instrument = models.Instrument.objects.get(slug="heidag-organiseren")
    versions_before = instrument.history.count()
    url = reverse("admin:knowledge_instrument_change", args=[instrument.pk])
    form = client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(
        title="Heidag organiseren",
        how="Nieuwe aanpak met een xylofoonworkshop.",
        helpers=[h.pk for h in instrument.helpers.all()],
        level=instrument.level_id,
        legal_references="[]",
        more_info="[]",
        last_reviewed="2026-11-22",
        status="published",
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert instrument.history.count() > versions_before
    assert instrument.history.first().how == "Nieuwe aanpak met een xylofoonworkshop."
    assert instrument.history.first().history_user == editor
    from bestuursspiegel.knowledge.search import search

    assert [h.title for h in search("xylofoonworkshop")] == ["Heidag organiseren"]


def test_facilitators_cannot_reach_the_admin(client, facilitator):
    client.login(email=facilitator.email, password=PASSWORD)
    response = client.get(reverse("admin:knowledge_instrument_changelist"))
    assert response.status_code == 302


def test_a_helper_says_how_to_reach_it_and_that_it_was_not_checked(client, knowledge):
    sipa = client.get(reverse("knowledge:helper", args=["sipa"])).content.decode()
    assert 'href="tel:0703765950"' in sipa and "sindsdien niet gecontroleerd" in sipa
    ngb = client.get(reverse("knowledge:helper", args=["ngb"])).content.decode()
    assert "geven geen contactgegevens" in ngb


def test_the_preventive_instruments_are_shown_apart_from_the_three_phases(client, knowledge):
    page = client.get(reverse("knowledge:ladder")).content.decode()
    ladder = page.split('<ol class="ladder">')[1].split("</ol>")[0]
    assert "Fase 3" in ladder and 'id="preventief"' not in ladder
    assert "Preventieve instrumenten, los van de ladder" in page.split("</ol>", 1)[1]
    assert "vier treden" not in client.get(reverse("knowledge:index")).content.decode()


def test_the_pattern_questions_are_marked_as_the_projects_wording(client, knowledge):
    pattern = models.Pattern.objects.order_by("number").first()
    page = client.get(pattern.get_absolute_url()).content.decode()
    assert pattern.question in page and "De vraag is geschreven door het project" in page
    case = client.get(reverse("knowledge:case_study")).content.decode()
    assert "De vraag onder elk patroon is geschreven door het project" in case
