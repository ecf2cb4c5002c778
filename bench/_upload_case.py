"""One upload measurement in a fresh process: ``python -m bench._upload_case CASE MODE URL FILE [MASK]``.

CASE is ``ours-inline``, ``ours-upload``, ``peer-inline``, ``peer-upload`` (a 10 MB image + mask
edit submitted to the emulator at URL) or ``ours-file``/``peer-file`` (FILE alone uploaded). MODE
is ``time`` (wall seconds of the call), ``tracemalloc`` or ``rss`` (peak extra bytes). Each client
is new (its first request connects, its first upload fetches a storage token), as in a one-off
script. fal-client's fixed https hosts are pointed at the emulator: its queue requests through
:class:`~bench._peers.LoopbackRewrite`, its storage by its ``REST_URL``/``CDN_URL`` module globals
(it builds a new ``httpx.Client`` for those itself). One JSON line is printed.
"""

from __future__ import annotations

import json
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import fal_client
import fal_client.client
import httpx

from bench._memory_case import _reset_hwm, _status
from bench._peers import LoopbackRewrite, sync_peer
from ideogram_clients import FalClient

ENDPOINT = "fal-ai/ideogram/v2/edit"
PROMPT = "a red knitted hat"


class Counting(httpx.BaseTransport):
    """``inner``, counting the request body bytes it sends (the stream is wrapped, not read ahead)."""

    def __init__(self, inner: httpx.BaseTransport) -> None:
        self.inner = inner
        self.sent = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        stream = request.stream

        def counted() -> Any:
            for chunk in stream:  # type: ignore[union-attr]
                self.sent += len(chunk)
                yield chunk

        request.stream = httpx.ByteStream(b"") if request.headers.get("content-length") == "0" else _Iter(counted())
        return self.inner.handle_request(request)

    def close(self) -> None:
        self.inner.close()


class _Iter(httpx.SyncByteStream):
    def __init__(self, chunks: Any) -> None:
        self.chunks = chunks

    def __iter__(self) -> Any:
        yield from self.chunks


def _peer(url: str) -> fal_client.SyncClient:
    fal_client.client.REST_URL = url
    fal_client.client.CDN_URL = url
    return sync_peer(LoopbackRewrite(url), key="bench-key")


def _case(name: str, url: str, image: Path, mask: Path | None) -> Callable[[], int]:
    """The call to measure; it returns the request body bytes it sent (uploads and submit; 0 for a lone upload)."""

    def ours(files: str) -> int:
        counting = Counting(httpx.HTTPTransport())
        with FalClient("bench-key", base_url=url, files=files, http_client=httpx.Client(transport=counting)) as fal:  # type: ignore[arg-type]
            fal.submit(ENDPOINT, {"prompt": PROMPT, "image_url": image, "mask_url": mask})
        return counting.sent

    def peer(upload: bool) -> int:
        before = httpx.get(f"{url}/_emulator/stats").json()["bytes_uploaded"]  # its storage has no seam
        client = _peer(url)
        encode: Callable[[Path], str] = client.upload_file if upload else fal_client.encode_file
        assert mask is not None
        arguments: dict[str, Any] = {"prompt": PROMPT, "image_url": encode(image), "mask_url": encode(mask)}
        client.submit(ENDPOINT, arguments)
        uploaded: int = httpx.get(f"{url}/_emulator/stats").json()["bytes_uploaded"] - before
        return len(json.dumps(arguments)) + uploaded

    def ours_file() -> int:
        with FalClient("bench-key", base_url=url) as fal:
            fal.upload(image)
        return 0

    def peer_file() -> int:
        _peer(url).upload_file(image)
        return 0

    cases: dict[str, Callable[[], int]] = {
        "ours-inline": lambda: ours("inline"),
        "ours-upload": lambda: ours("upload"),
        "peer-inline": lambda: peer(False),
        "peer-upload": lambda: peer(True),
        "ours-file": ours_file,
        "peer-file": peer_file,
    }
    return cases[name]


def main(argv: list[str]) -> int:
    name, mode, url, image, *rest = argv
    mask = Path(rest[0]) if rest else None
    case = _case(name, url, Path(image), mask)
    if mode == "time":
        started = time.perf_counter()
        body = case()
        value: float = time.perf_counter() - started
    elif mode == "tracemalloc":
        tracemalloc.start()
        baseline = tracemalloc.get_traced_memory()[0]
        body = case()
        value = tracemalloc.get_traced_memory()[1] - baseline
        tracemalloc.stop()
    else:
        _reset_hwm()
        baseline = _status("VmRSS")
        body = case()
        value = _status("VmHWM") - baseline
    print(json.dumps({"case": name, "mode": mode, "value": value, "sent": body}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
