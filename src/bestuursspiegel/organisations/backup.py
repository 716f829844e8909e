"""Export one organisation's complete data as JSON, and import it into another installation.

For operators only (management commands): a backup holds raw answers, which no facilitator may
see. Objects are referred to by stable keys (uuids, questionnaire slug/version + statement code,
knowledge slugs), so the file loads into an installation with the same content files.
"""

import datetime
import json
import uuid

from django.contrib.auth import get_user_model
from django.db import DatabaseError, transaction

from bestuursspiegel.assessments.models import Assessment, Norm, NormChange, Participant
from bestuursspiegel.audit.models import AuditEvent
from bestuursspiegel.interpretation.models import DiscussionNote, LandkaartPosition, PhaseDecision, ShortlistEntry
from bestuursspiegel.knowledge.models import (
    AgendaTemplateMoment,
    AwarenessStage,
    Buffer,
    Dilemma,
    Instrument,
    LadderLevel,
    Pattern,
)
from bestuursspiegel.live.models import LiveReveal, LiveSession
from bestuursspiegel.live.services import new_join_code
from bestuursspiegel.plans.models import Action, AgendaMoment, BufferCheck
from bestuursspiegel.questionnaires.models import Item, Questionnaire, Section
from bestuursspiegel.responses.models import Answer, PatternAnswer, Response
from bestuursspiegel.results.models import Release
from bestuursspiegel.utils.crypto import decrypt_text, encrypt_text

from .models import Membership, Organisation

FORMAT_VERSION = 2  # 2: releases, promises fixed at the first link opened, link delivery


class BackupError(Exception):
    """The file cannot be imported here; the message says why."""


def _d(value):
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


# A meting's own fields, written and read as they are; created_at is exported too.
ASSESSMENT_FIELDS = (
    "uuid",
    "title",
    "run_by",
    "introduction",
    "mode",
    "anonymity_threshold",
    "norm_min_share",
    "phase1_min_outside",
    "phase2_min_outside",
    "include_patterns",
    "compare_groups",
    "allow_examples",
    "status",
    "locked_on",
    "opened_at",
    "closed_at",
)


def _live_session_export(assessment) -> dict | None:
    session = LiveSession.objects.filter(assessment=assessment).select_related("current_item").first()
    if session is None:
        return None
    return {
        **_row(session, ("code", "status", "version", "started_at", "ended_at")),
        "current_item": session.current_item.code,
        "reveals": [r.item.code for r in session.reveals.select_related("item").order_by("item__number")],
    }


def _live_session_import(assessment, data: dict | None, items: dict) -> None:
    if not data:
        return
    code = data["code"]
    if LiveSession.objects.filter(code=code).exists():  # codes are unique per installation
        code = new_join_code()
    session = LiveSession.objects.create(
        assessment=assessment,
        code=code,
        status=data["status"],
        version=data["version"],
        current_item=items[data["current_item"]],
        ended_at=data["ended_at"],
    )
    LiveSession.objects.filter(pk=session.pk).update(started_at=data["started_at"])
    LiveReveal.objects.bulk_create(LiveReveal(session=session, item=items[item_code]) for item_code in data["reveals"])


def _row(obj, fields):
    return {name: _d(getattr(obj, name)) for name in fields}


