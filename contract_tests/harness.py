"""Drive the real clients against respx and check the documented wire contract.

One :class:`Harness` per test process holds the four clients (sync and async, fal and Magnific)
and an event loop for the async twins. Valid inputs must produce exactly one request per call, to
the documented URL with the documented method, auth header and JSON body, and the documented
response must come back as the endpoint's output model. Invalid inputs must raise
:class:`InvalidInputError` naming the field, with respx having seen no request at all.
"""

from __future__ import annotations

import asyncio
import json
import os
import warnings
from collections.abc import Awaitable, Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

import httpx
import pytest
import respx

from contract_tests.objects import Loc
from contract_tests.specdata import SPECS, py_to_wire
from contract_tests.wire import UPLOAD_CDN, same_json, uploaded_url
from generator.spec.model import EndpointSpec, FalProtocol, MagnificProtocol
from ideogram_clients import (
    ENDPOINTS,
    APIResponseValidationError,
    AsyncFalClient,
    AsyncMagnificClient,
    FalClient,
    IgnoredItemsWarning,
    InvalidInputError,
    MagnificClient,
)

__all__ = ["API_KEY", "Call", "Harness", "check_refusal"]

API_KEY = "contract-test-key"
REQUEST_ID = "0a1b2c3d-contract"
STORAGE_TOKEN = "storage-token-contract"
TOKEN_URL = "https://rest.fal.ai/storage/auth/token?storage_type=fal-cdn-v3"
_HOST_VARIABLES = ("FAL_QUEUE_RUN_HOST", "FAL_RUN_HOST", "FAL_KEY", "FAL_KEY_ID", "FAL_KEY_SECRET", "MAGNIFIC_API_KEY")
T = TypeVar("T")


@dataclass(frozen=True)
class Call:
    """One way of sending arguments: ``submit`` (+ ``result``) or ``run`` for fal, ``create`` for Magnific."""

    mode: str  # "submit" | "run" | "create"
    is_async: bool
    typed: bool = False  # through the typed resource (``fal.v3.submit(**kwargs)``) instead of by id
    files: str = "inline"  # fal's file policy: "inline" (data URIs) or "upload" (fal storage URLs)

    def __str__(self) -> str:
        uploads = " files=upload" if self.files == "upload" else ""
        return f"{'async ' if self.is_async else ''}{'typed ' if self.typed else ''}{self.mode}{uploads}"


@contextmanager
def _clean_environment() -> Iterator[None]:
    saved = {name: os.environ.pop(name) for name in _HOST_VARIABLES if name in os.environ}
    try:
        yield
    finally:
        os.environ.update(saved)


def _auth(spec: EndpointSpec) -> tuple[str, str]:
    protocol = spec.protocol
    if isinstance(protocol, FalProtocol):
        return protocol.auth_header, f"{protocol.auth_scheme} {API_KEY}"
    return protocol.auth_header, API_KEY


def _documented_request(spec: EndpointSpec, mode: str) -> tuple[str, str]:
    protocol = spec.protocol
    if isinstance(protocol, FalProtocol):
        host = protocol.run_url if mode == "run" else protocol.queue_url
        return "POST", f"{host}/{spec.endpoint}"
    assert isinstance(protocol, MagnificProtocol)
    return protocol.create.method, f"{protocol.base_url}{protocol.create.path}"


def _result_url(protocol: FalProtocol) -> str:
    return f"{protocol.queue_url}/{protocol.app}/requests/{REQUEST_ID}"


def _documented_urls(spec: EndpointSpec) -> list[tuple[str, str]]:
    """Every (method, URL) a valid call of this endpoint may use."""
    if isinstance(spec.protocol, FalProtocol):
        return [
            _documented_request(spec, "submit"),
            _documented_request(spec, "run"),
            ("GET", _result_url(spec.protocol)),
        ]
    return [_documented_request(spec, "create")]


def _check_request(spec: EndpointSpec, mode: str, request: httpx.Request, body: Mapping[str, Any]) -> None:
    method, url = _documented_request(spec, mode)
    header, value = _auth(spec)
    assert request.method == method, f"{mode}: method {request.method}, documented {method}"
    assert str(request.url) == url, f"{mode}: sent to {request.url}, documented {url}"
    assert request.headers.get(header) == value, f"{mode}: {header} header is {request.headers.get(header)!r}"
    assert request.headers.get("content-type", "").startswith("application/json")
    sent = json.loads(request.content)
    problem = same_json(sent, body)
    assert problem is None, f"{mode}: JSON body differs from the set fields: {problem}"


