"""The reporting desk's rules, for views, commands and tests alike."""

import datetime
import io
import json
import secrets
from dataclasses import dataclass, field

import pyzipper
from dateutil.relativedelta import relativedelta
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import Http404
from django.utils.translation import gettext as _

from bestuursspiegel.audit.services import audit_record
from bestuursspiegel.organisations.services import organisations_for_user

from . import crypto
from .constants import (
    ACKNOWLEDGE_WARNING,
    ACKNOWLEDGE_WITHIN,
    ATTACHMENT_TYPES,
    FEEDBACK_WARNING,
    FEEDBACK_WITHIN,
    REPORTER_ATTEMPTS,
    REPORTER_LOCK_MINUTES,
    TO_REPORTER,
    MessageKind,
    ReportStatus,
)
from .counts import tally_add
from .models import Attachment, KeyGrant, Message, Recipient, Report, ReportingDesk


class DeskError(Exception):
    """A refusal with a message for the person who asked (in Dutch through gettext)."""


# --- Finding things -----------------------------------------------------------------------------


def desks_for_manager(user):
    return ReportingDesk.objects.filter(organisation__in=organisations_for_user(user))


def desk_for_manager(user, uuid) -> ReportingDesk:
    desk = desks_for_manager(user).select_related("organisation").filter(uuid=uuid).first()
    if desk is None:
        raise Http404
    return desk


def roles_for_user(user):
    """The desks where `user` is a recipient (of any organisation: an external party may serve several)."""
    if not user.is_authenticated:
        return Recipient.objects.none()
    return Recipient.objects.filter(user=user, user__is_active=True).select_related("desk", "desk__organisation")


def recipient_for_user(user, desk_uuid) -> Recipient:
    recipient = roles_for_user(user).filter(desk__uuid=desk_uuid).first()
    if recipient is None:
        raise Http404
    return recipient


def desk_public(token: str) -> ReportingDesk:
    # Crossing organisations on purpose: the public token is itself the address of one desk.
    desk = ReportingDesk.objects.unscoped().select_related("organisation").filter(public_token=token).first()
    if desk is None:
        raise Http404
    return desk


def report_for_recipient(recipient: Recipient, report_uuid) -> Report:
    report = Report.objects.filter(desk=recipient.desk_id, uuid=report_uuid).first()
    if report is None:
        raise Http404
    return report


# --- Set-up -------------------------------------------------------------------------------------


@transaction.atomic
def desk_create(*, organisation, actor, **fields) -> ReportingDesk:
    desk = ReportingDesk.objects.create(
        organisation=organisation, created_by=actor, public_token=secrets.token_urlsafe(16), **fields
    )
    audit_record(actor=actor, action="desk.created", organisation=organisation, target=desk)
    return desk


@transaction.atomic
def desk_update(*, desk: ReportingDesk, actor, **fields) -> ReportingDesk:
    changed = sorted(name for name, value in fields.items() if getattr(desk, name) != value)
    for name, value in fields.items():
        setattr(desk, name, value)
    desk.save()
    audit_record(actor=actor, action="desk.updated", organisation=desk.organisation, target=desk, fields=changed)
    return desk


@transaction.atomic
def recipient_designate(*, desk: ReportingDesk, actor, email: str, role: str) -> Recipient:
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(email__iexact=email.strip(), is_active=True).first()
    if user is None:
        raise DeskError(
            _("There is no account with this e-mail address. Ask the administrator to make one, then designate it.")
        )
    if not user.has_usable_password():
        raise DeskError(
            _(
                "This account logs in through the organisation's identity provider and has no password here. "
                "A recipient needs one: their key is protected with it. Ask the administrator to set one."
            )
        )
    if desk.recipients.filter(user=user).exists():
        raise DeskError(_("This person is already a recipient of this desk."))
    recipient = Recipient.objects.create(desk=desk, user=user, role=role)
    audit_record(actor=actor, action="desk.recipient_designated", organisation=desk.organisation, target=recipient)
    return recipient


@transaction.atomic
def recipient_remove(*, desk: ReportingDesk, actor, recipient: Recipient) -> None:
    """Their copies of the report keys go with them; the reports stay for the other recipients."""
    audit_record(actor=actor, action="desk.recipient_removed", organisation=desk.organisation, target=recipient)
    recipient.delete()