def organisation_export(organisation: Organisation) -> dict:
    assessments = list(Assessment.objects.filter(organisation=organisation).select_related("questionnaire", "previous"))
    data = {
        "format": FORMAT_VERSION,
        "organisation": _row(organisation, ("uuid", "name", "kind")),
        "members": [
            {"email": m.user.email, "first_name": m.user.first_name, "last_name": m.user.last_name, "role": m.role}
            for m in Membership.objects.filter(organisation=organisation).select_related("user").order_by("user__email")
        ],
        "assessments": [],
        "agenda": [
            {
                **_row(m, ("uuid", "date", "title", "description", "audience", "source_label", "term_start")),
                "template": m.template.slug if m.template else None,
            }
            for m in organisation.agenda.select_related("template").order_by("date", "uuid")
        ],
        "dilemmas": [
            _row(d, ("slug", "title", "summary", "body", "questions", "tags", "status", "last_reviewed"))
            for d in Dilemma.objects.filter(organisation=organisation).order_by("slug")
        ],
        "audit": [
            {**_row(e, ("occurred_at", "actor_label", "action", "object_type", "object_id", "outcome", "detail"))}
            for e in AuditEvent.objects.filter(organisation=organisation).order_by("occurred_at", "id")
        ],
    }
    for a in sorted(assessments, key=lambda a: (a.created_at, str(a.uuid))):
        data["assessments"].append(_assessment_export(a))
    return data


def _assessment_export(a: Assessment) -> dict:
    return {
        **_row(a, (*ASSESSMENT_FIELDS, "created_at")),
        "questionnaire": [a.questionnaire.slug, a.questionnaire.version],
        "previous": str(a.previous.uuid) if a.previous else None,
        "created_by": a.created_by.email if a.created_by else None,
        "norms": [
            {"item": n.item.code, "acceptable_values": n.acceptable_values, "is_serious": n.is_serious}
            for n in a.norms.select_related("item").order_by("item__number")
        ],
        "norm_changes": [
            {
                **_row(c, ("field", "old_value", "new_value", "reason", "changed_at")),
                "item": c.item.code if c.item else None,
                "changed_by": c.changed_by.email if c.changed_by else None,
            }
            for c in a.norm_changes.select_related("item", "changed_by")
        ],
        "participants": [
            _row(
                p,
                (
                    "uuid",
                    "name",
                    "email",
                    "role",
                    "token_hash",
                    "has_started",
                    "has_submitted",
                    "on_paper",
                    "joined_live",
                    "invited_at",
                    "link_sent_at",
                    "link_shown_at",
                ),
            )
            for p in a.participants.order_by("uuid")
        ],
        "responses": [
            {
                **_row(r, ("key", "role", "consented_open", "source", "started_on", "submitted_on")),
                "id": str(r.id),
                "participant": str(r.participant.uuid) if r.participant else None,
                "answers": [
                    {"item": x.item.code, "value": x.value, "example": decrypt_text(a.organisation, x.example)}
                    for x in r.answers.select_related("item").order_by("item__number")
                ],
                "patterns": [
                    {"pattern": x.pattern.slug, "value": x.value}
                    for x in r.pattern_answers.select_related("pattern").order_by("pattern__number")
                ],
            }
            for r in a.responses.select_related("participant").order_by("id")
        ],
        "notes": [
            {**_row(n, ("notes", "conclusions")), "item": n.item.code}
            for n in a.discussion_notes.select_related("item").order_by("item__number")
        ],
        "live_session": _live_session_export(a),
        "releases": [
            {
                **_row(r, ("kind", "released_at", "data")),
                "item": r.item.code if r.item else None,
                "released_by": r.released_by.email if r.released_by else None,
            }
            for r in a.releases.select_related("item", "released_by")
        ],
        "phase_decisions": [
            {
                **_row(d, ("reason", "decided_at")),
                "level": d.level.slug,
                "suggested_level": d.suggested_level.slug if d.suggested_level else None,
            }
            for d in a.phase_decisions.select_related("level", "suggested_level").order_by("decided_at", "id")
        ],
        "shortlist": [
            {"instrument": s.instrument.slug, "note": s.note}
            for s in a.shortlist.select_related("instrument").order_by("instrument__slug")
        ],
        "landkaart": [
            {"section": p.section.code, "stage": p.stage.slug, "note": p.note}
            for p in a.landkaart.select_related("section", "stage").order_by("section__order")
        ],
        "buffer_checks": [
            {**_row(c, ("exists", "known", "used", "current", "note")), "buffer": c.buffer.slug}
            for c in a.buffer_checks.select_related("buffer").order_by("buffer__number")
        ],
        "actions": [
            {
                **_row(
                    x,
                    (
                        "uuid",
                        "title",
                        "owner",
                        "owner_email",
                        "due_date",
                        "status",
                        "notes",
                        "links",
                        "last_reminded_on",
                        "created_at",
                    ),
                ),
                "instrument": x.instrument.slug if x.instrument else None,
                "items": sorted(i.code for i in x.items.all()),
                "buffers": sorted(b.slug for b in x.buffers.all()),
            }
            for x in a.actions.select_related("instrument").prefetch_related("items", "buffers").order_by("uuid")
        ],
    }


