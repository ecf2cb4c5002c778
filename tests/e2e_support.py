"""Shared by the end-to-end, fault-run and CLI tests: inputs derived from the specs, images, pixel checks.

Arguments come from each endpoint's spec (its required fields: the prompt, images as small local
PNGs, one-image reference lists, the first ``image_size`` preset), so a new endpoint spec is covered
without editing the tests.
"""

from __future__ import annotations

import io
import ssl
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image

from ideogram_clients import ENDPOINTS
from ideogram_clients.emulator import PRESETS

__all__ = [
    "DIVISOR",
    "FAL_IDS",
    "KEY",
    "MAGNIFIC_IDS",
    "TLS",
    "Images",
    "changed_fraction",
    "check_pixels",
    "decode",
    "edit_pair",
    "has_field",
    "make_images",
    "minimal_arguments",
]

#: One TLS context for every test's httpx client: building httpx's default one costs ~40 ms each time.
TLS = ssl.create_default_context()

KEY = "e2e-test-key"
DIVISOR = 16
FAL_IDS = [endpoint_id for endpoint_id, endpoint in ENDPOINTS.items() if endpoint.provider == "fal"]
MAGNIFIC_IDS = [endpoint_id for endpoint_id, endpoint in ENDPOINTS.items() if endpoint.provider == "magnific"]


# -- inputs derived from the specs -----------------------------------------------------------------------


@dataclass(frozen=True)
class Images:
    """Local PNGs: a photo whose neighbouring pixels differ, its mask (left half black = edit)."""

    photo: Path
    mask: Path
    small_mask: Path

    def photo_pixels(self) -> Image.Image:
        return decode(self.photo.read_bytes())


def _write_png(image: Image.Image, path: Path) -> Path:
    image.save(path, "PNG")
    return path


def make_images(folder: Path) -> Images:
    """The photo (48x32), its mask (left half black) and a mask of the wrong size, written to ``folder``."""
    width, height = 48, 32
    data = bytes(
        (x * 5 + y * 3 + channel * 70) % 256 for y in range(height) for x in range(width) for channel in range(3)
    )
    mask = Image.new("L", (width, height), 255)
    mask.paste(0, (0, 0, width // 2, height))
    return Images(
        photo=_write_png(Image.frombytes("RGB", (width, height), data), folder / "photo.png"),
        mask=_write_png(mask, folder / "mask.png"),
        small_mask=_write_png(Image.new("L", (width // 2, height // 2), 0), folder / "small-mask.png"),
    )


def spec_fields(endpoint_id: str) -> list[dict[str, Any]]:
    fields: list[dict[str, Any]] = ENDPOINTS[endpoint_id].spec["endpoint"]["input"]
    return fields


def edit_pair(endpoint_id: str) -> tuple[str, str] | None:
    """``(image field, mask field)`` of an edit endpoint: its ``same_dimensions`` rule."""
    for rule in ENDPOINTS[endpoint_id].spec["endpoint"]["rules"]:
        if rule["kind"] == "same_dimensions":
            image, mask = rule["fields"]
            return image, mask
    return None


def has_field(endpoint_id: str, name: str) -> bool:
    return name in ENDPOINTS[endpoint_id].input_model.model_fields


def minimal_arguments(endpoint_id: str, images: Images, prompt: str) -> dict[str, Any]:
    """A value for every required field of the spec, nothing else; endpoints without a prompt get a
    seed derived from ``prompt`` instead, so every test's job body stays distinct."""
    pair = edit_pair(endpoint_id)
    mask_field = pair[1] if pair else None
    arguments: dict[str, Any] = {}
    for field in spec_fields(endpoint_id):
        if not field["required"]:
            continue
        name, kind, items = field["name"], field["type"], field["items"] or {}
        if kind == "string" and not field["enum"]:
            arguments[name] = prompt
        elif kind == "image":
            arguments[name] = images.mask if name == mask_field else images.photo
        elif kind == "array" and items.get("type") == "image":
            arguments[name] = [images.photo] * max(1, field["min_items"] or 1)
        elif field["one_of"]:
            choice = next(option for option in field["one_of"] if option.get("enum"))
            arguments[name] = choice["enum"][0]
        else:  # pragma: no cover - a new kind of required field: teach this helper its minimal value
            raise AssertionError(f"{endpoint_id}: no minimal value for required field {name!r} ({kind})")
    if prompt not in arguments.values() and has_field(endpoint_id, "seed"):
        arguments["seed"] = zlib.crc32(prompt.encode()) % 2**31
    return arguments


def decode(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    assert image.format == "PNG"
    return image


def changed_fraction(first: Image.Image, second: Image.Image) -> float:
    """The share of pixels that differ between two images of the same size."""
    one, two = first.convert("RGB").tobytes(), second.convert("RGB").tobytes()
    assert len(one) == len(two)
    pixels = range(0, len(one), 3)
    return sum(one[i : i + 3] != two[i : i + 3] for i in pixels) / len(pixels)


def check_pixels(endpoint_id: str, arguments: dict[str, Any], result: Image.Image, images: Images) -> None:
    """Edits keep the unmasked (right) half byte-identical and repaint the masked (left) half;
    endpoints with an ``image_size`` draw the requested preset."""
    if edit_pair(endpoint_id) is not None:
        photo = images.photo_pixels()
        assert result.size == photo.size
        width, height = photo.size
        keep, edit = (width // 2, 0, width, height), (0, 0, width // 2, height)
        assert result.convert("RGB").crop(keep).tobytes() == photo.crop(keep).tobytes()
        assert changed_fraction(result.crop(edit), photo.crop(edit)) > 0.5
    elif isinstance(arguments.get("image_size"), str):
        width, height = PRESETS[arguments["image_size"]]
        assert result.size == (width // DIVISOR, height // DIVISOR)