def _check_output(spec: EndpointSpec, output: object, answer: Mapping[str, Any]) -> None:
    model = ENDPOINTS[spec.endpoint].output_model
    assert isinstance(output, model), f"expected {model.__name__}, got {type(output).__name__}"
    dumped = output.model_dump(mode="json", by_alias=True, exclude_unset=True)
    problem = same_json(dumped, answer, "output")
    assert problem is None, f"the documented response did not parse faithfully: {problem}"


class _FixedRouter(respx.MockRouter):
    """A respx router whose routes never change: starting it takes no snapshot.

    respx snapshots every route on each ``start()`` (to roll back routes added while started), and a
    snapshot builds a ``unittest.mock`` call list per route: with ~30 routes and one start per case,
    that was about 40 % of the suite's time. Routes here are made once, before the first start, and
    only the calls change, which ``stop()`` resets anyway.
    """

    def snapshot(self) -> None:
        pass

    def rollback(self) -> None:
        pass


class Harness:
    """The clients under test, created once per process with no environment overrides."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        with _clean_environment():
            self.fal = FalClient(api_key=API_KEY, max_retries=0, files="inline")
            self.afal = AsyncFalClient(api_key=API_KEY, max_retries=0, files="inline")
            self.fal_upload = FalClient(api_key=API_KEY, max_retries=0, files="upload")
            self.afal_upload = AsyncFalClient(api_key=API_KEY, max_retries=0, files="upload")
            self.magnific = MagnificClient(api_key=API_KEY, max_retries=0)
            self.amagnific = AsyncMagnificClient(api_key=API_KEY, max_retries=0)
        # One router for the process: routes are made once and answer what the running call set up.
        # Routes exist before the router first starts (respx rolls back routes added while started).
        self.router = _FixedRouter(assert_all_mocked=True, assert_all_called=False)
        self._answers: dict[tuple[str, str], Any] = {}
        self._mocking = False
        for spec in SPECS.endpoints:
            for method, url in _documented_urls(spec):
                self.router.route(method=method, url=url).mock(
                    side_effect=lambda request, key=(method, url): httpx.Response(200, json=self._answers[key])
                )
        self.router.route(method="POST", url=TOKEN_URL, name="storage-token").mock(side_effect=_storage_token)
        self.router.route(method="POST", url=f"{UPLOAD_CDN}/files/upload", name="storage-upload").mock(
            side_effect=_stored
        )

    def close(self) -> None:
        self.fal.close()
        self.fal_upload.close()
        self.magnific.close()
        self.loop.run_until_complete(self.afal.close())
        self.loop.run_until_complete(self.afal_upload.close())
        self.loop.run_until_complete(self.amagnific.close())
        self.loop.close()

    @contextmanager
    def mocked(self) -> Iterator[None]:
        """respx in place for the duration (nothing reaches the network; unmocked requests fail).

        Re-entrant: the suite's autouse fixture holds it for a whole test, so the cases inside do not
        each pay respx's patching of httpx (a dozen ``mock.patch`` starts).
        """
        if self._mocking:
            yield
            return
        with self.router:
            self._mocking = True
            try:
                yield
            finally:
                self._mocking = False

    def _answer(self, method: str, url: str, body: Any) -> None:
        self._answers[(method, url)] = body

    def _await(self, value: T | Awaitable[T]) -> T:
        if isinstance(value, Awaitable):
            done: T = self.loop.run_until_complete(_wrap(value))
            return done
        return value

    @staticmethod
    def calls(spec: EndpointSpec) -> list[Call]:
        """Every way the contract is exercised for this endpoint's provider."""
        modes = ("submit", "run") if isinstance(spec.protocol, FalProtocol) else ("create",)
        return [Call(mode, is_async) for is_async in (False, True) for mode in modes]

    def _client(self, spec: EndpointSpec, call: Call) -> Any:
        if isinstance(spec.protocol, FalProtocol) and call.files == "upload":
            return self.afal_upload if call.is_async else self.fal_upload
        if isinstance(spec.protocol, FalProtocol):
            return self.afal if call.is_async else self.fal
        return self.amagnific if call.is_async else self.magnific

    def _invoke(self, spec: EndpointSpec, call: Call, arguments: Mapping[str, Any]) -> Any:
        client = self._client(spec, call)
        if call.typed:
            method: Callable[..., Any] = getattr(getattr(client, spec.attr), call.mode)
            return self._await(method(**arguments))
        return self._await(getattr(client, call.mode)(spec.endpoint, dict(arguments)))

    def send_valid(
        self,
        spec: EndpointSpec,
        call: Call,
        arguments: Mapping[str, Any],
        body: Mapping[str, Any],
        answer: Mapping[str, Any],
        *,
        warns: bool,
    ) -> None:
        """One call with valid ``arguments``: one documented request, the answer parsed; warnings as expected.

        With ``files="upload"`` each new local image is first uploaded to the mocked fal storage (the
        storage token, never the fal key) and the body carries the uploaded URLs, no data URI.
        """
        protocol = spec.protocol
        self.router.calls.clear()
        method, url = _documented_request(spec, call.mode)
        if isinstance(protocol, FalProtocol):
            result_url = _result_url(protocol)
            self._answer(method, url, answer if call.mode == "run" else {"request_id": REQUEST_ID})
            self._answer("GET", result_url, answer)
        else:
            self._answer(method, url, {protocol.envelope: answer})
        with warnings.catch_warnings(record=True) as seen:
            warnings.simplefilter("always")
            outcome = self._invoke(spec, call, arguments)
            sent = _api_calls(self.router)
            assert len(sent) == 1, f"{call}: {len(sent)} requests, expected exactly 1"
            _check_request(spec, call.mode, sent[0].request, body)
            if call.mode == "submit":
                assert outcome.request_id == REQUEST_ID
                outcome = self._await(outcome.result())
                sent = _api_calls(self.router)
                assert len(sent) == 2
                fetched = sent[1].request
                assert (fetched.method, str(fetched.url)) == ("GET", result_url), f"result fetched from {fetched.url}"
        _check_output(spec, outcome, answer)
        ignored = [warning for warning in seen if issubclass(warning.category, IgnoredItemsWarning)]
        if warns:
            assert ignored, f"{call}: more items than the provider uses, but no IgnoredItemsWarning"
        else:
            assert not ignored, f"{call}: unexpected IgnoredItemsWarning: {ignored[0].message}"

    def send_bad_answer(self, spec: EndpointSpec, call: Call, arguments: Mapping[str, Any], answer: Any) -> None:
        """A valid call whose documented response lacks something: APIResponseValidationError, not a crash."""
        protocol = spec.protocol
        self.router.calls.clear()
        method, url = _documented_request(spec, call.mode)
        if isinstance(protocol, FalProtocol):
            self._answer(method, url, answer if call.mode == "run" else {"request_id": REQUEST_ID})
            self._answer("GET", _result_url(protocol), answer)
        else:
            self._answer(method, url, {protocol.envelope: answer})
        with pytest.raises(APIResponseValidationError):
            outcome = self._invoke(spec, call, arguments)
            if call.mode == "submit":
                self._await(outcome.result())

    def send_invalid(self, spec: EndpointSpec, call: Call, arguments: Mapping[str, Any]) -> InvalidInputError:
        """One call with invalid ``arguments``: InvalidInputError and no request at all."""
        self.router.calls.clear()
        with pytest.raises(InvalidInputError) as raised, warnings.catch_warnings():
            warnings.simplefilter("ignore", IgnoredItemsWarning)
            self._invoke(spec, call, arguments)
        count = self.router.calls.call_count
        assert count == 0, f"{call}: {count} request(s) sent for invalid input"
        return raised.value