def _check_password(recipient: Recipient, password: str) -> None:
    if not recipient.user.has_usable_password() or not recipient.user.check_password(password):
        raise DeskError(_("That is not your password."))


@transaction.atomic
def recipient_activate(*, recipient: Recipient, password: str, today: datetime.date) -> bytes:
    """Make the recipient's key pair; returns the private key for this session's vault."""
    _check_password(recipient, password)
    recipient = Recipient.objects.select_for_update().filter(desk=recipient.desk_id, pk=recipient.pk).get()
    if recipient.is_active:
        raise DeskError(_("Your key was already made. Unlock the desk with your password."))
    public, private, sealed_private, salt = crypto.key_pair_new(password)
    recipient.public_key, recipient.sealed_private_key, recipient.key_salt = public, sealed_private, salt
    recipient.activated_on = today
    recipient.save(update_fields=["public_key", "sealed_private_key", "key_salt", "activated_on"])
    audit_record(actor=recipient.user, action="desk.recipient_activated", organisation=recipient.desk.organisation)
    return private


def recipient_unlock(*, recipient: Recipient, password: str) -> bytes:
    _check_password(recipient, password)
    try:
        return crypto.private_key_open(recipient.sealed_private_key, recipient.key_salt, password)
    except crypto.DecryptionFailed as error:
        # The password was reset since the key was made: the key is lost with the old password.
        raise DeskError(
            _(
                "Your key cannot be opened with this password (was it reset?). Ask to be designated anew; "
                "other recipients can then pass reports on to you."
            )
        ) from error


def password_changed(*, user, old_password: str, new_password: str) -> int:
    """Re-seal the user's private keys under a new password (from the password change form)."""
    count = 0
    for recipient in roles_for_user(user).active():
        try:
            private = crypto.private_key_open(recipient.sealed_private_key, recipient.key_salt, old_password)
        except crypto.DecryptionFailed:
            continue
        recipient.sealed_private_key, recipient.key_salt = crypto.private_key_reseal(private, new_password)
        recipient.save(update_fields=["sealed_private_key", "key_salt"])
        count += 1
    return count


def _check_key(report: Report, key: bytes) -> None:
    """Refuse a key that is not this report's (DecryptionFailed) before writing anything with it."""
    crypto.unseal(key, report.sealed_content)


def report_readers(report: Report):
    """The recipients who hold a key to `report`: shown to the reporter, who was told who reads it."""
    return Recipient.objects.filter(desk=report.desk_id, grants__report=report).order_by("created_at")


def share_candidates(report: Report):
    """Active recipients of the desk without a key to `report` (joined later, or after a reset)."""
    return Recipient.objects.filter(desk=report.desk_id).active().exclude(grants__report=report)


@transaction.atomic
def report_share(*, report: Report, recipient: Recipient, key: bytes, other: Recipient) -> KeyGrant:
    """Pass a report's key on to another recipient: a deliberate act of a recipient who can read it,
    audited, and shown to the reporter (the intake page named only the recipients of that moment).
    Nothing is passed on by itself, so a recipient added later does not read earlier reports unless
    someone who can read them decides so."""
    if not share_candidates(report).filter(pk=other.pk).exists():
        raise DeskError(_("This recipient cannot be given this report."))
    _check_key(report, key)
    grant = KeyGrant.objects.create(report=report, recipient=other, sealed_key=crypto.grant(key, other.public_key))
    audit_record(
        actor=recipient.user,
        action="desk.report_shared",
        organisation=recipient.desk.organisation,
        target=report,
        recipient=str(other.uuid),
    )
    return grant


# --- Reporting ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Receipt:
    report: Report
    receipt_code: str
    secret: str


def _reporter_message_create(*, report: Report, key: bytes, text: str, files, today, form_key_hash=None) -> Message:
    """A message from the reporter (the report's first one too) with its attachments, all sealed."""
    message = Message.objects.create(
        report=report,
        kind=MessageKind.REPORTER,
        written_on=today,
        sealed_text=crypto.seal_text(key, text),
        form_key_hash=form_key_hash,
    )
    Attachment.objects.bulk_create(
        [
            Attachment(
                message=message, content_type=f.content_type, size=len(f.data), sealed_data=crypto.seal(key, f.data)
            )
            for f in files
        ]
    )
    return message


