import pytest
from django.urls import reverse

from bestuursspiegel.knowledge.selectors import UNKNOWN_YEAR, catalogue, years_of


def test_years_are_read_from_the_free_text():
    assert years_of("Publicatie in zomer 2020") == {"2020"}
    assert years_of("2019-2022") == {"2019", "2020", "2021", "2022"}
    assert years_of("In consultatie tot 14-2-2020") == {"2020"}
    assert years_of("?") == years_of("Doorlopend") == years_of("") == set()


@pytest.mark.django_db
def test_the_year_filter_offers_years_not_raw_texts(client, knowledge):
    page = client.get(reverse("knowledge:catalogue")).content.decode()
    options = page.split('name="year"')[1].split("</select>")[0]
    assert '<option value="2020">2020</option>' in options and f'value="{UNKNOWN_YEAR}"' in options
    assert 'value="?"' not in options and "Publicatie" not in options and "Medio" not in options
    in_2021 = catalogue(year="2021")
    assert in_2021 and all("2021" in years_of(o.year) for o in in_2021)
    assert all(not years_of(o.year) for o in catalogue(year=UNKNOWN_YEAR))
    assert "kan inmiddels bestaan of gestopt zijn" in page
