"""``python -m generator fetch`` against a local HTTP server (never the internet): documents are
normalised, written only when changed and atomically; each failing endpoint prints one line and
keeps its old file."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from generator.cli import main
from generator.drift.openapi import document_name
from generator.fetch import ROUTE, normalise

FAL = [
    "fal-ai/ideogram/character",
    "fal-ai/ideogram/character/edit",
    "fal-ai/ideogram/character/remix",
    "fal-ai/ideogram/v2/edit",
    "fal-ai/ideogram/v3",
    "fal-ai/ideogram/v3/edit",
    "fal-ai/ideogram/v3/reframe",
    "fal-ai/ideogram/v3/remix",
    "fal-ai/ideogram/v3/replace-background",
]


class Upstream:
    """What the fake fal answers per endpoint id: (status, body bytes); every request is recorded."""

    def __init__(self, folder: Path) -> None:
        self.answers: dict[str, tuple[int, bytes]] = {}
        for endpoint in FAL:
            document = json.loads((folder / document_name(endpoint)).read_text(encoding="utf-8"))
            self.answers[endpoint] = (200, json.dumps(document, separators=(",", ":")).encode())  # compact, unsorted
        self.requests: list[str] = []

    def document(self, endpoint: str) -> dict[str, Any]:
        result: dict[str, Any] = json.loads(self.answers[endpoint][1])
        return result


@pytest.fixture
def upstream(project_copy: Path) -> Iterator[tuple[Upstream, str]]:
    state = Upstream(project_copy / "upstream-docs" / "openapi")

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            state.requests.append(self.path)
            endpoint = parse_qs(parts.query).get("endpoint_id", [""])[0]
            status, body = state.answers.get(endpoint, (404, b'{"detail": "no such endpoint"}'))
            if parts.path != ROUTE:
                status, body = 404, b"{}"
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def snapshot(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def fetch(root: Path, base_url: str) -> int:
    return main(["fetch", "--root", str(root), "--base-url", base_url, "--timeout", "10"])


def test_unchanged_documents_are_not_rewritten(
    project_copy: Path, upstream: tuple[Upstream, str], capsys: pytest.CaptureFixture[str]
) -> None:
    state, url = upstream
    folder = project_copy / "upstream-docs" / "openapi"
    before = {path.name: path.stat().st_mtime_ns for path in folder.iterdir()}
    assert fetch(project_copy, url) == 0
    assert {path.name: path.stat().st_mtime_ns for path in folder.iterdir()} == before
    out = capsys.readouterr().out
    assert "fetch: 0 changed, 9 unchanged, 0 failed of 9 fal endpoints" in out
    assert sorted(parse_qs(urlsplit(path).query)["endpoint_id"][0] for path in state.requests) == sorted(FAL)


def test_a_changed_document_is_written_normalised(
    project_copy: Path, upstream: tuple[Upstream, str], capsys: pytest.CaptureFixture[str]
) -> None:
    state, url = upstream
    folder = project_copy / "upstream-docs" / "openapi"
    document = state.document("fal-ai/ideogram/v3")
    document["components"]["schemas"]["IdeogramV3Input"]["properties"]["zeta"] = {"type": "string"}
    state.answers["fal-ai/ideogram/v3"] = (200, json.dumps(document).encode())
    before = snapshot(folder)
    assert fetch(project_copy, url) == 0
    after = snapshot(folder)
    name = document_name("fal-ai/ideogram/v3")
    assert [key for key in after if after[key] != before[key]] == [name]
    assert after[name].decode() == normalise(document)
    assert set(after) == set(before)  # no temporary file left behind
    assert "fal-ai/ideogram/v3: changed" in capsys.readouterr().out


def test_each_failure_is_one_line_and_keeps_the_old_file(
    project_copy: Path, upstream: tuple[Upstream, str], capsys: pytest.CaptureFixture[str]
) -> None:
    state, url = upstream
    folder = project_copy / "upstream-docs" / "openapi"
    other = state.answers["fal-ai/ideogram/v3"]
    state.answers["fal-ai/ideogram/v3"] = (500, b'{"detail": "boom"}')
    state.answers["fal-ai/ideogram/v3/edit"] = (200, b"<html>not json")
    state.answers["fal-ai/ideogram/v3/remix"] = (200, b'{"openapi": "3.0.4"}')
    state.answers["fal-ai/ideogram/v3/reframe"] = other  # the v3 document under another id
    before = snapshot(folder)
    assert fetch(project_copy, url) == 1
    assert snapshot(folder) == before
    captured = capsys.readouterr()
    failed = captured.err.strip().splitlines()
    assert failed == [
        f"fal-ai/ideogram/v3: failed (HTTP 500 from {url}{ROUTE}?endpoint_id=fal-ai%2Fideogram%2Fv3)",
        "fal-ai/ideogram/v3/edit: failed (not JSON: Expecting value: line 1 column 1 (char 0))",
        "fal-ai/ideogram/v3/reframe: failed (the document is for 'fal-ai/ideogram/v3')",
        "fal-ai/ideogram/v3/remix: failed (not a fal OpenAPI document (no info.x-fal-metadata.endpointId, "
        "components or paths))",
    ]
    assert "fetch: 0 changed, 5 unchanged, 4 failed of 9 fal endpoints" in captured.out


def test_unreachable_host_fails_every_endpoint_cleanly(project_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as probe:  # a loopback port with nothing listening
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    folder = project_copy / "upstream-docs" / "openapi"
    before = snapshot(folder)
    assert fetch(project_copy, f"http://127.0.0.1:{port}") == 1
    assert snapshot(folder) == before
    failed = capsys.readouterr().err.strip().splitlines()
    assert len(failed) == 9
    assert all(line.startswith("fal-ai/ideogram/") and ": failed (ConnectError: " in line for line in failed)


def test_a_missing_document_is_created(project_copy: Path, upstream: tuple[Upstream, str]) -> None:
    _, url = upstream
    path = project_copy / "upstream-docs" / "openapi" / document_name("fal-ai/ideogram/character")
    old = path.read_bytes()
    path.unlink()
    assert fetch(project_copy, url) == 0
    assert path.read_bytes() == old  # the stored documents are already in normal form
