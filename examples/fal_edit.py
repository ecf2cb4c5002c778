"""Edit a photo with fal's Ideogram V2 inpainting: typed arguments, live status, saved outputs.

Run against the local emulator (`make demo` does) or fal itself with FAL_KEY set.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ideogram_clients import Completed, FalClient, InProgress, InvalidInputError, Queued


def show(status: Queued | InProgress | Completed) -> None:
    if isinstance(status, Queued):
        print(f"queued at position {status.queue_position}")
    elif isinstance(status, InProgress):
        print("running")
    else:
        print("done")


def main(photo: Path, mask: Path, out_dir: Path) -> int:
    with FalClient() as fal:  # FAL_KEY from the environment
        try:
            output = fal.v2_edit.subscribe(
                prompt="a red knitted hat",
                image_url=photo,  # a Path, bytes, data: URI or http(s) URL
                mask_url=mask,
                style="realistic",
                on_update=show,
            )
        except InvalidInputError as error:  # nothing was sent
            print(error, file=sys.stderr)
            return 2
    for index, image in enumerate(output.images):
        saved = image.save(out_dir / f"edit-{index}.png")
        print(f"saved {saved} (seed {output.seed})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])))
