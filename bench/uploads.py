"""8. Uploads: inline or upload for a 10 MB edit, the ``files="auto"`` threshold, a 200 MiB upload's memory.

Every call runs in a fresh ``python -m bench._upload_case`` process against the emulator in another
process (its storage keeps uploads in memory, which must not count as the client's), on loopback.
"Submit path" is the wall time from a new client to the submit's answer: ours is ``FalClient.submit``
with two ``Path`` images under ``files="inline"`` (data URIs in the JSON body) or ``files="upload"``
(storage token, two uploads, a JSON body of URLs); fal-client is ``encode_file`` ×2 + ``submit`` or
``upload_file`` ×2 + ``submit``. Bytes are request bodies sent (uploads included). The threshold
table times a warm client (token cached, each image new) submitting one image of each size both
ways; loopback has no latency, so the table adds what a real link costs (one round trip per upload
vs a third more bytes inline) to pick the size above which uploading wins.
"""

from __future__ import annotations

import io
import os
import time
from pathlib import Path

from PIL import Image

from bench._common import Config, Row, Samples, Section, format_seconds, run_case
from bench._emulator import emulator_process
from bench.memory import make_images
from ideogram_clients import FalClient
from ideogram_clients._file_policy import AUTO_UPLOAD_BYTES

__all__ = ["run"]

MULTIPART_MIB = 200
MEMORY_GOAL_MIB = 32.0
EMULATOR_OPTIONS = ("--job-duration", "0", "--workers", "8", "--size-divisor", "8")
#: Image sizes of the threshold table, and the links the table models (round trip s, uplink bytes/s).
SIZES = (64 << 10, 256 << 10, 1 << 20, 4 << 20)
LINKS = (("fast office (10 ms, 100 Mbit/s up)", 0.010, 12.5e6), ("home (40 ms, 20 Mbit/s up)", 0.040, 2.5e6))


def _case(case: str, mode: str, url: str, *files: Path) -> dict[str, float]:
    data = run_case("bench._upload_case", case, mode, url, *map(str, files))
    return {key: float(value) for key, value in data.items() if isinstance(value, int | float)}


def _noise_png(size: int) -> bytes:
    side = max(8, int((size / 3) ** 0.5))
    buffer = io.BytesIO()
    Image.frombytes("RGB", (side, side), os.urandom(3 * side * side)).save(buffer, "PNG", compress_level=1)
    return buffer.getvalue()


def _threshold(url: str, repeats: int) -> list[tuple[int, float, float]]:
    """``(bytes, inline s, upload s)`` per size: a warm client submitting one fresh image each way."""
    rows = []
    with FalClient("bench-key", base_url=url) as fal:
        fal.upload(b"warm-up: connection and storage token")
        for size in SIZES:
            times: dict[str, list[float]] = {"inline": [], "upload": []}
            actual = 0
            for _ in range(repeats):
                for files in ("inline", "upload"):
                    image, mask = _noise_png(size), _noise_png(size)
                    actual = len(image)
                    arguments = {"prompt": "p", "image_url": image, "mask_url": mask}
                    started = time.perf_counter()
                    fal.submit("fal-ai/ideogram/v2/edit", arguments, files=files)
                    times[files].append(time.perf_counter() - started)
            rows.append((actual, Samples.of(times["inline"], "s").median, Samples.of(times["upload"], "s").median))
    return rows


