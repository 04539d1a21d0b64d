"""Sealed bytes: confidential and tamper-evident, with the standard library only.

A stored first response to an idempotent request may carry a secret (a signup's bearer token, a new
webhook secret, a presigned link). It is kept sealed under a key derived from the deployment's
secret and the client's ``Idempotency-Key`` (which the records table never holds in clear), so
reading the table reveals nothing.

Construction (encrypt-then-MAC): a fresh 16-byte nonce; the keystream is SHAKE-256 (an extendable
output function) of ``key || nonce``, XORed with the plaintext; the tag is HMAC-SHA256 of ``nonce ||
ciphertext`` under a MAC key derived separately from the same key. Each key seals one response.

>>> key = derive_key(b"deployment secret", "idempotency-response", "org/user/key-1")
>>> open_sealed(key, seal(key, b"hello"))
b'hello'
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

NONCE_BYTES = 16
TAG_BYTES = 32


class SealBroken(Exception):
    """The sealed text was altered, truncated, or sealed under another key."""


def derive_key(secret: bytes, purpose: str, context: str) -> bytes:
    """A 32-byte key for ``purpose`` and ``context`` (e.g. one idempotency scope), from ``secret``."""
    return hmac.new(secret, f"{purpose}\x00{context}".encode(), hashlib.sha256).digest()


def _mac_key(key: bytes) -> bytes:
    return hmac.new(key, b"mac", hashlib.sha256).digest()


def _keystream(key: bytes, nonce: bytes, length: int) -> bytes:
    return hashlib.shake_256(b"stream\x00" + key + nonce).digest(length)


def _xor(data: bytes, stream: bytes) -> bytes:
    # As one big integer: a per-byte loop in Python would cost milliseconds on a 50 KB body.
    return (int.from_bytes(data, "big") ^ int.from_bytes(stream, "big")).to_bytes(len(data), "big")


def seal(key: bytes, plaintext: bytes) -> str:
    """``plaintext`` sealed under ``key``, as base64 text (nonce, tag, ciphertext)."""
    nonce = os.urandom(NONCE_BYTES)
    ciphertext = _xor(plaintext, _keystream(key, nonce, len(plaintext)))
    tag = hmac.new(_mac_key(key), nonce + ciphertext, hashlib.sha256).digest()
    return base64.b64encode(nonce + tag + ciphertext).decode()


def open_sealed(key: bytes, sealed: str) -> bytes:
    """The plaintext of ``seal(key, plaintext)``; ``SealBroken`` when it does not check out."""
    try:
        raw = base64.b64decode(sealed.encode(), validate=True)
    except ValueError as exc:
        raise SealBroken("not base64") from exc
    if len(raw) < NONCE_BYTES + TAG_BYTES:
        raise SealBroken("too short")
    nonce, tag = raw[:NONCE_BYTES], raw[NONCE_BYTES : NONCE_BYTES + TAG_BYTES]
    ciphertext = raw[NONCE_BYTES + TAG_BYTES :]
    expected = hmac.new(_mac_key(key), nonce + ciphertext, hashlib.sha256).digest()
    if not hmac.compare_digest(tag, expected):
        raise SealBroken("tag mismatch")
    return _xor(ciphertext, _keystream(key, nonce, len(ciphertext)))
