"""Edit a photo through Magnific's task API: create, poll with backoff, get the image URLs."""

from __future__ import annotations

import sys
from pathlib import Path

from ideogram_clients import JobFailedError, MagnificClient, MagnificIdeogramImageEditOutput


def main(photo: Path, mask: Path) -> int:
    with MagnificClient() as magnific:  # MAGNIFIC_API_KEY from the environment
        try:
            task: MagnificIdeogramImageEditOutput = magnific.ideogram_image_edit.run(
                prompt="a red knitted hat",
                image=photo,  # sent as base64; URLs must be https
                mask=mask,  # black = edit
                rendering_speed="TURBO",
                timeout=300,
            )
        except JobFailedError as error:
            print(error, file=sys.stderr)
            return 1
    for url in task.generated:
        print(url)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1]), Path(sys.argv[2])))
