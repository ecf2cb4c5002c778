"""`make demo`: edit the sample photo end to end on this machine, through the CLI and the local emulator.

Starts the emulator on a free loopback port, runs ``ideogram-clients run`` for fal's V2 edit (the
images uploaded to the emulated fal storage, ``--files upload``) and Magnific's edit with the photo
and its mask (black = the region to edit), saves the PNGs under
``demo/out/`` with a side-by-side sheet, and stops the emulator. No credits, no network.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PIL import Image, ImageDraw

from ideogram_clients.emulator import Emulator

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
JOBS = {
    "fal": [
        "fal-ai/ideogram/v2/edit",
        "--file",
        f"image_url={HERE / 'photo.png'}",
        "--file",
        f"mask_url={HERE / 'mask.png'}",
        "--files",
        "upload",  # through the emulated fal storage: the job reads its inputs back from there
    ],
    "magnific": [
        "magnific/ideogram-image-edit",
        "--file",
        f"image={HERE / 'photo.png'}",
        "--file",
        f"mask={HERE / 'mask.png'}",
    ],
}


def run_cli(url: str, provider: str) -> Path:
    command = [
        sys.executable, "-m", "ideogram_clients.cli", "run", *JOBS[provider],
        "--set", "prompt=a red knitted hat", "--set", "seed=7",
        "--base-url", url, "--api-key", "demo-key", "--out", str(OUT / provider),
    ]  # fmt: skip
    print(f"$ ideogram-clients run {JOBS[provider][0]} ...", flush=True)
    result = subprocess.run(command, check=False, stdout=subprocess.PIPE, text=True)  # noqa: S603
    if result.returncode != 0:
        raise SystemExit(f"demo: the {provider} run failed (exit {result.returncode})")
    saved = [Path(line) for line in result.stdout.split()]
    print("  saved", *saved)
    return saved[0]


def sheet(images: dict[str, Path]) -> Path:
    """Photo, mask and both edits side by side, labelled."""
    tiles = {name: Image.open(path).convert("RGB") for name, path in images.items()}
    width, height = next(iter(tiles.values())).size
    canvas = Image.new("RGB", (width * len(tiles), height + 24), "white")
    draw = ImageDraw.Draw(canvas)
    for index, (name, tile) in enumerate(tiles.items()):
        canvas.paste(tile.resize((width, height)), (index * width, 24))
        draw.text((index * width + 8, 6), name, fill="black")
    target = OUT / "side-by-side.png"
    canvas.save(target)
    return target


def main() -> int:
    OUT.mkdir(exist_ok=True)
    emulator = Emulator(job_duration=1.5, seed=7)
    with emulator.serve() as url:
        print(f"emulator listening on {url}")
        fal = run_cli(url, "fal")
        magnific = run_cli(url, "magnific")
    uploaded = emulator.stats.files_uploaded
    print(f"emulator stopped after {emulator.stats.total_jobs} jobs and {uploaded} uploads to its fal storage")
    if uploaded != 2:
        raise SystemExit(f"demo: expected the photo and mask uploaded to fal storage, saw {uploaded} uploads")
    result = sheet(
        {
            "photo": HERE / "photo.png",
            "mask (black = edit)": HERE / "mask.png",
            "fal v2 edit": fal,
            "magnific edit": magnific,
        }
    )
    print(f"side by side: {result}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
