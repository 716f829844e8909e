"""Secret invitation links.

A token has 256 random bits. We store two different hashes of it: one on the participant
(to recognise the link) and one on the response (to resume answering). Without the token,
which is shown once and never stored, the two cannot be tied to each other.
"""

import hashlib
import re
import secrets

TOKEN_BYTES = 32
TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{43}$")


def token_generate() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def is_well_formed(token: str) -> bool:
    return bool(TOKEN_PATTERN.fullmatch(token or ""))


def _digest(purpose: str, token: str) -> str:
    return hashlib.sha256(f"{purpose}:{token}".encode()).hexdigest()


def participant_token_hash(token: str) -> str:
    return _digest("participant", token)


def response_key(token: str) -> str:
    return _digest("response", token)
