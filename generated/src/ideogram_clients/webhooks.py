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

import base64
import binascii
import hashlib
import hmac
import json
import math
import re
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final, Literal, TypeAlias, cast
from urllib.parse import urlsplit

import httpx
from pydantic import Field, PrivateAttr, ValidationError

from ideogram_clients import _json
from ideogram_clients._config import is_loopback
from ideogram_clients._endpoint import Endpoint
from ideogram_clients._endpoints import ENDPOINTS
from ideogram_clients._errors import (
    APIConnectionError,
    APIResponseValidationError,
    APITimeoutError,
    IdeogramClientsError,
    JobFailedError,
    status_error_class,
)
from ideogram_clients._models import OutputModel
from ideogram_clients.models import MagnificIdeogramImageEditOutput

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

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

FAL_JWKS_URL: Final = "https://rest.alpha.fal.ai/.well-known/jwks.json"
#: Seconds a delivery's timestamp may differ from now, both ways (fal and Standard Webhooks use 5 min).
DEFAULT_TOLERANCE: Final = 300.0

FAL_REQUEST_ID: Final = "x-fal-webhook-request-id"
FAL_USER_ID: Final = "x-fal-webhook-user-id"
FAL_TIMESTAMP: Final = "x-fal-webhook-timestamp"
FAL_SIGNATURE: Final = "x-fal-webhook-signature"
MAGNIFIC_ID: Final = "webhook-id"
MAGNIFIC_TIMESTAMP: Final = "webhook-timestamp"
MAGNIFIC_SIGNATURE: Final = "webhook-signature"

WebhookFailure: TypeAlias = Literal[
    "missing_header", "bad_timestamp", "expired", "bad_signature", "malformed", "no_keys"
]
JWKS: TypeAlias = Mapping[str, Any] | Sequence[Mapping[str, Any]]

_TIMESTAMP = re.compile(r"[0-9]{1,15}")  # bounded: int() of a huge digit string is slow or refused
_ED25519_HEX = re.compile(r"[0-9a-fA-F]{128}")  # 64-byte signature
_ED25519_X = re.compile(r"[A-Za-z0-9_-]{43}={0,1}")  # 32-byte key, base64url
_WHSEC = "whsec_"


class WebhookVerificationError(IdeogramClientsError):
    """A delivery that must not be trusted, or (``verified=True``) a signed body of the wrong shape.

    ``reason`` is one of :data:`WebhookFailure`; the message never contains a key, secret or header value.
    """

    def __init__(self, message: str, *, reason: WebhookFailure, verified: bool = False) -> None:
        self.reason: WebhookFailure = reason
        self.verified = verified
        super().__init__(message)


# --------------------------------------------------------------------------------------------------
# Payload models


class FalWebhook(OutputModel):
    """A fal delivery: the queue request's outcome. ``payload`` is the endpoint's output when ``OK``."""

    request_id: str
    "The queue request this delivery is about."

    gateway_request_id: str | None = None
    "fal's gateway request id, when fal sends one."

    status: Literal["OK", "ERROR"]
    "``OK``: the job succeeded and ``payload`` is its output; ``ERROR``: it failed (see ``error``)."

    payload: dict[str, Any] | None = None
    "The endpoint's output (``OK``) or the error details (``ERROR``); None when it could not be sent."

    error: str | None = None
    "Why the job failed, when ``status`` is ``ERROR``."

    payload_error: str | None = None
    "Why ``payload`` is missing (for example too large): fetch the result from the queue instead."

    _output: OutputModel | None = PrivateAttr(default=None)

    @property
    def output(self) -> OutputModel | None:
        """The typed output parsed by ``verify_fal(..., endpoint=...)``; None without ``endpoint`` or payload."""
        return self._output

    def output_for(self, endpoint_id: str) -> OutputModel:
        """``payload`` parsed as ``endpoint_id``'s output model.

        Raises :class:`JobFailedError` for an ``ERROR`` delivery, ``ValueError`` when there is no payload
        (see ``payload_error``) and pydantic's ``ValidationError`` when it does not fit the model.
        """
        endpoint = _fal_endpoint(endpoint_id)
        if self.status != "OK":
            message = f"fal request {self.request_id} failed: {self.error or 'no error message'}"
            raise JobFailedError(message, request_id=self.request_id, body=self.payload)
        if self.payload is None:
            why = self.payload_error or "no payload"
            raise ValueError(f"the delivery for {self.request_id} carries no payload ({why}); fetch the result")
        output: OutputModel = endpoint.parse_output(self.payload)
        return output


