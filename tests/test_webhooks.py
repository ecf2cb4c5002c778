"""Webhook verification for both providers: valid, tampered, replayed, malformed, rotated, fuzzed."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ideogram_clients import APIResponseValidationError, APIStatusError, IdeogramClientsError, JobFailedError
from ideogram_clients.models import IdeogramV2EditOutput, MagnificIdeogramImageEditOutput
from ideogram_clients.webhooks import (
    FalJWKSCache,
    FalWebhook,
    MagnificWebhook,
    WebhookVerificationError,
    fal_jwks,
    sign_fal,
    sign_magnific,
    verify_fal,
    verify_magnific,
)

NOW = 1_750_000_000
KEY = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
OTHER_KEY = Ed25519PrivateKey.from_private_bytes(bytes(range(1, 33)))
JWKS = fal_jwks(KEY)
SECRET = "whsec_" + base64.b64encode(b"magnific-shared-secret-32-bytes!").decode()
V2_EDIT = "fal-ai/ideogram/v2/edit"

FAL_OK = {
    "request_id": "764cabcf-b745-4b3e-ae38-1200304cf45b",
    "gateway_request_id": "764cabcf-b745-4b3e-ae38-1200304cf45b",
    "status": "OK",
    "payload": {"images": [{"url": "https://v3.fal.media/files/out.png", "content_type": "image/png"}], "seed": 42},
    "error": None,
    "payload_error": None,
}
FAL_ERROR = {
    "request_id": "req-2",
    "gateway_request_id": "req-2",
    "status": "ERROR",
    "payload": {"detail": [{"loc": ["body", "prompt"], "msg": "field required", "type": "value_error.missing"}]},
    "error": "Invalid status code: 422",
}
MAGNIFIC_DONE = {
    "task_id": "046b6c7f-0b8a-43b9-b35d-6489e6daee91",
    "status": "COMPLETED",
    "generated": ["https://cdn.magnific.com/a.png", "https://cdn.magnific.com/b.png"],
}


def body_of(document: object) -> bytes:
    return json.dumps(document).encode()


def fal_delivery(
    document: object = FAL_OK, *, key: Ed25519PrivateKey = KEY, timestamp: int = NOW
) -> tuple[dict[str, str], bytes]:
    body = document if isinstance(document, bytes) else body_of(document)
    headers = sign_fal(key, request_id="764cabcf", user_id="user-1", body=body, timestamp=timestamp)
    return headers, body


def magnific_delivery(
    document: object = MAGNIFIC_DONE, *, secret: str | bytes = SECRET, timestamp: int = NOW
) -> tuple[dict[str, str], bytes]:
    body = document if isinstance(document, bytes) else body_of(document)
    return sign_magnific(secret, webhook_id="msg_2x1", body=body, timestamp=timestamp), body


def refused(reason: str, call: Callable[[], object]) -> WebhookVerificationError:
    with pytest.raises(WebhookVerificationError) as info:
        call()
    assert info.value.reason == reason, str(info.value)
    assert isinstance(info.value, IdeogramClientsError)
    return info.value


# -- valid deliveries ------------------------------------------------------------------------------


def test_fal_ok_is_typed_and_output_parsed_for_the_endpoint() -> None:
    headers, body = fal_delivery()
    webhook = verify_fal(headers, body, JWKS, now=NOW, endpoint=V2_EDIT)
    assert isinstance(webhook, FalWebhook)
    assert (webhook.status, webhook.request_id, webhook.error) == ("OK", FAL_OK["request_id"], None)
    assert isinstance(webhook.output, IdeogramV2EditOutput)
    assert webhook.output.seed == 42
    assert webhook.output.images[0].url == "https://v3.fal.media/files/out.png"
    assert webhook.output_for(V2_EDIT) == webhook.output


def test_fal_without_endpoint_keeps_payload_raw_and_unknown_keys() -> None:
    headers, body = fal_delivery({**FAL_OK, "new_field": 1})
    webhook = verify_fal(headers, body, JWKS, now=NOW)
    assert webhook.output is None
    assert webhook.payload == FAL_OK["payload"]
    assert webhook.model_extra == {"new_field": 1}


def test_fal_error_delivery() -> None:
    headers, body = fal_delivery(FAL_ERROR)
    webhook = verify_fal(headers, body, JWKS, now=NOW, endpoint=V2_EDIT)
    assert (webhook.status, webhook.error, webhook.output) == ("ERROR", "Invalid status code: 422", None)
    assert webhook.payload_error is None
    with pytest.raises(JobFailedError, match="422"):
        webhook.output_for(V2_EDIT)


def test_fal_ok_without_payload_says_why() -> None:
    headers, body = fal_delivery({**FAL_OK, "payload": None, "payload_error": "Payload too large"})
    webhook = verify_fal(headers, body, JWKS, now=NOW, endpoint=V2_EDIT)
    assert webhook.output is None
    with pytest.raises(ValueError, match="Payload too large"):
        webhook.output_for(V2_EDIT)


def test_magnific_completed_is_the_task() -> None:
    headers, body = magnific_delivery()
    webhook = verify_magnific(headers, body, SECRET, now=NOW)
    assert isinstance(webhook, MagnificWebhook)
    assert isinstance(webhook, MagnificIdeogramImageEditOutput)
    assert (webhook.task_id, webhook.status) == (MAGNIFIC_DONE["task_id"], "COMPLETED")
    assert webhook.generated == MAGNIFIC_DONE["generated"]


def test_magnific_created_without_generated_and_data_envelope() -> None:
    headers, body = magnific_delivery({"data": {"task_id": "t-1", "status": "CREATED"}})
    webhook = verify_magnific(headers, body, SECRET, now=NOW)
    assert (webhook.task_id, webhook.status, webhook.generated) == ("t-1", "CREATED", [])


@pytest.mark.parametrize(
    "make_headers",
    [
        lambda h: {k.upper(): v for k, v in h.items()},
        lambda h: {k.title(): v for k, v in h.items()},
        lambda h: httpx.Headers({k.title(): v for k, v in h.items()}),
        lambda h: {k.encode(): v.encode() for k, v in h.items()},
    ],
    ids=["upper", "title", "httpx", "bytes"],
)
def test_headers_any_mapping_any_case(make_headers: Callable[[dict[str, str]], object]) -> None:
    headers, body = fal_delivery()
    assert verify_fal(make_headers(headers), body, JWKS, now=NOW).status == "OK"  # type: ignore[arg-type]
    headers, body = magnific_delivery()
    assert verify_magnific(make_headers(headers), body, SECRET, now=NOW).status == "COMPLETED"  # type: ignore[arg-type]


# -- tampering, wrong keys -------------------------------------------------------------------------


def test_tampered_body_is_refused_before_parsing() -> None:
    headers, body = fal_delivery()
    refused("bad_signature", lambda: verify_fal(headers, body.replace(b"42", b"43"), JWKS, now=NOW))
    refused("bad_signature", lambda: verify_fal(headers, b"not json at all", JWKS, now=NOW))
    headers, body = magnific_delivery()
    refused("bad_signature", lambda: verify_magnific(headers, body.replace(b"a.png", b"x.png"), SECRET, now=NOW))
    refused("bad_signature", lambda: verify_magnific(headers, b"not json at all", SECRET, now=NOW))


def test_tampered_headers_are_refused() -> None:
    headers, body = fal_delivery()
    for name, value in (
        ("x-fal-webhook-request-id", "someone-else"),
        ("x-fal-webhook-user-id", "someone-else"),
        ("x-fal-webhook-timestamp", str(NOW + 1)),
    ):
        forged = {**headers, name: value}
        refused("bad_signature", lambda: verify_fal(forged, body, JWKS, now=NOW))  # noqa: B023
    headers, body = magnific_delivery()
    refused("bad_signature", lambda: verify_magnific({**headers, "webhook-id": "msg_other"}, body, SECRET, now=NOW))


def test_wrong_key_or_secret() -> None:
    headers, body = fal_delivery(key=OTHER_KEY)
    error = refused("bad_signature", lambda: verify_fal(headers, body, JWKS, now=NOW))
    assert headers["x-fal-webhook-signature"] not in str(error)
    headers, body = magnific_delivery(secret="whsec_" + base64.b64encode(b"another secret").decode())
    error = refused("bad_signature", lambda: verify_magnific(headers, body, SECRET, now=NOW))
    assert SECRET not in str(error) and SECRET[6:] not in str(error)
    assert headers["webhook-signature"][3:] not in str(error)


def test_key_rotation_any_jwks_key_verifies() -> None:
    headers, body = fal_delivery(key=OTHER_KEY)
    rotated = fal_jwks(KEY, OTHER_KEY)
    assert len(rotated["keys"]) == 2 and rotated["keys"][0]["kid"] != rotated["keys"][1]["kid"]
    assert verify_fal(headers, body, rotated, now=NOW).status == "OK"
    assert verify_fal(headers, body, rotated["keys"], now=NOW).status == "OK"  # a list of keys


def test_jwks_key_filtering() -> None:
    headers, body = fal_delivery()
    (entry,) = JWKS["keys"]
    foreign = [{"kty": "RSA", "n": "xx", "e": "AQAB"}, {**entry, "crv": "X25519"}, {**entry, "x": "!!"}, "junk"]
    refused("no_keys", lambda: verify_fal(headers, body, {"keys": foreign}, now=NOW))
    refused("no_keys", lambda: verify_fal(headers, body, {}, now=NOW))
    bare = {"keys": [*foreign, {"x": entry["x"]}]}  # only `x`, as some fal examples read the JWKS
    assert verify_fal(headers, body, bare, now=NOW).status == "OK"


# -- timestamps ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("offset", "ok"), [(0, True), (300, True), (-300, True), (301, False), (-301, False)])
def test_timestamp_window(offset: int, ok: bool) -> None:
    fal_headers, fal_body = fal_delivery(timestamp=NOW + offset)
    mag_headers, mag_body = magnific_delivery(timestamp=NOW + offset)
    if ok:
        assert verify_fal(fal_headers, fal_body, JWKS, now=NOW).status == "OK"
        assert verify_magnific(mag_headers, mag_body, SECRET, now=NOW).status == "COMPLETED"
    else:
        refused("expired", lambda: verify_fal(fal_headers, fal_body, JWKS, now=NOW))
        refused("expired", lambda: verify_magnific(mag_headers, mag_body, SECRET, now=NOW))


def test_tolerance_and_default_clock() -> None:
    headers, body = fal_delivery(timestamp=NOW - 3600)
    assert verify_fal(headers, body, JWKS, now=NOW, tolerance=3600).status == "OK"
    refused("expired", lambda: verify_fal(headers, body, JWKS))  # real clock: years later
    headers, body = fal_delivery(timestamp=int(__import__("time").time()))
    assert verify_fal(headers, body, JWKS).status == "OK"
    with pytest.raises(ValueError):
        verify_fal(headers, body, JWKS, tolerance=-1)
    with pytest.raises(ValueError):
        verify_magnific(headers, body, SECRET, now=float("nan"))


@pytest.mark.parametrize("stamp", ["soon", "1750000000.5", "-5", " 1750000000", "1e9", "١٧٥٠٠٠٠٠٠٠", "9" * 400])
def test_non_integer_timestamp(stamp: str) -> None:
    headers, body = fal_delivery()
    refused("bad_timestamp", lambda: verify_fal({**headers, "x-fal-webhook-timestamp": stamp}, body, JWKS, now=NOW))
    headers, body = magnific_delivery()
    refused("bad_timestamp", lambda: verify_magnific({**headers, "webhook-timestamp": stamp}, body, SECRET, now=NOW))


# -- missing and malformed headers -----------------------------------------------------------------

FAL_NAMES = ["x-fal-webhook-request-id", "x-fal-webhook-user-id", "x-fal-webhook-timestamp", "x-fal-webhook-signature"]
MAGNIFIC_NAMES = ["webhook-id", "webhook-timestamp", "webhook-signature"]


@pytest.mark.parametrize("name", FAL_NAMES)
def test_fal_missing_header(name: str) -> None:
    headers, body = fal_delivery()
    error = refused(
        "missing_header", lambda: verify_fal({k: v for k, v in headers.items() if k != name}, body, JWKS, now=NOW)
    )
    assert name in str(error)
    refused("missing_header", lambda: verify_fal({**headers, name: ""}, body, JWKS, now=NOW))


@pytest.mark.parametrize("name", MAGNIFIC_NAMES)
def test_magnific_missing_header(name: str) -> None:
    headers, body = magnific_delivery()
    error = refused(
        "missing_header",
        lambda: verify_magnific({k: v for k, v in headers.items() if k != name}, body, SECRET, now=NOW),
    )
    assert name in str(error)
    refused("missing_header", lambda: verify_magnific({**headers, name: ""}, body, SECRET, now=NOW))


@pytest.mark.parametrize(
    "signature",
    ["zz" * 64, "ab" * 63, "ab" * 65, "ab " * 64, "0x" + "ab" * 63, "v1,abc"],
)
def test_fal_malformed_signature(signature: str) -> None:
    headers, body = fal_delivery()
    refused("malformed", lambda: verify_fal({**headers, "x-fal-webhook-signature": signature}, body, JWKS, now=NOW))


def test_fal_uppercase_hex_signature_is_fine() -> None:
    headers, body = fal_delivery()
    headers["x-fal-webhook-signature"] = headers["x-fal-webhook-signature"].upper()
    assert verify_fal(headers, body, JWKS, now=NOW).status == "OK"


@pytest.mark.parametrize("signature", ["v1,not base64!", "v1,abc", "v2,AAAA", "AAAA", "v1a,AAAA", "v1,"])
def test_magnific_malformed_signature(signature: str) -> None:
    headers, body = magnific_delivery()
    refused("malformed", lambda: verify_magnific({**headers, "webhook-signature": signature}, body, SECRET, now=NOW))


def test_duplicate_header_in_different_case() -> None:
    headers, body = magnific_delivery()
    doubled = {**headers, "Webhook-Id": "msg_other"}
    refused("malformed", lambda: verify_magnific(doubled, body, SECRET, now=NOW))


def test_magnific_v1_among_other_versions_and_entries() -> None:
    headers, body = magnific_delivery()
    good = headers["webhook-signature"]
    wrong = "v1," + base64.b64encode(b"\0" * 32).decode()
    for value in (
        f"v1a,{good[3:]} {good}",
        f"{wrong} {good}",
        f"v2,AAAA v1,not-base64 {wrong} {good} v1b,xyz",
        f"  {good}  ",
    ):
        assert verify_magnific({**headers, "webhook-signature": value}, body, SECRET, now=NOW).status == "COMPLETED"
    refused(
        "bad_signature",
        lambda: verify_magnific({**headers, "webhook-signature": f"{wrong} v2,{good[3:]}"}, body, SECRET, now=NOW),
    )


# -- Magnific secret forms -------------------------------------------------------------------------


def test_secret_raw_and_whsec_base64() -> None:
    decoded = base64.b64decode(SECRET[6:])
    # Standard Webhooks: the whsec_ secret signs with its decoded bytes; verify accepts str or bytes.
    headers, body = magnific_delivery(secret=SECRET)
    assert verify_magnific(headers, body, SECRET, now=NOW).status == "COMPLETED"
    assert verify_magnific(headers, body, decoded, now=NOW).status == "COMPLETED"
    refused("bad_signature", lambda: verify_magnific(headers, body, SECRET.encode(), now=NOW))  # bytes: as given
    # The official Python example: the secret string's raw UTF-8 bytes.
    headers, body = magnific_delivery(secret=SECRET.encode())
    assert verify_magnific(headers, body, SECRET, now=NOW).status == "COMPLETED"
    raw = "my-plain secret"
    headers, body = magnific_delivery(secret=raw)
    assert verify_magnific(headers, body, raw, now=NOW).status == "COMPLETED"
    # The PHP example: a bare base64 secret, decoded.
    bare = base64.b64encode(b"php-style secret").decode()
    headers, body = magnific_delivery(secret=base64.b64decode(bare))
    assert verify_magnific(headers, body, bare, now=NOW).status == "COMPLETED"
    headers, body = magnific_delivery(secret=bare)
    assert verify_magnific(headers, body, bare, now=NOW).status == "COMPLETED"
    with pytest.raises(ValueError):
        verify_magnific(headers, body, "", now=NOW)


# -- bodies that are signed but wrong --------------------------------------------------------------


@pytest.mark.parametrize(
    "document",
    [b"not json", b"\xff\xfe", b"[" * 100_000, b"[]", b"null", {"request_id": "r"}, {**FAL_OK, "status": "DONE"}],
)
def test_fal_signed_but_malformed_body(document: object) -> None:
    headers, body = fal_delivery(document)
    error = refused("malformed", lambda: verify_fal(headers, body, JWKS, now=NOW))
    assert error.verified


def test_fal_payload_not_fitting_the_endpoint() -> None:
    headers, body = fal_delivery({**FAL_OK, "payload": {"images": "nope"}})
    assert verify_fal(headers, body, JWKS, now=NOW).payload == {"images": "nope"}
    error = refused("malformed", lambda: verify_fal(headers, body, JWKS, now=NOW, endpoint=V2_EDIT))
    assert V2_EDIT in str(error)


@pytest.mark.parametrize("document", [b"{", {"task_id": "t", "status": "UNKNOWN"}, {"status": "COMPLETED"}, [1]])
def test_magnific_signed_but_malformed_body(document: object) -> None:
    headers, body = magnific_delivery(document)
    assert refused("malformed", lambda: verify_magnific(headers, body, SECRET, now=NOW)).verified


def test_caller_mistakes_are_loud() -> None:
    headers, body = fal_delivery()
    with pytest.raises(ValueError, match="not a fal endpoint"):
        verify_fal(headers, body, JWKS, now=NOW, endpoint="magnific/ideogram-image-edit")
    with pytest.raises(TypeError, match="raw request body"):
        verify_fal(headers, body.decode(), JWKS, now=NOW)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        verify_magnific([("webhook-id", "x")], body, SECRET, now=NOW)  # type: ignore[arg-type]
    assert verify_fal(headers, bytearray(body), JWKS, now=NOW).status == "OK"  # type: ignore[arg-type]


# -- FalJWKSCache ----------------------------------------------------------------------------------


class JWKSServer:
    """A MockTransport serving a JWKS that tests can swap, counting fetches."""

    def __init__(self, jwks: object) -> None:
        self.jwks = jwks
        self.status = 200
        self.fetches = 0
        self.client = httpx.Client(transport=httpx.MockTransport(self.handle))

    def handle(self, request: httpx.Request) -> httpx.Response:
        self.fetches += 1
        assert request.url == "https://rest.alpha.fal.ai/.well-known/jwks.json"
        if isinstance(self.jwks, bytes):
            return httpx.Response(self.status, content=self.jwks)
        return httpx.Response(self.status, json=self.jwks)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_cache_fetches_once_for_many_verifies() -> None:
    server, clock = JWKSServer(JWKS), Clock()
    cache = FalJWKSCache(http_client=server.client, clock=clock)
    headers, body = fal_delivery()
    assert verify_fal(headers, body, cache, now=NOW).status == "OK"
    assert cache.verify(headers, body, now=NOW, endpoint=V2_EDIT).output is not None
    assert server.fetches == 1
    clock.now += 86399
    cache.get()
    assert server.fetches == 1
    clock.now += 1  # ttl reached
    assert cache.verify(headers, body, now=NOW).status == "OK"
    assert server.fetches == 2
    assert "FalJWKSCache" in repr(cache)


def test_cache_refetches_once_on_key_rotation() -> None:
    server, clock = JWKSServer(JWKS), Clock()
    cache = FalJWKSCache(http_client=server.client, clock=clock, ttl=3600)
    cache.get()
    server.jwks = fal_jwks(OTHER_KEY)  # fal rotated its key
    headers, body = fal_delivery(key=OTHER_KEY)
    assert cache.verify(headers, body, now=NOW).status == "OK"
    assert server.fetches == 2
    assert cache.verify(headers, body, now=NOW).status == "OK"
    assert server.fetches == 2


def test_cache_bad_signature_refetches_once_then_rate_limits() -> None:
    server, clock = JWKSServer(JWKS), Clock()
    cache = FalJWKSCache(http_client=server.client, clock=clock, min_refresh_interval=60)
    headers, body = fal_delivery(key=OTHER_KEY)
    refused("bad_signature", lambda: cache.verify(headers, body, now=NOW))
    assert server.fetches == 2  # first fetch + one refetch
    refused("bad_signature", lambda: cache.verify(headers, body, now=NOW))
    assert server.fetches == 2  # forged deliveries cannot make us hammer fal
    clock.now += 60
    refused("bad_signature", lambda: cache.verify(headers, body, now=NOW))
    assert server.fetches == 3
    # Garbage never reaches the network at all.
    refused("malformed", lambda: cache.verify({**headers, "x-fal-webhook-signature": "zz"}, body, now=NOW))
    assert server.fetches == 3


def test_cache_refetch_failure_keeps_old_keys() -> None:
    server, clock = JWKSServer(JWKS), Clock()
    cache = FalJWKSCache(http_client=server.client, clock=clock)
    cache.get()
    server.status = 503
    headers, body = fal_delivery(key=OTHER_KEY)
    refused("bad_signature", lambda: cache.verify(headers, body, now=NOW))
    headers, body = fal_delivery()
    assert cache.verify(headers, body, now=NOW).status == "OK"


def test_cache_fetch_errors_are_typed() -> None:
    server = JWKSServer(JWKS)
    server.status = 500
    with pytest.raises(APIStatusError) as info:
        FalJWKSCache(http_client=server.client).get()
    assert info.value.status_code == 500
    server.status = 200
    for bad in (b"<html>", {"no": "keys"}):
        server.jwks = bad
        with pytest.raises(APIResponseValidationError):
            FalJWKSCache(http_client=server.client).refresh()

    def unreachable(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    client = httpx.Client(transport=httpx.MockTransport(unreachable))
    with pytest.raises(IdeogramClientsError, match="failed"):
        FalJWKSCache(http_client=client).get()

    def slow(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("slow", request=request)

    client = httpx.Client(transport=httpx.MockTransport(slow))
    with pytest.raises(TimeoutError):
        FalJWKSCache(http_client=client).get()


def test_cache_url_must_be_https_except_loopback() -> None:
    with pytest.raises(ValueError, match="https is required"):
        FalJWKSCache("http://example.com/jwks.json")
    with pytest.raises(ValueError):
        FalJWKSCache("ftp://example.com/jwks.json")
    FalJWKSCache("http://127.0.0.1:8000/jwks.json")
    FalJWKSCache("http://localhost:8000/jwks.json")


# -- fuzz: garbage only ever raises WebhookVerificationError ---------------------------------------


def any_case(name: str) -> st.SearchStrategy[str]:
    return st.lists(st.booleans(), min_size=len(name), max_size=len(name)).map(
        lambda flips: "".join(c.upper() if flip else c for c, flip in zip(name, flips, strict=True))
    )


HEADER_VALUE = st.one_of(
    st.text(max_size=40),
    st.binary(max_size=40),
    st.integers(NOW - 400, NOW + 400).map(str),
    st.just("ab" * 64),
    st.builds(lambda sig: "v1," + base64.b64encode(sig).decode(), st.binary(min_size=32, max_size=32)),
    st.none(),
)


DROP = object()


def garbage_headers(names: list[str], valid: dict[str, str]) -> st.SearchStrategy[dict[object, object]]:
    """Pure garbage, or a valid delivery's headers with some dropped or replaced (to reach the deep checks)."""
    name = st.one_of(st.sampled_from(names).flatmap(any_case), st.text(max_size=10), st.binary(max_size=5))
    mutated = st.fixed_dictionaries(
        {key: st.one_of(st.just(value), st.just(value), HEADER_VALUE, st.just(DROP)) for key, value in valid.items()}
    ).map(lambda headers: {key: value for key, value in headers.items() if value is not DROP})
    return st.one_of(st.dictionaries(name, HEADER_VALUE, max_size=6), mutated)


