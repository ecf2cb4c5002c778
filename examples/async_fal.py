"""Several text-to-image jobs at once with the async client, each typed by its endpoint."""

from __future__ import annotations

import asyncio

from ideogram_clients import AsyncFalClient, IdeogramV3Output


async def main() -> list[IdeogramV3Output]:
    async with AsyncFalClient() as fal:
        handles = [await fal.v3.submit(prompt=prompt, num_images=1) for prompt in ("a fox", "an owl")]
        results = await asyncio.gather(*(handle.wait(timeout=120) for handle in handles))
        same = await fal.subscribe("fal-ai/ideogram/v3", {"prompt": "a hare"})  # overload: IdeogramV3Output
        return [*results, same]


if __name__ == "__main__":
    for output in asyncio.run(main()):
        print([image.url for image in output.images])
