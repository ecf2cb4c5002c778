"""Deterministic stand-ins for the model: real PNGs whose pixels depend on prompt, seed and index.

Edits repaint only the masked region and copy every other pixel from the input, so tests can
check "the unmasked region is unchanged" exactly on decoded pixels. Mask meaning: BLACK = edit,
white = keep, for both providers. Magnific documents black = edit; fal's pages say nothing, and
Ideogram's own API, which fal fronts, edits the black area — so the emulator edits where the mask's
luminance is below 128 (alpha is ignored). Other endpoints draw a gradient with shapes
(generation), blend it with the input (remix, by ``strength``), put the input on a larger canvas
(reframe) or keep a central ellipse of the input over a new background (replace-background).
"""

from __future__ import annotations

import hashlib
import io
import random

from PIL import Image, ImageDraw, ImageOps

__all__ = [
    "PRESETS",
    "digest",
    "edit",
    "generate",
    "preset_size",
    "reframe",
    "remix",
    "replace_background",
    "to_png",
]

#: fal's ``image_size`` presets in pixels (before ``size_divisor``).
PRESETS: dict[str, tuple[int, int]] = {
    "square_hd": (1024, 1024),
    "square": (512, 512),
    "portrait_4_3": (768, 1024),
    "portrait_16_9": (576, 1024),
    "landscape_4_3": (1024, 768),
    "landscape_16_9": (1024, 576),
}

Color = tuple[int, int, int]
_EDIT_LUT = [255 if value < 128 else 0 for value in range(256)]


def preset_size(name: str, divisor: int = 1) -> tuple[int, int]:
    width, height = PRESETS[name]
    return max(1, width // divisor), max(1, height // divisor)


def digest(*parts: object) -> bytes:
    """The seed of every pixel decision: a hash of the job's prompt, seed, image index, etc."""
    return hashlib.sha256("\x1f".join(str(part) for part in parts).encode("utf-8")).digest()


def _color(rng: random.Random) -> Color:
    return rng.randrange(256), rng.randrange(256), rng.randrange(256)


def _gradient(size: tuple[int, int], rng: random.Random) -> Image.Image:
    corners = Image.new("RGB", (2, 2))
    corners.putdata([_color(rng) for _ in range(4)])
    return corners.resize(size, Image.Resampling.BILINEAR)


def _pattern(size: tuple[int, int], key: bytes) -> Image.Image:
    """A gradient crossed by diagonal stripes: clearly "new" content wherever it is pasted."""
    rng = random.Random(key)  # noqa: S311 - deterministic pixels, not secrets
    image = _gradient(size, rng)
    width, height = size
    period = 8 + rng.randrange(24)
    half = max(1, period // 2)
    stripe = _color(rng)
    draw = ImageDraw.Draw(image)
    for left in range(-height, width + period, period):
        corners = [(left, 0), (left + half, 0), (left + half + height, height), (left + height, height)]
        draw.polygon(corners, fill=stripe)
    return image


def generate(size: tuple[int, int], key: bytes) -> Image.Image:
    """A gradient with a few ellipses and boxes, all placed by ``key``."""
    rng = random.Random(key)  # noqa: S311 - deterministic pixels, not secrets
    image = _gradient(size, rng)
    width, height = size
    draw = ImageDraw.Draw(image)
    for _ in range(3 + rng.randrange(4)):
        x0, x1 = sorted((rng.randrange(width + 1), rng.randrange(width + 1)))
        y0, y1 = sorted((rng.randrange(height + 1), rng.randrange(height + 1)))
        shape = draw.ellipse if rng.random() < 0.5 else draw.rectangle
        shape((x0, y0, x1, y1), fill=_color(rng))
    return image


def _working_mode(image: Image.Image) -> Image.Image:
    """RGB or RGBA, keeping the input's own pixels when it already is one of them."""
    if image.mode in ("RGB", "RGBA"):
        return image
    has_alpha = "A" in image.getbands() or "transparency" in image.info
    return image.convert("RGBA" if has_alpha else "RGB")


def edit(image: Image.Image, mask: Image.Image, key: bytes) -> Image.Image:
    """``image`` with its black-masked pixels repainted; all others copied unchanged."""
    base = _working_mode(image)
    region = mask.convert("L").point(_EDIT_LUT)
    fill = _pattern(base.size, key).convert(base.mode)
    return Image.composite(fill, base, region)


def remix(image: Image.Image, size: tuple[int, int], strength: float, key: bytes) -> Image.Image:
    """The input resized to ``size`` and blended with a new drawing (more ``strength``, less input)."""
    base = image.convert("RGB").resize(size, Image.Resampling.BILINEAR)
    return Image.blend(base, generate(size, key), alpha=max(0.0, min(1.0, strength)))


def reframe(image: Image.Image, size: tuple[int, int], key: bytes) -> Image.Image:
    """The input fitted and centred on a new canvas of ``size``; the margins are new content."""
    canvas = generate(size, key)
    fitted = ImageOps.contain(image.convert("RGB"), size)
    canvas.paste(fitted, ((size[0] - fitted.width) // 2, (size[1] - fitted.height) // 2))
    return canvas


def replace_background(image: Image.Image, key: bytes) -> Image.Image:
    """A central ellipse of the input (the "subject") over a new background of the same size."""
    subject = image.convert("RGB")
    width, height = subject.size
    keep = Image.new("L", subject.size, 0)
    ImageDraw.Draw(keep).ellipse((width // 5, height // 5, width - width // 5, height - height // 5), fill=255)
    return Image.composite(subject, generate(subject.size, key), keep)


def to_png(image: Image.Image) -> bytes:
    """PNG bytes, favouring speed over size (these files never leave the machine)."""
    buffer = io.BytesIO()
    image.save(buffer, "PNG", compress_level=1)
    return buffer.getvalue()
