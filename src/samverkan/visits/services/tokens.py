"""Secrets for links sent by e-mail: only their SHA-256 is stored."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.conf import settings

REFERENCE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"


def sha256(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(24)


def new_reference() -> str:
    return "VR-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(6))


def client_hash(address: str | None) -> str:
    """A keyed hash of a client address, so the rate-limit table holds no IP addresses."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, (address or "unknown").encode(), hashlib.sha256).hexdigest()
