"""fal webhooks: Ed25519 signatures over keys from fal's JWKS (:class:`FalJWKSCache` fetches and caches it)."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final, TypeAlias, cast
from urllib.parse import urlsplit

import httpx
from pydantic import ValidationError

from ideogram_clients import _json
from ideogram_clients._config import is_loopback
from ideogram_clients._errors import (
    APIConnectionError,
    APIResponseValidationError,
    APITimeoutError,
    IdeogramClientsError,
    status_error_class,
)
from ideogram_clients._webhook_common import (
    DEFAULT_TOLERANCE,
    WebhookVerificationError,
    _load_json,
    _malformed,
    _raw_body,
    signed_delivery,
)
from ideogram_clients._webhook_models import FalWebhook, _fal_endpoint

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey


FAL_JWKS_URL: Final = "https://rest.alpha.fal.ai/.well-known/jwks.json"
FAL_REQUEST_ID: Final = "x-fal-webhook-request-id"
FAL_USER_ID: Final = "x-fal-webhook-user-id"
FAL_TIMESTAMP: Final = "x-fal-webhook-timestamp"
FAL_SIGNATURE: Final = "x-fal-webhook-signature"
JWKS: TypeAlias = Mapping[str, Any] | Sequence[Mapping[str, Any]]

_ED25519_HEX = re.compile(r"[0-9a-fA-F]{128}")  # 64-byte signature
_ED25519_X = re.compile(r"[A-Za-z0-9_-]{43}={0,1}")  # 32-byte key, base64url


def verify_fal(
    headers: Mapping[str, str],
    body: bytes,
    jwks: JWKS | FalJWKSCache,
    *,
    now: float | None = None,
    tolerance: float = DEFAULT_TOLERANCE,
    endpoint: str | None = None,
) -> FalWebhook:
    """Check a fal delivery and return it typed; raises :class:`WebhookVerificationError`.

    The signed message is ``request_id \\n user_id \\n timestamp \\n sha256_hex(body)`` from the
    ``x-fal-webhook-*`` headers (looked up case-insensitively). ``jwks`` is fal's JWKS
    (``{"keys": [...]}``), a list of its keys, or a :class:`FalJWKSCache`; the delivery is valid when
    any OKP/Ed25519 key verifies it (several are published while keys rotate). With a cache, a
    failure refetches the JWKS once, in case fal rotated its keys. With ``endpoint`` (a fal id of
    ``ENDPOINTS``), an ``OK`` payload is parsed into ``.output`` and must fit that endpoint's model.
    """
    target = _fal_endpoint(endpoint) if endpoint is not None else None
    names = (FAL_REQUEST_ID, FAL_USER_ID, FAL_TIMESTAMP, FAL_SIGNATURE)
    body, values = signed_delivery(body, headers, names, FAL_TIMESTAMP, now, tolerance)
    if not _ED25519_HEX.fullmatch(values[FAL_SIGNATURE]):
        raise WebhookVerificationError(
            f"{FAL_SIGNATURE} is not a hex Ed25519 signature (128 hex digits)", reason="malformed"
        )
    signature = bytes.fromhex(values[FAL_SIGNATURE])
    message = _fal_message(values[FAL_REQUEST_ID], values[FAL_USER_ID], values[FAL_TIMESTAMP], body)
    if isinstance(jwks, FalJWKSCache):
        jwks._check_signature(signature, message)
    else:
        _check_ed25519(_public_keys(jwks), signature, message)

    document = _load_json(body)
    try:
        webhook = FalWebhook.model_validate(document)
    except ValidationError as exc:
        raise _malformed("fal", exc) from None
    if target is not None and webhook.status == "OK" and webhook.payload is not None:
        try:
            webhook._output = target.parse_output(webhook.payload)
        except ValidationError as exc:
            raise _malformed(f"{target.id} output", exc) from None
    return webhook


class FalJWKSCache:
    """fal's JWKS, fetched with httpx on first use and kept for ``ttl`` seconds.

    Pass it as ``jwks`` to :func:`verify_fal` (or call :meth:`verify`). When a signature fails with
    the cached keys, the JWKS is refetched once and checked again, so a key rotation costs no valid
    delivery; such forced refetches happen at most once per ``min_refresh_interval`` seconds, so a
    stream of forged deliveries cannot make this process hammer fal. Fetch failures raise the
    package's :class:`~ideogram_clients.APIError` subclasses (answer 5xx: fal retries the delivery).
    Thread-safe. ``clock`` is injectable for tests; ``url`` must be https (http only for loopback).
    """

    def __init__(
        self,
        url: str = FAL_JWKS_URL,
        ttl: float = 86400.0,
        http_client: httpx.Client | None = None,
        clock: Callable[[], float] = time.monotonic,
        *,
        timeout: float = 10.0,
        min_refresh_interval: float = 60.0,
    ) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError("url: expected an absolute https URL")
        if parts.scheme == "http" and not is_loopback(parts.hostname):
            raise ValueError(f"url: https is required for {parts.hostname!r} (http only for loopback hosts)")
        self.url = url
        self.ttl = ttl
        self.timeout = timeout
        self.min_refresh_interval = min_refresh_interval
        self._http_client = http_client
        self._clock = clock
        self._lock = threading.Lock()
        self._jwks: dict[str, Any] | None = None
        self._fetched_at = 0.0
        self._forced_at: float | None = None

    def __repr__(self) -> str:
        return f"FalJWKSCache(url={self.url!r}, ttl={self.ttl!r})"

    def get(self) -> dict[str, Any]:
        """The JWKS: the cached copy while younger than ``ttl``, else a fresh one."""
        with self._lock:
            if self._jwks is None or self._clock() - self._fetched_at >= self.ttl:
                return self._store(self._fetch())
            return self._jwks

    def refresh(self) -> dict[str, Any]:
        """Fetch the JWKS now, whatever its age."""
        with self._lock:
            return self._store(self._fetch())

    def verify(
        self,
        headers: Mapping[str, str],
        body: bytes,
        *,
        now: float | None = None,
        tolerance: float = DEFAULT_TOLERANCE,
        endpoint: str | None = None,
    ) -> FalWebhook:
        """``verify_fal(headers, body, self, ...)``."""
        return verify_fal(headers, body, self, now=now, tolerance=tolerance, endpoint=endpoint)

    def _store(self, jwks: dict[str, Any]) -> dict[str, Any]:
        self._jwks = jwks
        self._fetched_at = self._clock()
        return jwks

    def _check_signature(self, signature: bytes, message: bytes) -> None:
        try:
            _check_ed25519(_public_keys(self.get()), signature, message)
        except WebhookVerificationError:
            fresh = self._refresh_after_failure()
            if fresh is None:
                raise
            _check_ed25519(_public_keys(fresh), signature, message)

    def _refresh_after_failure(self) -> dict[str, Any] | None:
        """A fresh JWKS, or None when one was forced recently or the fetch failed (keep the old keys)."""
        with self._lock:
            moment = self._clock()
            if self._forced_at is not None and moment - self._forced_at < self.min_refresh_interval:
                return None
            self._forced_at = moment
            try:
                return self._store(self._fetch())
            except IdeogramClientsError:
                return None

    def _fetch(self) -> dict[str, Any]:
        try:
            if self._http_client is not None:
                response = self._http_client.get(self.url, timeout=self.timeout)
            else:
                with httpx.Client(timeout=self.timeout) as client:
                    response = client.get(self.url)
        except httpx.TimeoutException:
            raise APITimeoutError(f"fetching fal's JWKS from {self.url} timed out") from None
        except httpx.HTTPError as exc:
            raise APIConnectionError(f"fetching fal's JWKS from {self.url} failed: {type(exc).__name__}") from None
        if not response.is_success:
            error = status_error_class(response.status_code)
            raise error(f"fetching fal's JWKS from {self.url}: HTTP {response.status_code}", response=response)
        try:
            document = _json.loads(response.content)
        except ValueError:
            document = None
        if not isinstance(document, dict) or not isinstance(document.get("keys"), list):
            raise APIResponseValidationError(
                f"fal's JWKS at {self.url} is not a JSON object with a 'keys' list", response=response
            )
        return document


def sign_fal(
    private_key: Ed25519PrivateKey,
    *,
    request_id: str,
    user_id: str,
    body: bytes,
    timestamp: int | None = None,
) -> dict[str, str]:
    """The four ``x-fal-webhook-*`` headers fal would send with ``body`` (for tests and the emulator)."""
    body = _raw_body(body)
    stamp = str(int(time.time()) if timestamp is None else int(timestamp))
    signature = private_key.sign(_fal_message(request_id, user_id, stamp, body))
    return {
        FAL_REQUEST_ID: request_id,
        FAL_USER_ID: user_id,
        FAL_TIMESTAMP: stamp,
        FAL_SIGNATURE: signature.hex(),
    }


def fal_jwks(*keys: Ed25519PublicKey | Ed25519PrivateKey) -> dict[str, Any]:
    """A JWKS publishing the public half of ``keys``, shaped like fal's (``kid`` is the RFC 7638 thumbprint)."""
    _, public_type = _ed25519()
    entries = []
    for key in keys:
        public = key if isinstance(key, public_type) else cast("Ed25519PrivateKey", key).public_key()
        x = base64.urlsafe_b64encode(public.public_bytes_raw()).rstrip(b"=").decode("ascii")
        thumbprint_input = json.dumps({"crv": "Ed25519", "kty": "OKP", "x": x}, separators=(",", ":"))
        digest = hashlib.sha256(thumbprint_input.encode("ascii")).digest()
        kid = base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")
        entries.append({"kty": "OKP", "crv": "Ed25519", "x": x, "kid": kid, "alg": "EdDSA", "use": "sig"})
    return {"keys": entries}


