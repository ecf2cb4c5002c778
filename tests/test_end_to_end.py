"""End to end over loopback: every endpoint through the real clients (sync and async) against one real
emulator server per module.

Arguments are derived from each endpoint's spec (``tests/e2e_support.py``), so a new endpoint spec is
covered without editing this file. Outputs are parsed into the endpoint's output model and their PNGs
decoded; edits must keep the unmasked half byte-identical and repaint the masked half. The emulator's
counters give the HTTP requests each job cost. Webhooks are received by a loopback ``http.server``
and verified with the package's own verifiers.
"""

from __future__ import annotations

import asyncio
import inspect
import threading
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
import pytest

from ideogram_clients import (
    ENDPOINTS,
    AsyncFalClient,
    AsyncMagnificClient,
    FalClient,
    InvalidInputError,
    MagnificClient,
)
from ideogram_clients._errors import APIStatusError, JobFailedError
from ideogram_clients._fal_status import Completed, InProgress, Queued
from ideogram_clients._models import OutputFile
from ideogram_clients.emulator import Emulator
from ideogram_clients.webhooks import WebhookVerificationError, verify_fal, verify_magnific

pytest.register_assert_rewrite("tests.e2e_support")
from tests.e2e_support import (  # noqa: E402 (after the rewrite hook)
    DIVISOR,
    FAL_IDS,
    KEY,
    MAGNIFIC_IDS,
    TLS,
    Images,
    check_pixels,
    decode,
    edit_pair,
    has_field,
    make_images,
    minimal_arguments,
)

API_PREFIXES = ("fal.", "magnific.")


@pytest.fixture(scope="module")
def images(tmp_path_factory: pytest.TempPathFactory) -> Images:
    return make_images(tmp_path_factory.mktemp("e2e-images"))


# -- clients and the server ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def emulator() -> Emulator:
    # queue_depth=1: every job spends one short step in the queue, so IN_QUEUE is observable
    return Emulator(job_duration=0.1, queue_depth=1, queue_step=0.12, size_divisor=DIVISOR, seed=7)


@pytest.fixture(scope="module")
def url(emulator: Emulator) -> Iterator[str]:
    with emulator.serve() as base_url:
        yield base_url
    # every test sends distinct bodies, so two equal ones would mean a client sent a job twice
    assert emulator.stats.duplicate_jobs == 0


@pytest.fixture(params=["sync", "async"])
def kind(request: pytest.FixtureRequest) -> str:
    value: str = request.param
    return value


async def call(value: Any) -> Any:
    return await value if inspect.isawaitable(value) else value


Http = httpx.Client | httpx.AsyncClient


@pytest.fixture
async def http(kind: str) -> AsyncIterator[Http]:
    """The httpx client the test's API client and file downloads share (cheap to build, closed after)."""
    if kind == "async":
        async with httpx.AsyncClient(verify=TLS, timeout=10) as async_client:
            yield async_client
    else:
        with httpx.Client(verify=TLS, timeout=10) as sync_client:
            yield sync_client


async def read(http: Http, file: OutputFile) -> bytes:
    """An output file's bytes: ``aread()`` in async tests, ``read()`` in sync ones."""
    if isinstance(http, httpx.AsyncClient):
        return await file.aread(http_client=http)
    return file.read(http_client=http)


@pytest.fixture
async def fal(kind: str, url: str, http: Http) -> AsyncIterator[Any]:
    client_class = AsyncFalClient if kind == "async" else FalClient
    client = client_class(KEY, queue_url=url, run_url=url + "/fal-run", http_client=http)
    yield client
    await call(client.close())


@pytest.fixture
async def magnific(kind: str, url: str, http: Http) -> AsyncIterator[Any]:
    client_class = AsyncMagnificClient if kind == "async" else MagnificClient
    client = client_class(KEY, base_url=url, http_client=http)
    yield client
    await call(client.close())


class Requests:
    """The emulator's request counters around one job: API calls (fal/Magnific routes) and file downloads."""

    def __init__(self, emulator: Emulator) -> None:
        self.emulator = emulator
        self.start = self._counts()

    def _counts(self) -> dict[str, int]:
        counts: dict[str, int] = self.emulator.stats.snapshot()["requests"]
        return counts

    def delta(self) -> dict[str, int]:
        now = self._counts()
        return {route: now[route] - self.start.get(route, 0) for route in now if now[route] != self.start.get(route, 0)}

    def api(self) -> int:
        return sum(count for route, count in self.delta().items() if route.startswith(API_PREFIXES))


