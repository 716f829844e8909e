"""Fixtures shared by the apps' tests: a loaded questionnaire, organisations, facilitators."""

import pytest

from bestuursspiegel.assessments import services as assessment_services
from bestuursspiegel.assessments.constants import Mode
from bestuursspiegel.organisations.tests.factories import MembershipFactory, OrganisationFactory
from bestuursspiegel.questionnaires.loader import load_questionnaire_files


@pytest.fixture
def questionnaire(db):
    return load_questionnaire_files()[0].questionnaire


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="Gemeente Testdorp")


@pytest.fixture
def facilitator(organisation):
    return MembershipFactory(organisation=organisation).user


@pytest.fixture
def other_facilitator(db):
    """A facilitator of another organisation: must never see the first one's data."""
    return MembershipFactory(organisation=OrganisationFactory(name="Gemeente Elders")).user


@pytest.fixture
def make_assessment(questionnaire, organisation, facilitator):
    def make(**kwargs):
        kwargs.setdefault("title", "Meting voorjaar")
        kwargs.setdefault("run_by", "Burgemeester A. de Vries")
        return assessment_services.assessment_create(organisation=organisation, actor=facilitator, **kwargs)

    return make


@pytest.fixture
def assessment(make_assessment):
    return make_assessment()


@pytest.fixture
def open_assessment(make_assessment):
    return make_assessment(mode=Mode.OPEN)


@pytest.fixture
def running(assessment, facilitator):
    """An open anonymous meting with a helper to invite participants."""
    assessment_services.assessment_open(assessment=assessment, actor=facilitator)
    assessment.refresh_from_db()
    return assessment
