"""Password hashing with Argon2id (argon2-cffi's recommended parameters)."""

from __future__ import annotations

import os
import threading

from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError

# RFC 9106's second recommendation (3 passes over 64 MiB, 4 lanes): argon2-cffi's default.
# A hash carries its parameters, and is verified with them.
PARAMETERS = profiles.RFC_9106_LOW_MEMORY
_HASHER = PasswordHasher.from_parameters(PARAMETERS)

# Verified against when a username does not exist, so that a wrong name and a
# wrong password take the same time.
_DUMMY_HASH = _HASHER.hash("not-a-real-password")

# Verifications at once in this process: each takes the hash's memory (64 MiB) and a
# core for 0.17 s (README, Benchmarks, eleventh run), so twenty logins at the same moment
# took the app to 1.26 GiB and crowded out the threads that render pages. Beyond one per
# core they only queue.
_AT_ONCE = threading.BoundedSemaphore(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
                                      else os.cpu_count() or 1)


def hash_password(password: str) -> str:
    """An Argon2id hash of ``password``, salt and parameters included."""
    return _HASHER.hash(password)


def verify_password(stored_hash: str | None, password: str) -> bool:
    """True when ``password`` matches ``stored_hash``; constant effort when there is no hash."""
    try:
        with _AT_ONCE:
            return _HASHER.verify(stored_hash or _DUMMY_HASH, password) and stored_hash is not None
    except (VerificationError, InvalidHashError):
        return False


PASSWORD_MIN = 10
# Words a guesser tries first (compared without case, digits and punctuation).
COMMON_WORDS = frozenset({
    "password", "passw0rd", "losenord", "lösenord", "qwerty", "qwertyuiop", "asdfghjkl", "insikt", "admin",
    "administrator", "welcome", "valkommen", "välkommen", "letmein", "changeme", "secret", "hemligt",
    "sommar", "summer", "winter", "vinter", "abcdefghij", "iloveyou",
})


def password_problem(password: str | None, username: str | None = None) -> str | None:
    """Why ``password`` may not be used, as a code, or None when it may:
    ``password_required`` (empty), ``password_too_short`` (under
    :data:`PASSWORD_MIN` characters) or ``password_weak`` (a common word with
    digits or signs around it, the username, a run like 1234567890, or fewer than
    four different characters)."""
    if not password:
        return "password_required"
    if len(password) < PASSWORD_MIN:
        return "password_too_short"
    folded = password.casefold()
    core = "".join(char for char in folded if char.isalpha())
    name = (username or "").strip().casefold()
    runs = sum(abs(ord(b) - ord(a)) == 1 for a, b in zip(folded, folded[1:])) / (len(folded) - 1)
    if (core in COMMON_WORDS or len(set(folded)) < 4 or (len(name) >= 3 and name in folded)
            or runs >= 0.8):
        return "password_weak"
    return None
