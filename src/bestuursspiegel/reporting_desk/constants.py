"""Fixed terms and choices of the temporary reporting desk (seed 004, "3. Instellen tijdelijk meldpunt")."""

from dateutil.relativedelta import relativedelta
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# Wet bescherming klokkenluiders (Wbk), article 2, second paragraph (the terms of an internal
# reporting procedure, from EU directive 2019/1937 article 9): an acknowledgement of receipt within
# seven days, and information about the assessment and follow-up within at most three months after
# that acknowledgement (or after the seven days, when none was sent). See docs/security.md.
ACKNOWLEDGE_WITHIN = relativedelta(days=7)
FEEDBACK_WITHIN = relativedelta(months=3)
# Warnings start this long before a deadline.
ACKNOWLEDGE_WARNING = relativedelta(days=2)
FEEDBACK_WARNING = relativedelta(days=14)

TEXT_MAX_LENGTH = 10_000  # characters per report or message
CONTACT_MAX_LENGTH = 500
ATTACHMENT_MAX_BYTES = 4 * 1024 * 1024
ATTACHMENTS_PER_MESSAGE = 3
# Above this a request is refused before its files are read (three attachments and the form).
REQUEST_MAX_BYTES = ATTACHMENTS_PER_MESSAGE * ATTACHMENT_MAX_BYTES + 256 * 1024

# Wrong receipt-code/secret pairs: per report before it is locked for a while, and per address window.
REPORTER_ATTEMPTS = 5
REPORTER_LOCK_MINUTES = 30
GUESS_LIMIT = 20
GUESS_WINDOW = 15 * 60
# New reports per address window: enough for a household, not for a flood.
SUBMIT_LIMIT = 5
SUBMIT_WINDOW = 60 * 60


class ReportStatus(models.TextChoices):
    RECEIVED = "received", pgettext_lazy("report status", "received")
    IN_PROGRESS = "in_progress", pgettext_lazy("report status", "being handled")
    CLOSED = "closed", pgettext_lazy("report status", "closed")


class Category(models.TextChoices):
    """Optional themes, in the words of seed 004: the norms a code of conduct is for ("normen die
    corruptie, belangenverstrengeling en machtsmisbruik moeten voorkomen", "Buffer 1: Gedragscodes"),
    what a confidential adviser hears about ("grensoverschrijdende omgangsvormen, discriminatie of
    ander ongewenst gedrag", "Buffer 3: Vertrouwenspersonen") and the covering-up the case study is
    named after ("2. Patronen van toedekking")."""

    CORRUPTION = "corruption", _("corruption, such as bribery")
    CONFLICT_OF_INTEREST = "conflict_of_interest", _("conflict of interest")
    ABUSE_OF_POWER = "abuse_of_power", _("abuse of power")
    MISCONDUCT = "misconduct", _("intimidation, discrimination or other unwanted behaviour")
    CODE_OF_CONDUCT = "code_of_conduct", _("breach of the code of conduct")
    COVERING_UP = "covering_up", _("covering up or not acting on earlier signals")
    OTHER = "other", _("something else")


class MessageKind(models.TextChoices):
    REPORTER = "reporter", _("from the reporter")
    ACKNOWLEDGEMENT = "acknowledgement", _("acknowledgement of receipt")
    FEEDBACK = "feedback", _("feedback on assessment and follow-up")
    REPLY = "reply", _("message to the reporter")
    NOTE = "note", _("internal note")


TO_REPORTER = (MessageKind.ACKNOWLEDGEMENT, MessageKind.FEEDBACK, MessageKind.REPLY)

ATTACHMENT_TYPES = {"image/jpeg": "jpg", "image/png": "png", "application/pdf": "pdf"}