def _api_calls(router: respx.MockRouter) -> list[Any]:
    """The router's calls to the provider's API; storage calls are checked for their credentials and set aside."""
    api = []
    for call in router.calls:
        url = str(call.request.url)
        if url == TOKEN_URL:
            assert call.request.headers.get("authorization") == f"Key {API_KEY}", "token request without the fal key"
        elif url.startswith(UPLOAD_CDN):
            sent = call.request.headers.get("authorization")
            assert sent == f"Bearer {STORAGE_TOKEN}", f"upload carried {sent!r}, not the storage token"
        else:
            api.append(call)
    return api


def _storage_token(request: httpx.Request) -> httpx.Response:
    token = {
        "token": STORAGE_TOKEN,
        "token_type": "Bearer",
        "base_url": UPLOAD_CDN,
        "expires_at": "2999-01-01T00:00:00+00:00",
    }
    return httpx.Response(200, json=token)


def _stored(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, json={"access_url": uploaded_url(request.content)})


async def _wrap(value: Awaitable[T]) -> T:
    return await value


def _normal(loc: tuple[str | int, ...]) -> tuple[str | int, ...]:
    names = py_to_wire()
    return tuple(names.get(part, part) if isinstance(part, str) else part for part in loc)


def check_refusal(error: InvalidInputError, locs: tuple[Loc, ...]) -> None:
    """Every reported problem sits under one of ``locs`` (field paths), and the message names it."""
    assert error.errors, "InvalidInputError without errors"
    for detail in error.errors:
        loc = _normal(tuple(detail.loc))
        assert loc, f"an error names no field: {detail}"
        assert any(loc[: len(prefix)] == prefix for prefix in locs), (
            f"error at {'.'.join(map(str, loc))} ({detail.message}); expected under one of "
            f"{[('.'.join(map(str, prefix)) or '(root)') for prefix in locs]}"
        )
    first = error.errors[0]
    assert first.field in str(error), f"the message does not name {first.field}: {error}"