def _fal_message(request_id: str, user_id: str, timestamp: str, body: bytes) -> bytes:
    return "\n".join((request_id, user_id, timestamp, hashlib.sha256(body).hexdigest())).encode("utf-8")


def _public_keys(jwks: JWKS) -> list[Ed25519PublicKey]:
    """The usable Ed25519 keys of a JWKS; keys of other types and undecodable ones are skipped.

    ``kty``/``crv`` are checked when present (a JWKS that lists only ``x``, as some fal examples read
    it, still works).
    """
    entries: object = jwks.get("keys") if isinstance(jwks, Mapping) else jwks
    if not isinstance(entries, Sequence) or isinstance(entries, str | bytes):
        return []
    _, public_type = _ed25519()
    keys = []
    for entry in entries:
        if not isinstance(entry, Mapping):
            continue
        if entry.get("kty", "OKP") != "OKP" or entry.get("crv", "Ed25519") != "Ed25519":
            continue
        x = entry.get("x")
        if not isinstance(x, str) or not _ED25519_X.fullmatch(x):
            continue
        raw = base64.urlsafe_b64decode(x.rstrip("=") + "=")
        keys.append(public_type.from_public_bytes(raw))
    return keys


def _check_ed25519(keys: Sequence[Ed25519PublicKey], signature: bytes, message: bytes) -> None:
    if not keys:
        raise WebhookVerificationError("the JWKS holds no usable Ed25519 (OKP) key", reason="no_keys")
    from cryptography.exceptions import InvalidSignature

    for key in keys:
        try:
            key.verify(signature, message)
        except InvalidSignature:
            continue
        return
    raise WebhookVerificationError(
        f"{FAL_SIGNATURE} does not verify with any of the {len(keys)} JWKS key(s)", reason="bad_signature"
    )


def _ed25519() -> tuple[type[Ed25519PrivateKey], type[Ed25519PublicKey]]:
    """cryptography's Ed25519 classes, imported on first use: only fal signatures need them."""
    try:
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
    except ImportError as exc:  # pragma: no cover - cryptography is installed in the test environment
        raise ImportError(
            "fal webhook signatures need the 'cryptography' package: pip install 'ideogram-clients[webhooks]'"
        ) from exc
    return Ed25519PrivateKey, Ed25519PublicKey