def desk_accepts(desk: ReportingDesk, today: datetime.date) -> bool:
    return desk.is_open_on(today) and Recipient.objects.filter(desk=desk).active().exists()


@transaction.atomic
def report_submit(
    *, desk: ReportingDesk, text: str, category: str, contact: str, files=(), today: datetime.date, form_key_hash=None
) -> Receipt | None:
    """A new report, sealed for every active recipient and for the reporter's secret; None when the
    form with this key was sent before (nothing is stored twice)."""
    if form_key_hash and Report.objects.filter(desk=desk, form_key_hash=form_key_hash).exists():
        return None
    recipients = list(Recipient.objects.filter(desk=desk).active())
    if not desk.is_open_on(today) or not recipients:
        raise DeskError(_("This desk does not accept reports at the moment."))
    key = crypto.new_key()
    code, secret = crypto.receipt_code_new(), crypto.reporter_secret_new()
    salt = crypto.reporter_salt_new()
    try:
        with transaction.atomic():  # a savepoint: the same form sent twice at once loses here
            report = Report.objects.create(
                desk=desk,
                receipt_hash=crypto.receipt_hash(code),
                reporter_sealed_key=crypto.seal(crypto.reporter_key(secret, salt), key),
                reporter_salt=salt,
                sealed_content=crypto.seal_json(key, {"contact": contact.strip()}),
                category=category,
                received_on=today,
                form_key_hash=form_key_hash,
            )
    except IntegrityError:
        return None
    KeyGrant.objects.bulk_create(
        [KeyGrant(report=report, recipient=r, sealed_key=crypto.grant(key, r.public_key)) for r in recipients]
    )
    _reporter_message_create(report=report, key=key, text=text, files=files, today=today)
    tally_add(desk=desk, day=today, category=category)
    # No audit event: its time stamp would date the report more precisely than the day.
    return Receipt(report, code, secret)


class ReporterDenied(DeskError):
    pass


def reporter_open(*, desk: ReportingDesk, receipt_code: str, secret: str, now: datetime.datetime):
    """(report, key) for the right pair; the same refusal for a wrong code or a wrong secret, and a
    report is locked for a while after REPORTER_ATTEMPTS wrong secrets."""
    refused = ReporterDenied(_("This combination of receipt code and secret is not known here."))
    report = Report.objects.filter(desk=desk, receipt_hash=crypto.receipt_hash(receipt_code)).first()
    if report is None:
        raise refused
    if report.locked_until and report.locked_until > now:
        raise ReporterDenied(_("Too many wrong attempts. Try again in half an hour."))
    try:
        key = crypto.unseal(crypto.reporter_key(secret, report.reporter_salt), report.reporter_sealed_key)
    except crypto.DecryptionFailed:
        with transaction.atomic():
            Report.objects.filter(desk=desk, pk=report.pk).update(failed_attempts=F("failed_attempts") + 1)
            report.refresh_from_db(fields=["failed_attempts"])
            if report.failed_attempts >= REPORTER_ATTEMPTS:
                Report.objects.filter(desk=desk, pk=report.pk).update(
                    failed_attempts=0, locked_until=now + datetime.timedelta(minutes=REPORTER_LOCK_MINUTES)
                )
        raise refused from None
    if report.failed_attempts:
        Report.objects.filter(desk=desk, pk=report.pk).update(failed_attempts=0)
    return report, key


@transaction.atomic
def reporter_add(
    *, report: Report, key: bytes, text: str, files=(), today: datetime.date, form_key_hash=None
) -> Message | None:
    """The reporter's message; None when the form with this key was sent before."""
    _check_key(report, key)
    try:
        with transaction.atomic():  # a savepoint: the same form sent twice at once loses here
            return _reporter_message_create(
                report=report, key=key, text=text, files=files, today=today, form_key_hash=form_key_hash
            )
    except IntegrityError:
        return None


# --- Reading and handling -----------------------------------------------------------------------


def report_key(*, report: Report, recipient: Recipient, private_key: bytes) -> bytes:
    grant = KeyGrant.objects.filter(report=report, recipient=recipient).first()
    if grant is None:
        raise DeskError(
            _(
                "You have no key to this report: it came in before you were a recipient. A recipient who can read it may pass it on to you."
            )
        )
    return crypto.grant_open(grant.sealed_key, private_key)


