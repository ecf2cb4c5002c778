"""One memory measurement in a fresh process: ``python -m bench._memory_case CASE MODE IMAGE MASK TINY TINY_MASK``.

Runs CASE once on the tiny image (imports, model schemas and lazy plugins load outside the
measurement), then once on the big one, and prints one JSON line: the peak extra memory of that
second run, from ``tracemalloc`` (Python allocations) or from the kernel's RSS high-water mark
(``VmHWM``, reset through ``/proc/self/clear_refs`` first where the kernel allows it).
"""

from __future__ import annotations

import base64
import gc
import json
import sys
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import fal_client
import httpx

from bench._peers import sync_peer
from ideogram_clients import ENDPOINTS, FalClient, MagnificClient

FAL_ENDPOINT = "fal-ai/ideogram/v2/edit"
MAGNIFIC_ENDPOINT = "magnific/ideogram-image-edit"
_FAL_REPLY = json.dumps({"request_id": "m", "response_url": "", "status_url": "", "cancel_url": ""}).encode()
_MAGNIFIC_REPLY = json.dumps(
    {"data": {"task_id": "8f7d4f9e-2a55-4d9e-9a53-1b7d3c0a6e11", "status": "CREATED", "generated": []}}
).encode()


class Drain(httpx.BaseTransport):
    """Reads the request body chunk by chunk and forgets it, as a socket would; answers ``reply``."""

    def __init__(self, reply: bytes) -> None:
        self.reply = reply
        self.sent = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.sent = 0
        for chunk in request.stream:  # type: ignore[union-attr]
            self.sent += len(chunk)
        return httpx.Response(200, content=self.reply, headers={"content-type": "application/json"})


def _case(name: str) -> Callable[[Path, Path], object]:
    fal_drain, magnific_drain, plain_drain = Drain(_FAL_REPLY), Drain(_MAGNIFIC_REPLY), Drain(_MAGNIFIC_REPLY)
    # the data URI path on purpose (files="auto" would upload a 10 MB image: see the Uploads benchmark)
    ours_fal = FalClient(api_key="bench-key", http_client=httpx.Client(transport=fal_drain), files="inline")
    ours_magnific = MagnificClient(api_key="bench-key", http_client=httpx.Client(transport=magnific_drain))
    peer = sync_peer(fal_drain)
    plain = httpx.Client(transport=plain_drain)

    def fal_args(image: Path, mask: Path) -> dict[str, object]:
        return {"prompt": "a red knitted hat", "image_url": image, "mask_url": mask}

    def magnific_args(image: Path, mask: Path) -> dict[str, object]:
        return {"prompt": "a red knitted hat", "image": image, "mask": mask}

    def stdlib_base64(image: Path, mask: Path) -> object:
        body = {
            "prompt": "a red knitted hat",
            "image": base64.b64encode(image.read_bytes()).decode(),
            "mask": base64.b64encode(mask.read_bytes()).decode(),
        }
        return plain.post("https://api.magnific.com/v1/ai/ideogram-image-edit", json=body)

    def peer_send(image: Path, mask: Path) -> object:
        arguments = {
            "prompt": "a red knitted hat",
            "image_url": fal_client.encode_file(image),
            "mask_url": fal_client.encode_file(mask),
        }
        return peer.submit(FAL_ENDPOINT, arguments)

    def peer_encode_image(image: Path, mask: Path) -> object:
        from PIL import Image

        with Image.open(image) as opened:
            return fal_client.encode_image(opened, "png")

    cases: dict[str, Callable[[Path, Path], object]] = {
        "ours-fal-encode": lambda image, mask: ENDPOINTS[FAL_ENDPOINT].build_payload(fal_args(image, mask)),
        "ours-fal-send": lambda image, mask: ours_fal.submit(FAL_ENDPOINT, fal_args(image, mask)),
        "ours-magnific-encode": lambda image, mask: ENDPOINTS[MAGNIFIC_ENDPOINT].build_payload(
            magnific_args(image, mask)
        ),
        "ours-magnific-send": lambda image, mask: ours_magnific.create(MAGNIFIC_ENDPOINT, magnific_args(image, mask)),
        "peer-fal-encode": lambda image, mask: fal_client.encode_file(image),
        "peer-fal-send": peer_send,
        "peer-encode-image": peer_encode_image,
        "stdlib-base64-send": stdlib_base64,
    }
    return cases[name]


def _status(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
    raise RuntimeError(f"{field} not in /proc/self/status")


def _reset_hwm() -> bool:
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def main(argv: list[str]) -> int:
    name, mode, image, mask, tiny, tiny_mask = argv
    case = _case(name)
    if mode == "tracemalloc":
        tracemalloc.start()
    case(Path(tiny), Path(tiny_mask))
    gc.collect()
    reset = False
    if mode == "tracemalloc":
        baseline = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        case(Path(image), Path(mask))
        peak = tracemalloc.get_traced_memory()[1] - baseline
        tracemalloc.stop()
    else:
        reset = _reset_hwm()
        baseline = _status("VmRSS")
        case(Path(image), Path(mask))
        peak = _status("VmHWM") - baseline
    print(json.dumps({"case": name, "mode": mode, "peak": peak, "hwm_reset": reset}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
