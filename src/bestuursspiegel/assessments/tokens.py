"""Secret invitation links and resume codes.

A link's token has 256 random bits; it says who is invited and lets them start, nothing more. When
a respondent starts, a resume code is made that only their browser keeps (and they may note):
the response is stored under a hash of link and code together. So the facilitator, who saw the
link when inviting, cannot open the answers with it, and the database alone ties no name to a
response. Neither the token nor the code is stored; only hashes.
"""

import hashlib
import re
import secrets

TOKEN_BYTES = 32
TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{43}$")

# Read from a screen and typed on another device: no 0/O, 1/I/L. 31^12 is about 2^59.
RESUME_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
RESUME_LENGTH = 12
RESUME_PATTERN = re.compile(rf"^[{RESUME_ALPHABET}]{{{RESUME_LENGTH}}}$")


def token_generate() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def is_well_formed(token: str) -> bool:
    return bool(TOKEN_PATTERN.fullmatch(token or ""))


def resume_code_generate() -> str:
    return "".join(secrets.choice(RESUME_ALPHABET) for _position in range(RESUME_LENGTH))


def resume_code_normalise(code: str) -> str:
    """Accept the code as people type it: spaces, hyphens and lower case are fine."""
    return "".join((code or "").split()).replace("-", "").upper()


def is_resume_code(code: str) -> bool:
    return bool(RESUME_PATTERN.fullmatch(code or ""))


def resume_code_display(code: str) -> str:
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def _digest(purpose: str, token: str) -> str:
    return hashlib.sha256(f"{purpose}:{token}".encode()).hexdigest()


def participant_token_hash(token: str) -> str:
    return _digest("participant", token)


def response_key(token: str, resume_code: str) -> str:
    return _digest("response", f"{token}:{resume_code}")
