"""A query on organisation-owned data without a tenant scope raises."""

import pytest
from django.apps import apps

from bestuursspiegel.assessments.models import Assessment
from bestuursspiegel.audit.models import AuditEvent
from bestuursspiegel.knowledge.models import Dilemma
from bestuursspiegel.organisations.models import Membership, Organisation
from bestuursspiegel.organisations.scoping import ScopedQuerySet, UnscopedQueryError
from bestuursspiegel.plans.models import AgendaMoment

# Membership is the link from a user to an organisation: it is scoped by the user instead.
EXEMPT = {Membership}


def organisation_owned_models():
    for model in apps.get_models():
        ours = model.__module__.startswith("bestuursspiegel.") and not model.__name__.startswith("Historical")
        if ours and any(
            f.is_relation and f.related_model is Organisation and f.many_to_one for f in model._meta.fields
        ):
            yield model


def test_every_model_owned_by_an_organisation_is_scoped():
    owned = set(organisation_owned_models())
    assert {Assessment, AgendaMoment, AuditEvent, Dilemma} <= owned
    for model in owned - EXEMPT:
        assert isinstance(model._default_manager.all(), ScopedQuerySet), model


@pytest.mark.django_db
@pytest.mark.parametrize("model", [Assessment, AgendaMoment, AuditEvent, Dilemma])
@pytest.mark.parametrize(
    "use",
    [
        lambda qs: list(qs),
        lambda qs: qs.count(),
        lambda qs: qs.exists(),
        lambda qs: qs.first(),
        lambda qs: qs.filter(pk=1).get(),
        lambda qs: qs.values_list("pk", flat=True)[:1][0],
        lambda qs: list(qs.iterator()),
        lambda qs: qs.in_bulk(),
        lambda qs: qs.update(),
        lambda qs: qs.delete(),
        lambda qs: qs.exclude(organisation=None).count(),
    ],
)
def test_query_without_scope_raises(model, use):
    with pytest.raises(UnscopedQueryError):
        use(model.objects.all())


@pytest.mark.django_db
def test_scoped_queries_work(assessment, facilitator, other_facilitator, questionnaire):
    from bestuursspiegel.assessments.services import assessment_create

    elsewhere = other_facilitator.memberships.get().organisation
    other_assessment = assessment_create(organisation=elsewhere, actor=other_facilitator, title="T", run_by="R")
    organisation = assessment.organisation
    assert list(Assessment.objects.unscoped().filter(organisation=organisation)) == [assessment]
    assert list(organisation.assessments.all()) == [assessment]
    assert list(Assessment.objects.for_user(facilitator)) == [assessment]
    assert Assessment.objects.same(assessment).get() == assessment
    assert set(Assessment.objects.unscoped()) == {assessment, other_assessment}
    assert Assessment.objects.unscoped().none().count() == 0
    assert list(Organisation.objects.prefetch_related("assessments").get(pk=organisation.pk).assessments.all()) == [
        assessment
    ]
