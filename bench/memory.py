"""4. Memory: peak extra memory to encode and send a ~10 MB PNG, ours vs ``fal_client.encode_file``.

The PNG is random pixels (incompressible, so the file is ~10 MB, just under the 10 MiB cap), its
mask a same-size black PNG of a few KB. Every case runs in a fresh ``python -m bench._memory_case``
process, once for ``tracemalloc`` and once for RSS (kernel high-water mark, reset before the
measured call), after a warm-up call on a tiny image. "encode + send" goes all the way through the
client into a transport that reads the body chunk by chunk and drops it, as a socket does: ours is
``FalClient.submit`` / ``MagnificClient.create`` with ``Path`` image fields (validation, the
``ImageField`` encoding and the streaming ``JSONBody``); fal-client is ``encode_file`` for both
images and ``SyncClient.submit`` (httpx serialises ``json=`` in one piece). fal-client has no
Magnific client; its base64 row shows the plain stdlib way (``b64encode`` + ``json=``) for scale.
"""

from __future__ import annotations

import os
from pathlib import Path

from PIL import Image

from bench._common import Config, Row, Samples, Section, run_case

__all__ = ["make_images", "run"]

GOAL_FACTOR = 3.0
#: Side of the random RGB image: 3·1824² bytes of noise ≈ 9.99 MB of PNG, under the 10 MiB cap.
SIDE = 1824
CASES = {
    "ours-fal-encode": "ours: `build_payload` (fal, data URI)",
    "ours-fal-send": "ours: `FalClient.submit` (data URI, streamed body)",
    "ours-magnific-encode": "ours: `build_payload` (Magnific, base64)",
    "ours-magnific-send": "ours: `MagnificClient.create` (base64, streamed body)",
    "peer-fal-encode": "fal-client: `encode_file`",
    "peer-fal-send": "fal-client: `encode_file` + `SyncClient.submit`",
    "peer-encode-image": "fal-client: `encode_image(Image.open(png), 'png')`",
    "stdlib-base64-send": "stdlib: `b64encode` + httpx `json=` (no peer client for Magnific)",
}


def make_images(folder: Path) -> tuple[Path, Path, Path, Path]:
    """The big noisy PNG, its black mask, and a tiny pair for warm-ups."""
    image, mask = folder / "noise.png", folder / "noise-mask.png"
    Image.frombytes("RGB", (SIDE, SIDE), os.urandom(3 * SIDE * SIDE)).save(image, compress_level=1)
    Image.new("L", (SIDE, SIDE), 0).save(mask)
    tiny, tiny_mask = folder / "tiny.png", folder / "tiny-mask.png"
    Image.frombytes("RGB", (16, 16), os.urandom(3 * 16 * 16)).save(tiny)
    Image.new("L", (16, 16), 0).save(tiny_mask)
    return image, mask, tiny, tiny_mask


def _measure(case: str, mode: str, images: tuple[Path, Path, Path, Path]) -> int:
    return int(str(run_case("bench._memory_case", case, mode, *map(str, images))["peak"]))


def run(config: Config, work: Path) -> Section:
    images = make_images(work)
    size = images[0].stat().st_size
    repeats = config.repeats(2, 1)
    peaks: dict[tuple[str, str], list[float]] = {}
    for _ in range(repeats):
        for case in CASES:
            for mode in ("tracemalloc", "rss"):
                peaks.setdefault((case, mode), []).append(_measure(case, mode, images) / (1 << 20))
    limit = GOAL_FACTOR * size / (1 << 20)

    def samples(case: str, mode: str) -> Samples:
        return Samples.of(peaks[(case, mode)], "MiB", 1)

    rows: list[Row] = []
    for provider, ours_case, peer_case, peer_label in (
        ("fal data URI", "ours-fal-send", "peer-fal-send", "fal-client `encode_file` + `submit`"),
        ("Magnific base64", "ours-magnific-send", "stdlib-base64-send", "stdlib b64encode + json= (no peer)"),
    ):
        for mode, shown in (("tracemalloc", "tracemalloc peak"), ("rss", "RSS peak")):
            ours = samples(ours_case, mode)
            rows.append(
                Row(
                    f"Memory, 10 MB PNG → {provider}, encode + send ({shown})",
                    ours,
                    samples(peer_case, mode),
                    goal=f"≤ {GOAL_FACTOR:g}× file ({limit:.1f} MiB)",
                    goal_met=ours.median <= limit,
                    peer_label=peer_label,
                    note=f"{ours.median * (1 << 20) / size:.2f}× the file",
                )
            )
    detail = (
        f"File: {size:,} bytes ({size / (1 << 20):.2f} MiB) of PNG noise, {SIDE}×{SIDE}. "
        f"Peak extra memory, median of {repeats} fresh processes each (× = multiple of the file size):\n\n"
        "| case | tracemalloc peak | RSS peak |\n|---|---|---|\n"
    )
    for case, label in CASES.items():
        cells = []
        for mode in ("tracemalloc", "rss"):
            value = samples(case, mode).median
            cells.append(f"{value:.1f} MiB ({value * (1 << 20) / size:.2f}×)")
        detail += f"| {label} | {cells[0]} | {cells[1]} |\n"
    return Section("memory", "Memory", rows=rows, detail=detail, method=__doc__ or "")
