"""Password hashing (argon2id via argon2-cffi) and the password rules."""

from __future__ import annotations

import functools
import os
from typing import TYPE_CHECKING

from chalicelib.domain.errors import RuleViolation

if TYPE_CHECKING:
    from argon2 import PasswordHasher

MIN_LENGTH = 10
MAX_LENGTH = 256

# A short list of the most common passwords of 10+ characters (public breach corpora top lists).
COMMON = frozenset(
    {
        "1234567890",
        "0123456789",
        "1234567891",
        "12345678910",
        "qwertyuiop",
        "1q2w3e4r5t",
        "password12",
        "password123",
        "password1234",
        "1qaz2wsx3edc",
        "qwerty1234",
        "qwerty12345",
        "qwerty123456",
        "iloveyou12",
        "abcdefghij",
        "abc1234567",
        "abcd123456",
        "football12",
        "welcome123",
        "letmein123",
        "passw0rd123",
        "administrator",
        "changeme123",
        "monkey12345",
        "dragon12345",
        "sunshine12",
        "princess12",
        "1111111111",
        "0000000000",
        "9876543210",
        "zaq12wsxcde",
        "asdfghjkl1",
        "asdfghjkl;",
        "trustno1234",
        "baseball12",
        "superman12",
        "helpdesk123",
        "support123",
        "deskless123",
    }
)


@functools.cache
def hasher() -> PasswordHasher:
    """argon2id with argon2-cffi's defaults (RFC 9106's second recommendation: 64 MiB, t=3, p=4).

    ``ARGON2_MEMORY_KIB`` / ``ARGON2_TIME_COST`` lower the cost for the test suite only; a hash made
    with other parameters is upgraded at the next successful login (``needs_rehash``).
    """
    from argon2 import PasswordHasher

    memory = os.environ.get("ARGON2_MEMORY_KIB")
    time_cost = os.environ.get("ARGON2_TIME_COST")
    if memory or time_cost:
        return PasswordHasher(memory_cost=int(memory or 65536), time_cost=int(time_cost or 3), parallelism=1)
    return PasswordHasher()


def check_strength(password: str, *, email: str = "", username: str = "") -> None:
    """Raise ``RuleViolation`` (422) with the reason when the password is too weak."""
    if len(password) < MIN_LENGTH:
        raise RuleViolation(f"Passwords need at least {MIN_LENGTH} characters.", code="weak_password")
    if len(password) > MAX_LENGTH:
        raise RuleViolation(f"Passwords have at most {MAX_LENGTH} characters.", code="weak_password")
    lowered = password.lower()
    if lowered in COMMON or len(set(lowered)) < 4:
        raise RuleViolation("This password is too common; choose another.", code="weak_password")
    for personal in (email.split("@")[0].lower(), username.lower()):
        if len(personal) >= 4 and personal in lowered:
            raise RuleViolation("The password must not contain your email or username.", code="weak_password")


def hash_password(password: str) -> str:
    return hasher().hash(password)


@functools.cache
def _dummy_hash() -> str:
    return hasher().hash("not-a-real-password-only-for-timing")


def verify(password_hash: str | None, password: str) -> bool:
    """Constant work whether or not the account exists: an unknown user verifies a dummy hash."""
    from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

    try:
        return hasher().verify(password_hash or _dummy_hash(), password) and bool(password_hash)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return hasher().check_needs_rehash(password_hash)