@dataclass
class ShownAttachment:
    number: int
    name: str
    content_type: str
    size: int


@dataclass
class ShownMessage:
    kind: str
    label: str
    written_on: datetime.date
    text: str
    author: str
    attachments: list = field(default_factory=list)


@dataclass
class ShownReport:
    report: Report
    contact: str
    messages: list


def _attachment_name(number: int, content_type: str) -> str:
    return f"bijlage-{number}.{ATTACHMENT_TYPES[content_type]}"


def report_read(*, report: Report, key: bytes, for_reporter: bool) -> ShownReport:
    """The decrypted conversation; internal notes and the recipients' names never for the reporter."""
    content = crypto.unseal_json(key, report.sealed_content)
    messages = []
    number = 0
    queryset = report.messages.select_related("author").prefetch_related("attachments")
    for message in queryset:
        if for_reporter and message.kind == MessageKind.NOTE:
            continue
        attachments = []
        for attachment in message.attachments.all():
            number += 1
            attachments.append(
                ShownAttachment(
                    number, _attachment_name(number, attachment.content_type), attachment.content_type, attachment.size
                )
            )
        author = ""
        if message.author and not for_reporter:
            author = message.author.role
        messages.append(
            ShownMessage(
                message.kind,
                MessageKind(message.kind).label,
                message.written_on,
                crypto.unseal_text(key, message.sealed_text),
                author,
                attachments,
            )
        )
    return ShownReport(report, content.get("contact", ""), messages)


def _attachments(report: Report, *, for_reporter: bool):
    """The conversation's attachments in the order `report_read` numbers them (messages by date)."""
    queryset = Attachment.objects.filter(message__report=report).order_by("message__written_on", "message_id", "id")
    return queryset.exclude(message__kind=MessageKind.NOTE) if for_reporter else queryset


def attachment_by_number(*, report: Report, key: bytes, number: int, for_reporter: bool) -> tuple[str, str, bytes]:
    """The n-th attachment of the conversation as its reader sees it (name, type, decrypted data)."""
    attachment = _attachments(report, for_reporter=for_reporter)[number - 1 : number].first() if number >= 1 else None
    if attachment is None:
        raise Http404
    return (
        _attachment_name(number, attachment.content_type),
        attachment.content_type,
        crypto.unseal(key, attachment.sealed_data),
    )


@transaction.atomic
def recipient_write(
    *, report: Report, recipient: Recipient, key: bytes, kind: str, text: str, today: datetime.date
) -> Message:
    report = Report.objects.select_for_update().filter(desk=recipient.desk_id, pk=report.pk).get()
    _check_key(report, key)
    message = Message.objects.create(
        report=report, kind=kind, author=recipient, written_on=today, sealed_text=crypto.seal_text(key, text)
    )
    changed = []
    if kind in TO_REPORTER and report.acknowledged_on is None:
        report.acknowledged_on = today  # any message to the reporter acknowledges receipt
        changed.append("acknowledged_on")
    if kind == MessageKind.FEEDBACK and report.feedback_on is None:
        report.feedback_on = today
        changed.append("feedback_on")
    if kind != MessageKind.NOTE and report.status == ReportStatus.RECEIVED:
        report.status = ReportStatus.IN_PROGRESS
        changed.append("status")
    if changed:
        report.save(update_fields=changed)
    audit_record(
        actor=recipient.user,
        action="desk.report_message",
        organisation=recipient.desk.organisation,
        target=report,
        kind=kind,
    )
    return message


@transaction.atomic
def report_status_set(*, report: Report, recipient: Recipient, status: str, today: datetime.date) -> Report:
    report = Report.objects.select_for_update().filter(desk=recipient.desk_id, pk=report.pk).get()
    report.status = status
    report.closed_on = today if status == ReportStatus.CLOSED else None
    report.save(update_fields=["status", "closed_on"])
    audit_record(
        actor=recipient.user,
        action="desk.report_status",
        organisation=recipient.desk.organisation,
        target=report,
        status=status,
    )
    return report


# --- Deadlines (Wet bescherming klokkenluiders, see constants) ------------------------------------


