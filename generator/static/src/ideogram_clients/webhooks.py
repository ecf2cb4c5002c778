"""Verify (and, for tests and the local emulator, sign) webhook deliveries of fal and Magnific.

A webhook URL is public: anyone can POST to it. Trust a delivery only after :func:`verify_fal` or
:func:`verify_magnific` returned, and pass them the *raw* request body (the bytes that were signed,
not re-serialised JSON). Both refuse, with :class:`WebhookVerificationError`:

* a missing or empty signature header (``reason="missing_header"``);
* a timestamp that is not a non-negative integer (``"bad_timestamp"``) or lies more than
  ``tolerance`` seconds (default 300) before or after now (``"expired"``: a replay, or a bad clock);
* a signature header that cannot be decoded (``"malformed"``) or that no key/secret verifies
  (``"bad_signature"``); a JWKS without any usable Ed25519 key (``"no_keys"``);
* a correctly signed body that is not JSON of the documented shape (``"malformed"`` with
  ``verified=True``): bodies are parsed only after their signature was checked.

Answer 4xx for these. Messages name the failed check, never a header value, key or secret.

fal signs with Ed25519 and publishes its public keys as a JWKS; :class:`FalJWKSCache` fetches and
caches it. Magnific signs Standard-Webhooks style with HMAC-SHA256 and a shared secret. Ed25519 needs
``cryptography`` (``pip install 'ideogram-clients[webhooks]'``), imported only when first used, so
:func:`verify_magnific` works without it.
"""

from __future__ import annotations

from ideogram_clients._webhook_common import DEFAULT_TOLERANCE, WebhookFailure, WebhookVerificationError
from ideogram_clients._webhook_fal import FAL_JWKS_URL, FalJWKSCache, fal_jwks, sign_fal, verify_fal
from ideogram_clients._webhook_magnific import sign_magnific, verify_magnific
from ideogram_clients._webhook_models import FalWebhook, MagnificWebhook

__all__ = [
    "DEFAULT_TOLERANCE",
    "FAL_JWKS_URL",
    "FalJWKSCache",
    "FalWebhook",
    "MagnificWebhook",
    "WebhookFailure",
    "WebhookVerificationError",
    "fal_jwks",
    "sign_fal",
    "sign_magnific",
    "verify_fal",
    "verify_magnific",
]
