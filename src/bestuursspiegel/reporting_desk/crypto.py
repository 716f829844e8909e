"""End-to-end encryption of reports with libsodium (PyNaCl), in the manner of GlobaLeaks.

* Every report has its own random key; its texts, contact details and files are sealed with it
  (XSalsa20-Poly1305, `SecretBox`).
* Every recipient has a Curve25519 key pair. The report key is sealed to each active recipient's
  public key (`SealedBox`), so the server can store a new report without being able to read it later.
* A recipient's private key is stored encrypted with a key derived from their password (Argon2id).
  The password is asked when they unlock the desk; the private key then lives only in the
  browser session's vault (see vault.py), never in the clear on the server.
* The reporter's secret (about 120 random bits, shown once) opens a second sealed copy of the report
  key. It is random, not chosen, so a fast key derivation (BLAKE2b with a salt) suffices.

A database dump, or an operator with the installation's settings, therefore holds only ciphertext.
"""

import json
import secrets

from nacl import pwhash, utils
from nacl.encoding import HexEncoder, RawEncoder
from nacl.exceptions import CryptoError
from nacl.hash import blake2b
from nacl.public import PrivateKey, PublicKey, SealedBox
from nacl.secret import SecretBox

KEY_BYTES = SecretBox.KEY_SIZE
# Unambiguous characters: no 0/O, 1/I/L, and upper case only, for codes read aloud or written down.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
RECEIPT_GROUPS = 3  # 12 characters: the reporter's name for their report, not its key
SECRET_GROUPS = 6  # 24 characters, about 119 bits


class DecryptionFailed(Exception):
    """Wrong key or password, or altered ciphertext."""


def new_key() -> bytes:
    return utils.random(KEY_BYTES)


def seal(key: bytes, data: bytes) -> bytes:
    return bytes(SecretBox(key).encrypt(data))


def unseal(key: bytes, ciphertext: bytes) -> bytes:
    try:
        return SecretBox(key).decrypt(bytes(ciphertext))
    except CryptoError as error:
        raise DecryptionFailed from error


def seal_text(key: bytes, text: str) -> bytes:
    return seal(key, text.encode())


def unseal_text(key: bytes, ciphertext: bytes) -> str:
    return unseal(key, ciphertext).decode()


def seal_json(key: bytes, value) -> bytes:
    return seal(key, json.dumps(value).encode())


def unseal_json(key: bytes, ciphertext: bytes):
    return json.loads(unseal(key, ciphertext))


# --- Recipients ---------------------------------------------------------------------------------

# Argon2id at libsodium's "interactive" cost: about 0.1 s and 64 MiB per unlock on this machine.
OPSLIMIT = pwhash.argon2id.OPSLIMIT_INTERACTIVE
MEMLIMIT = pwhash.argon2id.MEMLIMIT_INTERACTIVE


def _password_key(password: str, salt: bytes) -> bytes:
    return pwhash.argon2id.kdf(KEY_BYTES, password.encode(), bytes(salt), opslimit=OPSLIMIT, memlimit=MEMLIMIT)


def key_pair_new(password: str) -> tuple[bytes, bytes, bytes, bytes]:
    """(public key, private key, sealed private key, salt) for a recipient who gave `password`."""
    private = PrivateKey.generate()
    sealed, salt = private_key_reseal(bytes(private), password)
    return bytes(private.public_key), bytes(private), sealed, salt


def private_key_open(sealed_private_key: bytes, salt: bytes, password: str) -> bytes:
    return unseal(_password_key(password, salt), sealed_private_key)


def private_key_reseal(private_key: bytes, password: str) -> tuple[bytes, bytes]:
    """After a password change: (sealed private key, salt) under the new password."""
    salt = utils.random(pwhash.argon2id.SALTBYTES)
    return seal(_password_key(password, salt), private_key), salt


def grant(report_key: bytes, public_key: bytes) -> bytes:
    return bytes(SealedBox(PublicKey(bytes(public_key))).encrypt(report_key))


def grant_open(sealed_key: bytes, private_key: bytes) -> bytes:
    try:
        return SealedBox(PrivateKey(bytes(private_key))).decrypt(bytes(sealed_key))
    except CryptoError as error:
        raise DecryptionFailed from error


# --- Reporters ----------------------------------------------------------------------------------


def _code(groups: int) -> str:
    return "-".join("".join(secrets.choice(ALPHABET) for _ in range(4)) for _ in range(groups))


def receipt_code_new() -> str:
    return _code(RECEIPT_GROUPS)


def reporter_secret_new() -> str:
    return _code(SECRET_GROUPS)


def normalise(code: str) -> str:
    """As typed: in any case, with or without spaces and dashes."""
    return "".join(ch for ch in code.upper() if ch.isascii() and ch.isalnum())


def receipt_hash(code: str) -> str:
    return blake2b(normalise(code).encode(), digest_size=32, person=b"bs-receipt", encoder=HexEncoder).decode()


def reporter_key(secret: str, salt: bytes) -> bytes:
    return blake2b(
        normalise(secret).encode(), digest_size=KEY_BYTES, salt=bytes(salt), person=b"bs-reporter", encoder=RawEncoder
    )


def reporter_salt_new() -> bytes:
    return utils.random(16)