# -- fal ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("endpoint_id", FAL_IDS)
async def test_fal_subscribe_every_endpoint(
    fal: Any, kind: str, endpoint_id: str, emulator: Emulator, images: Images, http: Http
) -> None:
    """Queue + SSE: typed kwargs, every status seen, outputs downloaded; 3 HTTP requests per job."""
    endpoint = ENDPOINTS[endpoint_id]
    arguments = minimal_arguments(endpoint_id, images, f"subscribe {kind} {endpoint.attr}")
    count = 2 if has_field(endpoint_id, "num_images") else 1
    if count > 1:
        arguments["num_images"] = count
    seen: list[Any] = []
    jobs_before = emulator.stats.jobs_created[endpoint_id]
    requests = Requests(emulator)

    output = await call(getattr(fal, endpoint.attr).subscribe(**arguments, on_update=seen.append, logs=True))

    assert requests.api() == 3, requests.delta()  # submit + status stream + result
    assert requests.delta()["fal.submit"] == 1
    assert emulator.stats.jobs_created[endpoint_id] == jobs_before + 1
    assert isinstance(output, endpoint.output_model)
    kinds = [type(status) for status in seen]
    assert kinds[0] is Queued and InProgress in kinds and kinds[-1] is Completed, kinds
    assert kinds.index(InProgress) > kinds.index(Queued)
    assert any(status.logs for status in seen if isinstance(status, InProgress | Completed))
    assert len(output.images) == count
    pixels = [decode(await read(http, image)) for image in output.images]
    assert requests.delta()["files"] == count  # downloads from the emulator's "CDN", no API call
    for result in pixels:
        check_pixels(endpoint_id, arguments, result, images)
    if count > 1:
        assert pixels[0].tobytes() != pixels[1].tobytes()  # each image drawn from its own index


async def test_fal_subscribe_keeps_one_connection(kind: str, url: str, images: Images) -> None:
    """The status stream is read to its end after COMPLETED, so its connection goes back to the pool and
    the result request reuses it: a whole job opens one TCP connection (two before, a handshake per job)."""
    connects: list[str] = []

    def note(event: str) -> None:
        if event == "connection.connect_tcp.complete":
            connects.append(event)

    async def atrace(event: str, info: dict[str, Any]) -> None:
        note(event)

    async def ahook(request: httpx.Request) -> None:
        request.extensions["trace"] = atrace

    def hook(request: httpx.Request) -> None:
        request.extensions["trace"] = lambda event, info: note(event)

    endpoint_id = FAL_IDS[0]
    jobs = [minimal_arguments(endpoint_id, images, f"one connection {kind} {n}") for n in range(2)]
    if kind == "async":
        async with (
            httpx.AsyncClient(verify=TLS, timeout=10, event_hooks={"request": [ahook]}) as async_http,
            AsyncFalClient(KEY, queue_url=url, http_client=async_http) as async_fal,
        ):
            for arguments in jobs:
                await async_fal.subscribe(endpoint_id, arguments)
    else:
        with (
            httpx.Client(verify=TLS, timeout=10, event_hooks={"request": [hook]}) as sync_http,
            FalClient(KEY, queue_url=url, http_client=sync_http) as sync_fal,
        ):
            for arguments in jobs:
                sync_fal.subscribe(endpoint_id, arguments)
    assert connects == ["connection.connect_tcp.complete"]  # two jobs, six requests, one connection


@pytest.mark.parametrize("endpoint_id", FAL_IDS)
async def test_fal_run_every_endpoint_sync_mode(
    fal: Any, kind: str, endpoint_id: str, emulator: Emulator, images: Images, http: Http
) -> None:
    """The sync host with ``sync_mode=True``: one HTTP request, outputs as data URIs decoded locally."""
    endpoint = ENDPOINTS[endpoint_id]
    arguments = minimal_arguments(endpoint_id, images, f"run {kind} {endpoint.attr}")
    assert has_field(endpoint_id, "sync_mode")
    requests = Requests(emulator)

    output = await call(getattr(fal, endpoint.attr).run(**arguments, sync_mode=True))

    assert requests.delta() == {"fal.run": 1}
    assert isinstance(output, endpoint.output_model)
    assert len(output.images) == 1 and isinstance(output.seed, int)
    image = output.images[0]
    assert image.url.startswith("data:image/png;base64,")
    check_pixels(endpoint_id, arguments, decode(await read(http, image)), images)
    assert requests.delta() == {"fal.run": 1}  # a data URI is decoded, not downloaded


async def test_fal_outputs_depend_on_seed_and_prompt(fal: Any, kind: str, images: Images, http: Http) -> None:
    """Same seed and prompt → the same pixels (sync host or queue); another prompt → other pixels."""
    endpoint_id = "fal-ai/ideogram/v3/edit"
    arguments = minimal_arguments(endpoint_id, images, f"seeded {kind}")
    first = await call(fal.run(endpoint_id, {**arguments, "seed": 11, "sync_mode": True}))
    again = await call(fal.subscribe(endpoint_id, {**arguments, "seed": 11}))
    other = await call(fal.run(endpoint_id, {**arguments, "prompt": f"other {kind}", "seed": 11, "sync_mode": True}))
    assert first.seed == again.seed == other.seed == 11
    one, two, three = [decode(await read(http, output.images[0])) for output in (first, again, other)]
    assert one.tobytes() == two.tobytes()
    assert one.tobytes() != three.tobytes()


