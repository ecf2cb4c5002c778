"""The sharded connection pool of the httpx client a client makes for itself (``_async/pool.py``).

Against a real loopback HTTP/1.1 server that can hold requests open, so connections, keep-alive and
concurrency are the real ones: one request at a time reuses one connection in shard 0, requests in
flight together spread over shards (never more than the bound), a shard is released when its
response closes or its request fails, and proxy environment variables still route as httpx does.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
import pytest

from ideogram_clients import AsyncFalClient, FalClient
from ideogram_clients._async.pool import AsyncShardedTransport
from ideogram_clients._async.pool import own_client as own_async_client
from ideogram_clients._http_core import DEFAULT_LIMITS
from ideogram_clients._sync.pool import ShardedTransport, own_client


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    release: threading.Event
    arrived: threading.Semaphore
    ports: list[int]


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as fal's hosts do
    server: _Server

    def do_GET(self) -> None:
        self.server.ports.append(self.client_address[1])
        if self.path == "/hold":
            self.server.arrived.release()
            self.server.release.wait(10)
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def server() -> Iterator[_Server]:
    httpd = _Server(("127.0.0.1", 0), _Handler)
    httpd.release, httpd.arrived, httpd.ports = threading.Event(), threading.Semaphore(0), []
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.release.set()
    httpd.shutdown()
    httpd.server_close()


def _url(server: _Server, path: str) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}{path}"


def _sharded(client: httpx.Client | httpx.AsyncClient, url: str) -> Any:
    transport = client._transport_for_url(httpx.URL(url))
    assert isinstance(transport, ShardedTransport | AsyncShardedTransport)
    return transport


def _hold(server: _Server, count: int) -> None:
    """Wait until ``count`` requests are held open by the server."""
    for _ in range(count):
        assert server.arrived.acquire(timeout=10)


def test_one_request_at_a_time_reuses_one_connection_in_one_shard(server: _Server) -> None:
    with own_client() as client:
        for _ in range(5):
            assert client.get(_url(server, "/")).text == "ok"
        transport = _sharded(client, _url(server, "/"))
        assert len(transport.shards) == 1 and transport.in_flight == [0]
    assert len(set(server.ports)) == 1  # one connection, kept alive


def test_requests_in_flight_together_spread_over_shards_then_reuse_them(server: _Server) -> None:
    with own_client() as client, ThreadPoolExecutor(5) as pool:
        transport = _sharded(client, _url(server, "/"))
        held = [pool.submit(client.get, _url(server, "/hold")) for _ in range(5)]
        _hold(server, 5)
        assert transport.in_flight == [1, 1, 1, 1, 1]  # a new shard for each busy one
        server.release.set()
        assert [future.result().text for future in held] == ["ok"] * 5
        assert transport.in_flight == [0] * 5
        server.ports.clear()
        for _ in range(3):
            client.get(_url(server, "/"))
        assert len(transport.shards) == 5 and len(set(server.ports)) == 1  # shard 0's connection again


def test_shards_are_bounded_and_the_busiest_is_never_chosen(server: _Server) -> None:
    transport = ShardedTransport(DEFAULT_LIMITS, shards=2)
    with httpx.Client(transport=transport) as client, ThreadPoolExecutor(5) as pool:
        held = [pool.submit(client.get, _url(server, "/hold")) for _ in range(5)]
        _hold(server, 5)
        assert len(transport.shards) == 2 and sorted(transport.in_flight) == [2, 3]
        server.release.set()
        assert all(future.result().status_code == 200 for future in held)
        assert transport.in_flight == [0, 0]


def test_a_shard_is_released_when_its_request_fails_or_its_stream_closes(server: _Server) -> None:
    with own_client() as client:
        transport = _sharded(client, "http://127.0.0.1:1/")
        with pytest.raises(httpx.ConnectError):
            client.get("http://127.0.0.1:1/")  # nothing listens on port 1
        assert transport.in_flight == [0]
        with client.stream("GET", _url(server, "/")) as response:
            assert transport.in_flight == [1]  # the connection is the stream's until it is closed
            response.read()
        assert transport.in_flight == [0]


async def test_the_async_pool_spreads_and_releases_alike(server: _Server) -> None:
    async with own_async_client() as client:
        transport = _sharded(client, _url(server, "/"))
        held = [asyncio.create_task(client.get(_url(server, "/hold"))) for _ in range(4)]
        await asyncio.to_thread(_hold, server, 4)
        assert transport.in_flight == [1, 1, 1, 1]
        server.release.set()
        assert [response.text for response in await asyncio.gather(*held)] == ["ok"] * 4
        assert transport.in_flight == [0] * 4
        with pytest.raises(httpx.ConnectError):
            await client.get("http://127.0.0.1:1/")
        assert transport.in_flight == [0] * 4


def test_proxy_and_no_proxy_environment_variables_route_as_httpx_does(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTTPS_PROXY", "http://127.0.0.1:9")
    monkeypatch.setenv("NO_PROXY", "internal.example")
    with own_client() as client:
        proxied = client._transport_for_url(httpx.URL("https://queue.fal.run/x"))
        direct = client._transport_for_url(httpx.URL("https://internal.example/x"))
        assert not isinstance(proxied, ShardedTransport) and not isinstance(direct, ShardedTransport)
        assert isinstance(client._transport_for_url(httpx.URL("http://127.0.0.1:5/x")), ShardedTransport)


def test_clients_use_the_sharded_pool_only_when_they_make_their_own() -> None:
    with FalClient(api_key="k") as fal:
        assert isinstance(_sharded(fal._http.client, "https://queue.fal.run/x"), ShardedTransport)
    with httpx.Client() as injected:
        assert FalClient(api_key="k", http_client=injected)._http.client is injected


async def test_async_clients_use_the_sharded_pool_when_they_make_their_own() -> None:
    async with AsyncFalClient(api_key="k") as fal:
        assert isinstance(_sharded(fal._http.client, "https://queue.fal.run/x"), AsyncShardedTransport)


def test_all_proxy_sends_everything_through_httpx_s_own_proxy_transport(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALL_PROXY", "http://127.0.0.1:9")
    with own_client() as client:
        transport = client._transport_for_url(httpx.URL("https://queue.fal.run/x"))
        assert not isinstance(transport, ShardedTransport)  # the proxy, as for a plain httpx client
    monkeypatch.setenv("NO_PROXY", "*")  # no proxy at all: sharded again
    with own_client() as client:
        assert isinstance(client._transport_for_url(httpx.URL("https://queue.fal.run/x")), ShardedTransport)


@pytest.mark.parametrize("total", [1, 3, 31, 100, 239])
def test_the_shards_share_exactly_the_connection_limit(total: int) -> None:
    transport = ShardedTransport(httpx.Limits(max_connections=total, max_keepalive_connections=20))
    sizes = transport._sizes
    assert sum(sizes) == total and len(sizes) == min(16, total) and max(sizes) - min(sizes) <= 1