FAL_VALID = fal_delivery()
MAGNIFIC_VALID = magnific_delivery()
FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(headers=garbage_headers(FAL_NAMES, FAL_VALID[0]), body=st.one_of(st.just(FAL_VALID[1]), st.binary(max_size=100)))
def test_fuzz_fal_garbage(headers: dict[object, object], body: bytes) -> None:
    """Any headers and body: a typed delivery or a WebhookVerificationError, never another exception."""
    try:
        assert verify_fal(headers, body, JWKS, now=NOW).status == "OK"  # type: ignore[arg-type]
    except WebhookVerificationError:
        pass
    else:
        assert body == FAL_VALID[1]


@FUZZ
@given(
    headers=garbage_headers(MAGNIFIC_NAMES, MAGNIFIC_VALID[0]),
    body=st.one_of(st.just(MAGNIFIC_VALID[1]), st.binary(max_size=100)),
)
def test_fuzz_magnific_garbage(headers: dict[object, object], body: bytes) -> None:
    try:
        assert verify_magnific(headers, body, SECRET, now=NOW).status == "COMPLETED"  # type: ignore[arg-type]
    except WebhookVerificationError:
        pass
    else:
        assert body == MAGNIFIC_VALID[1]


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)
SIGNED_BODY = st.one_of(
    st.binary(max_size=60),
    JSONISH.map(lambda value: json.dumps(value).encode()),
    st.fixed_dictionaries(
        {"request_id": st.text(max_size=5), "status": st.sampled_from(["OK", "ERROR", "x"]), "payload": JSONISH}
    ).map(lambda value: json.dumps(value).encode()),
    st.fixed_dictionaries(
        {"task_id": st.text(max_size=5), "status": st.sampled_from(["CREATED", "COMPLETED", "x"]), "generated": JSONISH}
    ).map(lambda value: json.dumps(value).encode()),
)


@settings(max_examples=200, deadline=None)
@given(body=SIGNED_BODY, offset=st.integers(-400, 400))
def test_fuzz_signed_bodies_verify_or_raise_typed(body: bytes, offset: int) -> None:
    """Correctly signed bodies of any content: a typed model or a WebhookVerificationError, nothing else."""
    fal_headers, _ = fal_delivery(body, timestamp=NOW + offset)
    mag_headers, _ = magnific_delivery(body, timestamp=NOW + offset)
    for call in (
        lambda: verify_fal(fal_headers, body, JWKS, now=NOW, endpoint=V2_EDIT),
        lambda: verify_magnific(mag_headers, body, SECRET, now=NOW),
    ):
        try:
            result = call()
        except WebhookVerificationError as error:
            assert error.reason in ("expired", "malformed")
            assert (error.reason == "expired") == (abs(offset) > 300)
        else:
            assert isinstance(result, FalWebhook | MagnificWebhook)
            assert abs(offset) <= 300