async def test_fal_invalid_input_is_refused_before_any_request(
    fal: Any, kind: str, emulator: Emulator, images: Images
) -> None:
    for endpoint_id in FAL_IDS:
        arguments = minimal_arguments(endpoint_id, images, "never sent")
        bad = {key: value for key, value in arguments.items() if key != "prompt"} | {"seed": -1, "colour": "red"}
        requests = Requests(emulator)
        for method in ("submit", "subscribe", "run"):
            with pytest.raises(InvalidInputError) as caught:
                await call(getattr(fal, method)(endpoint_id, bad))
            fields = {detail.field for detail in caught.value.errors}
            assert {"seed", "colour"} <= fields, fields
            if "prompt" in arguments:
                assert "prompt" in fields
        pair = edit_pair(endpoint_id)
        if pair is not None:  # image and mask of different sizes: the same_dimensions rule, read locally
            with pytest.raises(InvalidInputError, match=pair[1]):
                await call(fal.subscribe(endpoint_id, {**arguments, pair[1]: images.small_mask}))
        assert requests.delta() == {}, endpoint_id


async def test_fal_cancel_of_a_queued_job(kind: str) -> None:
    """A job behind a long simulated queue is cancelled: OK, then COMPLETED with an error, no result."""
    emulator = Emulator(job_duration=0.2, queue_depth=50, queue_step=1.0, size_divisor=DIVISOR)
    with emulator.serve() as url:
        client_class = AsyncFalClient if kind == "async" else FalClient
        client = client_class(KEY, queue_url=url, run_url=url + "/fal-run")
        try:
            handle = await call(client.v3.submit(prompt=f"cancel me {kind}"))
            status = await call(handle.status())
            assert isinstance(status, Queued) and status.queue_position == 50
            assert await call(handle.cancel()) == "OK"
            status = await call(handle.status())
            assert isinstance(status, Completed) and status.error and status.error_type == "request_cancelled"
            with pytest.raises(JobFailedError, match="request_cancelled"):
                await call(handle.wait())
            with pytest.raises(APIStatusError) as caught:
                await call(handle.result())
            assert caught.value.status_code == 400
            assert await call(handle.cancel()) == "ALREADY_COMPLETED"
        finally:
            await call(client.close())
    assert emulator.stats.total_jobs == 1 and emulator.stats.jobs_created["fal-ai/ideogram/v3"] == 1


# -- Magnific --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("endpoint_id", MAGNIFIC_IDS)
async def test_magnific_run(
    magnific: Any, kind: str, endpoint_id: str, emulator: Emulator, images: Images, http: Http
) -> None:
    """create + polling get (the client's real backoff: its first wait, 1 s, outlasts the job) → 2 requests."""
    endpoint = ENDPOINTS[endpoint_id]
    arguments = minimal_arguments(endpoint_id, images, f"magnific run {kind}")
    seen: list[str] = []
    requests = Requests(emulator)

    task = await call(getattr(magnific, endpoint.attr).run(**arguments, on_update=lambda t: seen.append(t.status)))

    assert requests.api() == 2, requests.delta()
    assert isinstance(task, endpoint.output_model)
    assert task.status == "COMPLETED" and seen == ["CREATED", "COMPLETED"]
    assert len(task.generated) == 1
    check_pixels(endpoint_id, arguments, decode(await read(http, OutputFile(url=task.generated[0]))), images)


@pytest.mark.parametrize("endpoint_id", MAGNIFIC_IDS)
async def test_magnific_create_get_list(
    magnific: Any, kind: str, endpoint_id: str, emulator: Emulator, images: Images, http: Http
) -> None:
    endpoint = ENDPOINTS[endpoint_id]
    resource = getattr(magnific, endpoint.attr)
    arguments = minimal_arguments(endpoint_id, images, f"magnific create {kind}")
    created = await call(resource.create(**arguments, seed=5))
    assert created.status == "CREATED" and created.generated == []
    statuses = [created.status]
    deadline = time.monotonic() + 5
    task = created
    while task.status not in ("COMPLETED", "FAILED") and time.monotonic() < deadline:
        await asyncio.sleep(0.03)
        task = await call(resource.get(created.task_id))
        statuses.append(task.status)
    assert task.status == "COMPLETED" and task.task_id == created.task_id
    assert list(dict.fromkeys(statuses)) in (["CREATED", "IN_PROGRESS", "COMPLETED"], ["CREATED", "COMPLETED"])
    listed = await call(resource.list())
    assert all(isinstance(item, endpoint.output_model) for item in listed)
    mine = [item for item in listed if item.task_id == created.task_id]
    assert len(mine) == 1 and mine[0].status == "COMPLETED" and mine[0].generated == task.generated
    check_pixels(endpoint_id, arguments, decode(await read(http, OutputFile(url=task.generated[0]))), images)