def _get(model, what, **lookup):
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        raise BackupError(f"{what} not found in this installation: {lookup}. Load the same content files first.")
    return obj


def organisation_import(data) -> Organisation:
    """Load a backup; any malformed part is reported as a BackupError and nothing is stored."""
    if not isinstance(data, dict):
        raise BackupError("A backup is a JSON object.")
    try:
        return _organisation_import(data)
    except BackupError:
        raise
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise BackupError(f"The backup is incomplete or malformed ({exc.__class__.__name__}: {exc}).") from exc
    except DatabaseError as exc:  # a constraint the data breaks; the transaction rolled back
        raise BackupError(f"The backup does not fit the database ({exc}).") from exc


@transaction.atomic
def _organisation_import(data: dict) -> Organisation:
    if data.get("format") != FORMAT_VERSION:
        raise BackupError(f"Unknown backup format {data.get('format')!r}.")
    org_data = data["organisation"]
    if (
        Organisation.objects.filter(uuid=org_data["uuid"]).exists()
        or Organisation.objects.filter(name=org_data["name"]).exists()
    ):
        raise BackupError(f"Organisation {org_data['name']!r} already exists here.")
    organisation = Organisation.objects.create(**org_data)
    users = get_user_model().objects
    for member in data["members"]:
        user = users.filter(email=member["email"]).first()
        if user is None:
            user = users.create_user(
                member["email"], None, first_name=member["first_name"], last_name=member["last_name"]
            )
        Membership.objects.create(user=user, organisation=organisation, role=member["role"])
    by_uuid = {}
    for a_data in data["assessments"]:
        by_uuid[a_data["uuid"]] = _assessment_import(organisation, a_data, by_uuid)
    for m in data["agenda"]:
        template = AgendaTemplateMoment.objects.filter(slug=m.pop("template")).first() if m.get("template") else None
        m.pop("template", None)
        AgendaMoment.objects.create(organisation=organisation, template=template, **m)
    for d in data["dilemmas"]:
        Dilemma.objects.create(organisation=organisation, **d)
    AuditEvent.objects.bulk_create(AuditEvent(organisation=organisation, **e) for e in data["audit"])
    # auto_now_add fields were set to now; restore the originals
    for e, row in zip(AuditEvent.objects.filter(organisation=organisation).order_by("id"), data["audit"], strict=True):
        AuditEvent.objects.filter(organisation=organisation, pk=e.pk).update(occurred_at=row["occurred_at"])
    return organisation


def _user(email):
    return get_user_model().objects.filter(email=email).first() if email else None