@dataclass(frozen=True)
class Deadline:
    kind: str  # "acknowledgement" or "feedback"
    due: datetime.date
    met_on: datetime.date | None

    def state(self, today: datetime.date) -> str:
        if self.met_on:
            return "met" if self.met_on <= self.due else "late"
        warning = ACKNOWLEDGE_WARNING if self.kind == "acknowledgement" else FEEDBACK_WARNING
        if today > self.due:
            return "overdue"
        return "soon" if today >= self.due - warning else "open"


def deadlines(report: Report) -> list[Deadline]:
    acknowledge_due = report.received_on + ACKNOWLEDGE_WITHIN
    # Three months after the acknowledgement, or after the seven days when none was sent in time.
    start = min(report.acknowledged_on, acknowledge_due) if report.acknowledged_on else acknowledge_due
    return [
        Deadline("acknowledgement", acknowledge_due, report.acknowledged_on),
        Deadline("feedback", start + FEEDBACK_WITHIN, report.feedback_on),
    ]


def needs_attention(report: Report, today: datetime.date) -> list[tuple[Deadline, str]]:
    if report.status == ReportStatus.CLOSED:
        return []
    states = [(d, d.state(today)) for d in deadlines(report)]
    return [(d, state) for d, state in states if state in ("soon", "overdue")]


# --- Hand-over export ----------------------------------------------------------------------------


def report_export(*, report: Report, recipient: Recipient, key: bytes, password: str) -> bytes:
    """An AES-256 encrypted ZIP (opens in 7-Zip and most archive tools) with the conversation as text
    and JSON and the attachments, under a password the recipient chose and passes on separately."""
    shown = report_read(report=report, key=key, for_reporter=False)
    lines = [
        f"{report.desk.organisation} — {report.desk}",
        f"Ontvangen: {report.received_on.isoformat()}",
        f"Status: {report.get_status_display()}",
        f"Categorie: {report.get_category_display() or '-'}",
        f"Contactgegevens: {shown.contact or 'anoniem'}",
        "",
    ]
    for message in shown.messages:
        lines += [f"## {message.written_on.isoformat()} — {message.label} {message.author}".rstrip(), message.text, ""]
    record = {
        "received_on": report.received_on.isoformat(),
        "status": report.status,
        "category": report.category,
        "contact": shown.contact,
        "messages": [
            {
                "kind": m.kind,
                "written_on": m.written_on.isoformat(),
                "author_role": m.author,
                "text": m.text,
                "attachments": [a.name for a in m.attachments],
            }
            for m in shown.messages
        ],
    }
    buffer = io.BytesIO()
    with pyzipper.AESZipFile(buffer, "w", compression=pyzipper.ZIP_DEFLATED, encryption=pyzipper.WZ_AES) as archive:
        archive.setpassword(password.encode())
        archive.writestr("melding.txt", "\n".join(lines))
        archive.writestr("melding.json", json.dumps(record, ensure_ascii=False, indent=1))
        for number, attachment in enumerate(_attachments(report, for_reporter=False), start=1):
            name = _attachment_name(number, attachment.content_type)
            archive.writestr(f"bijlagen/{name}", crypto.unseal(key, attachment.sealed_data))
    audit_record(
        actor=recipient.user, action="desk.report_exported", organisation=report.desk.organisation, target=report
    )
    return buffer.getvalue()


# --- Retention ----------------------------------------------------------------------------------


def reports_expired(today: datetime.date):
    """Closed reports past their desk's retention period (across organisations: a scheduled job)."""
    expired = []
    closed = Report.objects.unscoped().filter(status=ReportStatus.CLOSED, closed_on__isnull=False)
    for report in closed.select_related("desk", "desk__organisation"):
        if report.closed_on + relativedelta(months=report.desk.retention_months) <= today:
            expired.append(report)
    return expired


@transaction.atomic
def reports_destroy(*, today: datetime.date) -> int:
    expired = reports_expired(today)
    per_desk: dict = {}
    for report in expired:
        per_desk.setdefault(report.desk, []).append(report.pk)
    for desk, ids in per_desk.items():
        Report.objects.filter(desk=desk, pk__in=ids).delete()
        audit_record(
            actor=None, action="desk.reports_destroyed", organisation=desk.organisation, target=desk, count=len(ids)
        )
    return len(expired)