async def test_magnific_invalid_input_is_refused_before_any_request(
    magnific: Any, emulator: Emulator, images: Images
) -> None:
    for endpoint_id in MAGNIFIC_IDS:
        arguments = minimal_arguments(endpoint_id, images, "never sent")
        pair = edit_pair(endpoint_id)
        assert pair is not None
        requests = Requests(emulator)
        with pytest.raises(InvalidInputError) as caught:
            await call(
                magnific.create(endpoint_id, {**arguments, "prompt": 3, "seed": 2**31, pair[1]: images.small_mask})
            )
        assert {"prompt", "seed"} <= {detail.field for detail in caught.value.errors}
        with pytest.raises(InvalidInputError, match="https"):  # Magnific takes HTTPS URLs only
            await call(magnific.run(endpoint_id, {**arguments, pair[0]: "http://example.com/photo.png"}))
        with pytest.raises(InvalidInputError, match=pair[1]):
            await call(magnific.run(endpoint_id, {**arguments, pair[1]: images.small_mask}))
        assert requests.delta() == {}


# -- webhooks --------------------------------------------------------------------------------------------


@dataclass
class Delivery:
    path: str
    headers: dict[str, str]
    body: bytes


class Receiver:
    """A loopback HTTP server that keeps every POST it receives."""

    def __init__(self) -> None:
        self.deliveries: list[Delivery] = []
        self._changed = threading.Condition()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("content-length", "0")))
                with receiver._changed:
                    receiver.deliveries.append(Delivery(self.path, dict(self.headers.items()), body))
                    receiver._changed.notify_all()
                self.send_response(204)
                self.end_headers()

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> Receiver:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def new_hook(self) -> str:
        return f"{self.url}/hook/{uuid.uuid4().hex}"

    def wait_for(self, hook: str, count: int, timeout: float = 5.0) -> list[Delivery]:
        path = hook.removeprefix(self.url)
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                found = [delivery for delivery in self.deliveries if delivery.path == path]
                if len(found) >= count or time.monotonic() > deadline:
                    return found
                self._changed.wait(0.05)


@pytest.fixture(scope="module")
def receiver() -> Iterator[Receiver]:
    with Receiver() as server:
        yield server


async def test_fal_webhook_is_delivered_and_verified(
    fal: Any, kind: str, emulator: Emulator, images: Images, receiver: Receiver
) -> None:
    endpoint_id = "fal-ai/ideogram/v2/edit"
    hook = receiver.new_hook()
    arguments = minimal_arguments(endpoint_id, images, f"webhook {kind}")
    handle = await call(fal.v2_edit.submit(**arguments, webhook_url=hook))
    output = await call(handle.wait())

    [delivery] = receiver.wait_for(hook, 1)
    webhook = verify_fal(delivery.headers, delivery.body, jwks=emulator.jwks(), endpoint=endpoint_id)
    assert webhook.request_id == handle.request_id and webhook.status == "OK"
    assert isinstance(webhook.output, ENDPOINTS[endpoint_id].output_model)
    assert webhook.output.model_dump() == output.model_dump()
    tampered = delivery.body.replace(b'"OK"', b'"ER"')
    with pytest.raises(WebhookVerificationError, match="signature"):
        verify_fal(delivery.headers, tampered, jwks=emulator.jwks())


async def test_magnific_webhook_is_delivered_on_every_status_and_verified(
    magnific: Any, kind: str, emulator: Emulator, images: Images, receiver: Receiver
) -> None:
    endpoint_id = MAGNIFIC_IDS[0]
    hook = receiver.new_hook()
    arguments = minimal_arguments(endpoint_id, images, f"magnific webhook {kind}")
    created = await call(magnific.create(endpoint_id, {**arguments, "webhook_url": hook}))

    deliveries = receiver.wait_for(hook, 3)
    secret = emulator.options.magnific_webhook_secret
    tasks = [verify_magnific(delivery.headers, delivery.body, secret=secret) for delivery in deliveries]
    assert [task.status for task in tasks] == ["CREATED", "IN_PROGRESS", "COMPLETED"]
    assert {task.task_id for task in tasks} == {created.task_id}
    final = await call(magnific.get(endpoint_id, created.task_id))
    assert tasks[-1].generated == final.generated and len(final.generated) == 1
    with pytest.raises(WebhookVerificationError, match="does not match"):
        verify_magnific(deliveries[-1].headers, deliveries[-1].body, secret="another-secret")
