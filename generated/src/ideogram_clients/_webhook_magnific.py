"""Magnific webhooks: HMAC-SHA256 with a shared secret, Standard Webhooks style."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import time
from collections.abc import Mapping
from typing import Final

from pydantic import ValidationError

from ideogram_clients._webhook_common import (
    DEFAULT_TOLERANCE,
    WebhookVerificationError,
    _load_json,
    _malformed,
    _raw_body,
    signed_delivery,
)
from ideogram_clients._webhook_models import MagnificWebhook

MAGNIFIC_ID: Final = "webhook-id"
MAGNIFIC_TIMESTAMP: Final = "webhook-timestamp"
MAGNIFIC_SIGNATURE: Final = "webhook-signature"
_WHSEC = "whsec_"


def verify_magnific(
    headers: Mapping[str, str],
    body: bytes,
    secret: str | bytes,
    *,
    now: float | None = None,
    tolerance: float = DEFAULT_TOLERANCE,
) -> MagnificWebhook:
    """Check a Magnific delivery and return the task; raises :class:`WebhookVerificationError`.

    Standard Webhooks: ``webhook-signature`` holds space-separated ``v1,<base64>`` entries (other
    versions are ignored), each an HMAC-SHA256 of ``f"{webhook-id}.{webhook-timestamp}.".encode() +
    body``; any matching entry is enough, compared in constant time.

    The secret: Magnific's docs disagree (the Python example keys the HMAC with the secret's raw UTF-8
    bytes, the PHP one base64-decodes it; Standard-Webhooks secrets read ``whsec_<base64>``). So
    ``bytes`` are used as given, and a ``str`` is tried both as its UTF-8 bytes and, when it is
    ``whsec_``-prefixed or valid base64, as the decoded bytes. Every candidate derives from the
    secret, so trying several does not help a forger.
    """
    candidates = _secret_candidates(secret)
    names = (MAGNIFIC_ID, MAGNIFIC_TIMESTAMP, MAGNIFIC_SIGNATURE)
    body, values = signed_delivery(body, headers, names, MAGNIFIC_TIMESTAMP, now, tolerance)
    signatures: list[bytes] = []
    undecodable = 0
    for entry in values[MAGNIFIC_SIGNATURE].split():
        version, comma, encoded = entry.partition(",")
        if version != "v1" or not comma:
            continue
        try:
            decoded = base64.b64decode(encoded, validate=True)
        except (binascii.Error, ValueError):
            decoded = b""
        if decoded:
            signatures.append(decoded)
        else:
            undecodable += 1
    if not signatures:
        what = "base64" if undecodable else "'v1,<base64>' entry"
        raise WebhookVerificationError(f"{MAGNIFIC_SIGNATURE} has no valid {what} signature", reason="malformed")
    message = f"{values[MAGNIFIC_ID]}.{values[MAGNIFIC_TIMESTAMP]}.".encode() + body
    expected = [hmac.new(key, message, hashlib.sha256).digest() for key in candidates]
    # Every pair is compared (no early exit), so timing does not tell which candidate was close.
    matched = False
    for digest in expected:
        for signature in signatures:
            matched |= hmac.compare_digest(digest, signature)
    if not matched:
        raise WebhookVerificationError(
            f"{MAGNIFIC_SIGNATURE} does not match the secret ({len(signatures)} v1 signature(s) checked)",
            reason="bad_signature",
        )

    document = _load_json(body)
    if isinstance(document, dict) and "task_id" not in document and isinstance(document.get("data"), dict):
        document = document["data"]  # tolerate the GET endpoint's envelope
    try:
        return MagnificWebhook.model_validate(document)
    except ValidationError as exc:
        raise _malformed("Magnific", exc) from None


def sign_magnific(
    secret: str | bytes,
    *,
    webhook_id: str,
    body: bytes,
    timestamp: int | None = None,
) -> dict[str, str]:
    """The three ``webhook-*`` headers Magnific would send with ``body`` (for tests and the emulator).

    A ``whsec_<base64>`` secret signs with its decoded bytes (Standard Webhooks); any other ``str``
    with its UTF-8 bytes, ``bytes`` as given. :func:`verify_magnific` accepts all three.
    """
    body = _raw_body(body)
    if isinstance(secret, str) and secret.startswith(_WHSEC):
        key = base64.b64decode(secret[len(_WHSEC) :], validate=True)
    else:
        key = secret.encode("utf-8") if isinstance(secret, str) else bytes(secret)
    if not key:
        raise ValueError("secret: must not be empty")
    stamp = str(int(time.time()) if timestamp is None else int(timestamp))
    digest = hmac.new(key, f"{webhook_id}.{stamp}.".encode() + body, hashlib.sha256).digest()
    return {
        MAGNIFIC_ID: webhook_id,
        MAGNIFIC_TIMESTAMP: stamp,
        MAGNIFIC_SIGNATURE: "v1," + base64.b64encode(digest).decode("ascii"),
    }


def _secret_candidates(secret: str | bytes) -> list[bytes]:
    if isinstance(secret, bytes | bytearray):
        candidates = [bytes(secret)]
    elif isinstance(secret, str):
        candidates = [secret.encode("utf-8")]
        encoded = secret.removeprefix(_WHSEC)
        try:
            decoded = base64.b64decode(encoded, validate=True)
        except (binascii.Error, ValueError):
            decoded = b""
        if decoded and decoded not in candidates:
            candidates.append(decoded)
    else:
        raise TypeError("secret: expected str or bytes")
    if not candidates[0]:
        raise ValueError("secret: must not be empty")
    return candidates