def _assessment_import(organisation, a: dict, by_uuid: dict) -> Assessment:
    questionnaire = _get(Questionnaire, "Questionnaire", slug=a["questionnaire"][0], version=a["questionnaire"][1])
    items = {i.code: i for i in Item.objects.filter(questionnaire=questionnaire)}
    fields = {k: a[k] for k in ASSESSMENT_FIELDS}  # created_at is auto_now_add: set after create
    assessment = Assessment.objects.create(
        organisation=organisation,
        questionnaire=questionnaire,
        previous=by_uuid.get(a["previous"]),
        created_by=_user(a["created_by"]),
        **fields,
    )
    Assessment.objects.same(assessment).update(created_at=a["created_at"])
    Norm.objects.bulk_create(
        Norm(
            assessment=assessment,
            item=items[n["item"]],
            acceptable_values=n["acceptable_values"],
            is_serious=n["is_serious"],
        )
        for n in a["norms"]
    )
    for c in a["norm_changes"]:
        change = NormChange.objects.create(
            assessment=assessment,
            item=items.get(c["item"]),
            field=c["field"],
            old_value=c["old_value"],
            new_value=c["new_value"],
            reason=c["reason"],
            changed_by=_user(c["changed_by"]),
        )
        NormChange.objects.filter(pk=change.pk).update(changed_at=c["changed_at"])
    participants = {}
    for p in a["participants"]:
        invited_at = p.pop("invited_at")
        participant = Participant.objects.create(assessment=assessment, **p)
        Participant.objects.filter(pk=participant.pk).update(invited_at=invited_at)
        participants[p["uuid"]] = participant
    for r in a["responses"]:
        response = Response.objects.create(
            id=r["id"],
            assessment=assessment,
            participant=participants.get(r["participant"]),
            **{k: r[k] for k in ("key", "role", "consented_open", "source", "started_on", "submitted_on")},
        )
        Answer.objects.bulk_create(
            Answer(
                response=response,
                item=items[x["item"]],
                value=x["value"],
                example=encrypt_text(organisation, x["example"]),
            )
            for x in r["answers"]
        )
        PatternAnswer.objects.bulk_create(
            PatternAnswer(response=response, pattern=_get(Pattern, "Pattern", slug=x["pattern"]), value=x["value"])
            for x in r["patterns"]
        )
    _live_session_import(assessment, a.get("live_session"), items)
    for r in a.get("releases", []):
        release = Release.objects.create(
            assessment=assessment,
            kind=r["kind"],
            item=items[r["item"]] if r["item"] else None,
            released_by=_user(r["released_by"]),
            data=r["data"],
        )
        Release.objects.filter(pk=release.pk).update(released_at=r["released_at"])
    for n in a["notes"]:
        DiscussionNote.objects.create(
            assessment=assessment, item=items[n["item"]], notes=n["notes"], conclusions=n["conclusions"]
        )
    for d in a["phase_decisions"]:
        decision = PhaseDecision.objects.create(
            assessment=assessment,
            level=_get(LadderLevel, "Ladder level", slug=d["level"]),
            suggested_level=LadderLevel.objects.filter(slug=d["suggested_level"]).first()
            if d["suggested_level"]
            else None,
            reason=d["reason"],
        )
        PhaseDecision.objects.filter(pk=decision.pk).update(decided_at=d["decided_at"])
    for s in a["shortlist"]:
        ShortlistEntry.objects.create(
            assessment=assessment, instrument=_get(Instrument, "Instrument", slug=s["instrument"]), note=s["note"]
        )
    sections = {s.code: s for s in Section.objects.filter(questionnaire=questionnaire)}
    for p in a["landkaart"]:
        LandkaartPosition.objects.create(
            assessment=assessment,
            section=sections[p["section"]],
            stage=_get(AwarenessStage, "Stage", slug=p["stage"]),
            note=p["note"],
        )
    for c in a["buffer_checks"]:
        buffer = _get(Buffer, "Buffer", slug=c.pop("buffer"))
        BufferCheck.objects.create(assessment=assessment, buffer=buffer, **c)
    for x in a["actions"]:
        created_at = x.pop("created_at")
        instrument = Instrument.objects.filter(slug=x.pop("instrument")).first()
        item_codes, buffer_slugs = x.pop("items"), x.pop("buffers")
        action = Action.objects.create(assessment=assessment, instrument=instrument, **x)
        Action.objects.filter(pk=action.pk).update(created_at=created_at)
        action.items.set([items[code] for code in item_codes])
        action.buffers.set(Buffer.objects.filter(slug__in=buffer_slugs))
    return assessment


def dumps(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)