class MagnificWebhook(MagnificIdeogramImageEditOutput):
    """A Magnific delivery: the task as its GET endpoint returns it, without the ``data`` wrapper.

    Sent on every status change; ``generated`` (the image URLs) is filled once ``COMPLETED`` and may be
    absent before.
    """

    generated: list[str] = Field(default_factory=list)
    "URLs of the generated images; empty until the task is COMPLETED."


# --------------------------------------------------------------------------------------------------
# fal: Ed25519 over JWKS keys


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
    body = _raw_body(body)
    _check_window_arguments(now, tolerance)
    values = _read_headers(headers, (FAL_REQUEST_ID, FAL_USER_ID, FAL_TIMESTAMP, FAL_SIGNATURE))
    _check_timestamp(values[FAL_TIMESTAMP], FAL_TIMESTAMP, now, tolerance)
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


def _fal_endpoint(endpoint_id: str) -> Endpoint[Any, Any]:
    endpoint = ENDPOINTS.get(endpoint_id)
    if endpoint is None or endpoint.provider != "fal":
        known = ", ".join(sorted(key for key, value in ENDPOINTS.items() if value.provider == "fal"))
        raise ValueError(f"endpoint: {endpoint_id!r} is not a fal endpoint of ENDPOINTS ({known})")
    return endpoint


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


# --------------------------------------------------------------------------------------------------
# Magnific: HMAC-SHA256, Standard Webhooks


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
    body = _raw_body(body)
    _check_window_arguments(now, tolerance)
    candidates = _secret_candidates(secret)
    values = _read_headers(headers, (MAGNIFIC_ID, MAGNIFIC_TIMESTAMP, MAGNIFIC_SIGNATURE))
    _check_timestamp(values[MAGNIFIC_TIMESTAMP], MAGNIFIC_TIMESTAMP, now, tolerance)
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


# --------------------------------------------------------------------------------------------------
# Shared checks


def _raw_body(body: object) -> bytes:
    if not isinstance(body, bytes | bytearray | memoryview):
        raise TypeError("body: pass the raw request body as bytes (the exact bytes that were signed)")
    return bytes(body)


def _check_window_arguments(now: float | None, tolerance: float) -> None:
    if now is not None and not math.isfinite(now):
        raise ValueError("now: must be a finite unix time")
    if not tolerance >= 0:
        raise ValueError("tolerance: must be a non-negative number of seconds")


def _read_headers(headers: Mapping[str, str], names: Sequence[str]) -> dict[str, str]:
    """The values of ``names``, found case-insensitively in any mapping (dicts, httpx/Starlette headers)."""
    if not isinstance(headers, Mapping):
        raise TypeError("headers: expected a mapping of header names to values")
    found: dict[str, str] = {}
    for key, value in headers.items():
        name = _as_text(key)
        if name is None:
            continue
        name = name.strip().lower()
        if name not in names:
            continue
        if name in found:
            raise WebhookVerificationError(f"header {name} is given more than once", reason="malformed")
        text = _as_text(value)
        if text is None:
            raise WebhookVerificationError(f"header {name} is not text", reason="malformed")
        found[name] = text
    for name in names:
        if not found.get(name):
            raise WebhookVerificationError(f"header {name} is missing or empty", reason="missing_header")
    return found


def _as_text(value: object) -> str | None:
    """A header name or value as text; None when it is neither text nor bytes, or not encodable."""
    if isinstance(value, bytes):
        return value.decode("latin-1")  # raw HTTP header bytes, as ASGI servers hand them over
    if not isinstance(value, str):
        return None
    try:
        value.encode("utf-8")  # lone surrogates cannot be part of a signed message
    except UnicodeEncodeError:
        return None
    return value


def _check_timestamp(value: str, header: str, now: float | None, tolerance: float) -> None:
    if not _TIMESTAMP.fullmatch(value):
        raise WebhookVerificationError(f"{header} is not an integer number of seconds", reason="bad_timestamp")
    skew = int(value) - (time.time() if now is None else now)
    if abs(skew) > tolerance:
        when = "in the future" if skew > 0 else "old"
        raise WebhookVerificationError(
            f"{header} is {abs(skew):.0f} s {when}, outside the ±{tolerance:g} s window (a replay or a bad clock)",
            reason="expired",
        )


def _load_json(body: bytes) -> object:
    try:
        return _json.loads(body)
    except ValueError:
        raise WebhookVerificationError("the signed body is not JSON", reason="malformed", verified=True) from None


def _malformed(what: str, exc: ValidationError) -> WebhookVerificationError:
    problems = "; ".join(
        f"{'.'.join(str(part) for part in error['loc']) or '(body)'}: {error['msg']}"
        for error in exc.errors(include_url=False, include_input=False)[:5]
    )
    return WebhookVerificationError(
        f"the signed body is not a {what} webhook of the documented shape: {problems}",
        reason="malformed",
        verified=True,
    )
