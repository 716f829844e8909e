"""Encryption at rest for free text that could identify a respondent (examples).

Each organisation has its own key, derived with HKDF from the installation's key and the
organisation's uuid, so a key never needs to be stored and one organisation's key opens nothing
of another's. Stored values start with "enc1:"; anything else is treated as plain text from
before encryption.
"""

import base64
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

PREFIX = "enc1:"


@lru_cache(maxsize=256)
def _fernet(organisation_uuid: str, master: str) -> Fernet:
    key = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=b"bestuursspiegel-examples:" + organisation_uuid.encode()
    ).derive(master.encode())
    return Fernet(base64.urlsafe_b64encode(key))


def _for(organisation) -> Fernet:
    return _fernet(str(organisation.uuid), settings.FIELD_ENCRYPTION_KEY)


def encrypt_text(organisation, text: str) -> str:
    if not text:
        return ""
    return PREFIX + _for(organisation).encrypt(text.encode()).decode()


def decrypt_text(organisation, value: str) -> str:
    if not value or not value.startswith(PREFIX):
        return value or ""
    try:
        return _for(organisation).decrypt(value[len(PREFIX) :].encode()).decode()
    except InvalidToken:
        return ""  # wrong key (another organisation, or a rotated installation key): show nothing
