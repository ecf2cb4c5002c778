# Generated from 'specs/types.yaml' by `python -m generator generate`. Do not edit.
"""Shared object types (colour palettes, image sizes, output files)."""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import Field

from ideogram_clients._models import DOCUMENTED, NOT_NULL, InputModel, OutputFile
from ideogram_clients._rules import ExactlyOne, Rule

__all__ = [
    "ColorPalette",
    "ColorPaletteMember",
    "File",
    "ImageSize",
    "MagnificColorPalette",
    "MagnificColorPaletteMember",
    "RGBColor",
]


class RGBColor(InputModel):
    "An RGB color.\n\nFrom specs/types.yaml (upstream-docs/fal-ideogram-v2-edit.client-guide.txt#RGBColor)."

    model_config = DOCUMENTED

    r: Annotated[int, Field(ge=0, le=255)] = 0
    "Red color value. Range: 0 to 255. Provider default: 0 (not sent unless set)."

    g: Annotated[int, Field(ge=0, le=255)] = 0
    "Green color value. Range: 0 to 255. Provider default: 0 (not sent unless set)."

    b: Annotated[int, Field(ge=0, le=255)] = 0
    "Blue color value. Range: 0 to 255. Provider default: 0 (not sent unless set)."


class ColorPaletteMember(InputModel):
    "One color of a custom fal color palette.\n\nFrom specs/types.yaml (upstream-docs/fal-ideogram-character.client-guide.txt#ColorPaletteMember, upstream-docs/fal-ideogram-v2-edit.client-guide.txt#ColorPaletteMember)."

    model_config = DOCUMENTED

    rgb: RGBColor
    "RGB color value for the palette member. Required."

    color_weight: Annotated[float, Field(ge=0.05, le=1)] | None = 0.5
    "The weight of the color in the color palette. Range: 0.05 to 1. None is accepted and means unset (not sent). Provider default: 0.5 (not sent unless set)."


class ColorPalette(InputModel):
    "A fal color palette, either a preset name or explicit members.\n\nFrom specs/types.yaml (upstream-docs/fal-ideogram-character.client-guide.txt#ColorPalette, upstream-docs/fal-ideogram-v2-edit.client-guide.txt#ColorPalette, upstream-docs/fal-ideogram-character.api-reference.txt)."

    model_config = DOCUMENTED

    members: Annotated[list[ColorPaletteMember], Field(min_length=1)] | None = None
    "A list of color palette members that define the color palette. Items: 1 to any. None is accepted and means unset (not sent)."

    name: Literal["EMBER", "FRESH", "JUNGLE", "MAGIC", "MELON", "MOSAIC", "PASTEL", "ULTRAMARINE"] | None = None
    "A color palette preset value. One of: EMBER, FRESH, JUNGLE, MAGIC, MELON, MOSAIC, PASTEL, ULTRAMARINE. None is accepted and means unset (not sent)."

    __rules__: ClassVar[tuple[Rule, ...]] = (
        ExactlyOne(
            ("name", "members"),
            doc="must EITHER be specified via one of the presets (name) or explicitly via hexadecimal representations of the color with optional weights (members)",
        ),
    )


class File(OutputFile):
    "An output file hosted by fal (or a data URI when sync_mode is on).\n\nFrom specs/types.yaml (upstream-docs/fal-ideogram-character.client-guide.txt#File, upstream-docs/fal-ideogram-v2-edit.client-guide.txt#File)."

    model_config = DOCUMENTED

    url: str
    "The URL where the file can be downloaded from. Required."

    content_type: str | None = None
    "The mime type of the file."

    file_name: str | None = None
    "The name of the file. It will be auto-generated if not provided."

    file_size: int | None = None
    "The size of the file in bytes."


class ImageSize(InputModel):
    "A custom output size in pixels.\n\nFrom specs/types.yaml (upstream-docs/fal-ideogram-character.client-guide.txt#ImageSize, upstream-docs/fal-ideogram-v2-edit.client-guide.txt#ImageSize)."

    model_config = DOCUMENTED

    width: Annotated[int, Field(ge=1, le=14142)] = 512
    "The width of the generated image. Range: 1 to 14142. Provider default: 512 (not sent unless set)."

    height: Annotated[int, Field(ge=1, le=14142)] = 512
    "The height of the generated image. Range: 1 to 14142. Provider default: 512 (not sent unless set)."


class MagnificColorPaletteMember(InputModel):
    "One color of a custom Magnific color palette.\n\nFrom specs/types.yaml (upstream-docs/magnific-ideogram-image-edit.api-reference.txt)."

    model_config = DOCUMENTED

    color_hex: Annotated[str, Field(pattern="^#(?:[0-9a-fA-F]{3}){1,2}\\Z")]
    'The color as a hexadecimal string, e.g. "#FF5733". Pattern: ^#(?:[0-9a-fA-F]{3}){1,2}$. Required.'

    color_weight: Annotated[Annotated[float, Field(ge=0.05, le=1)] | None, NOT_NULL] = None
    "The weight of the color in the palette. Range: 0.05 to 1."


class MagnificColorPalette(InputModel):
    "A Magnific color palette, either a preset name or custom members, not both.\n\nFrom specs/types.yaml (upstream-docs/magnific-ideogram-image-edit.api-reference.txt)."

    model_config = DOCUMENTED

    name: Annotated[
        Literal["EMBER", "FRESH", "JUNGLE", "MAGIC", "MELON", "MOSAIC", "PASTEL", "ULTRAMARINE"] | None, NOT_NULL
    ] = None
    "A color palette preset. One of: EMBER, FRESH, JUNGLE, MAGIC, MELON, MOSAIC, PASTEL, ULTRAMARINE."

    members: Annotated[Annotated[list[MagnificColorPaletteMember], Field(min_length=1)] | None, NOT_NULL] = None
    "Custom colors with optional weights. Items: 1 to any."

    __rules__: ClassVar[tuple[Rule, ...]] = (
        ExactlyOne(("name", "members"), doc="Specify either name (preset) or members (custom colors), not both."),
    )