def run(config: Config, work: Path) -> Section:
    image, mask, _, _ = make_images(work)
    big = work / "big.bin"
    with big.open("wb") as stream:
        stream.write(os.urandom(MULTIPART_MIB << 20))
    repeats = config.repeats(3, 1)
    results: dict[tuple[str, str], list[dict[str, float]]] = {}
    with emulator_process(work, EMULATOR_OPTIONS) as (url, _):
        for _ in range(repeats):
            for case in ("ours-inline", "peer-inline", "ours-upload", "peer-upload"):
                results.setdefault((case, "time"), []).append(_case(case, "time", url, image, mask))
        for _ in range(config.repeats(2, 1)):
            for case in ("ours-file", "peer-file"):
                for mode in ("tracemalloc", "rss"):
                    results.setdefault((case, mode), []).append(_case(case, mode, url, big))
        for index in range(config.repeats(5, 1)):  # wall time varies most (the emulator writes 200 MiB)
            for case in ("ours-file", "peer-file") if index % 2 == 0 else ("peer-file", "ours-file"):
                results.setdefault((case, "time"), []).append(_case(case, "time", url, big))
        threshold = _threshold(url, config.repeats(5, 1))

    def samples(case: str, mode: str, scale: float = 1.0, unit: str = "s", digits: int = 2) -> Samples:
        return Samples.of([item["value"] * scale for item in results[(case, mode)]], unit, digits)

    def sent(case: str) -> float:
        return results[(case, "time")][0]["sent"] / (1 << 20)

    rows = [
        Row("Submit path, 10 MB image + mask edit, files=upload", samples("ours-upload", "time"),
            samples("peer-upload", "time"), peer_label="fal-client `upload_file` ×2 + `submit`",
            note=f"sent: ours {sent('ours-upload'):.1f} MiB, peer {sent('peer-upload'):.1f} MiB"),
        Row("Submit path, 10 MB image + mask edit, inline", samples("ours-inline", "time"),
            samples("peer-inline", "time"), peer_label="fal-client `encode_file` ×2 + `submit`",
            note=f"sent: ours {sent('ours-inline'):.1f} MiB, peer {sent('peer-inline'):.1f} MiB"),
    ]  # fmt: skip
    mib = 1 / (1 << 20)
    for mode, shown in (("tracemalloc", "tracemalloc peak"), ("rss", "RSS peak")):
        ours = samples("ours-file", mode, mib, "MiB", 1)
        rows.append(
            Row(f"Memory, {MULTIPART_MIB} MiB multipart upload ({shown})", ours,
                samples("peer-file", mode, mib, "MiB", 1),
                goal=f"≤ {MEMORY_GOAL_MIB:g} MiB extra", goal_met=ours.median <= MEMORY_GOAL_MIB,
                peer_label="fal-client `upload_file`")
        )  # fmt: skip
    rows.append(
        Row(f"{MULTIPART_MIB} MiB multipart upload, wall time", samples("ours-file", "time"),
            samples("peer-file", "time"), peer_label="fal-client `upload_file`")
    )  # fmt: skip
    return Section("uploads", "Uploads", rows=rows, detail=_detail(results, threshold), method=__doc__ or "")


def _detail(results: dict[tuple[str, str], list[dict[str, float]]], threshold: list[tuple[int, float, float]]) -> str:
    lines = ["| case | request bytes sent |", "|---|---|"]
    for case in ("ours-inline", "peer-inline", "ours-upload", "peer-upload"):
        lines.append(f"| {case} | {results[(case, 'time')][0]['sent'] / (1 << 20):.2f} MiB |")
    lines += ["", "`files=\"auto\"` threshold: an image and a mask of that size per submit, warm client, loopback;",
              "then the same with a link's cost added (upload: +1 round trip; inline: +⅓ more bytes at the",
              "uplink rate).",
              "", "| image | inline (loopback) | upload (loopback) | " + " | ".join(
                  f"inline − upload, {name}" for name, _, _ in LINKS) + " |",
              "|---|---|---|" + "---|" * len(LINKS)]  # fmt: skip
    for size, inline, upload in threshold:
        cells = []
        for _, rtt, uplink in LINKS:
            inline_cost = inline + 2 * size * 4 / 3 / uplink
            upload_cost = upload + 2 * size / uplink + rtt  # two uploads in parallel: one round trip
            cells.append(format_seconds(inline_cost - upload_cost) if inline_cost >= upload_cost
                         else "−" + format_seconds(upload_cost - inline_cost))  # fmt: skip
        lines.append(f"| {size / 1024:,.0f} KiB | {format_seconds(inline)} | {format_seconds(upload)} | "
                     + " | ".join(cells) + " |")  # fmt: skip
    lines += ["", f"Positive: uploading saves that much. The default threshold is {AUTO_UPLOAD_BYTES >> 10:,} KiB "
              "(`_file_policy.AUTO_UPLOAD_BYTES`)."]  # fmt: skip
    return "\n".join(lines) + "\n"
