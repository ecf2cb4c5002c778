# Generated from 'specs/' by `python -m generator generate`. Do not edit.
"""Every generated model: one Input and one Output per endpoint, plus the shared types."""

from __future__ import annotations

from ideogram_clients.models.fal_ideogram_character import IdeogramCharacterInput, IdeogramCharacterOutput
from ideogram_clients.models.fal_ideogram_character_edit import IdeogramCharacterEditInput, IdeogramCharacterEditOutput
from ideogram_clients.models.fal_ideogram_character_remix import (
    IdeogramCharacterRemixInput,
    IdeogramCharacterRemixOutput,
)
from ideogram_clients.models.fal_ideogram_v2_edit import IdeogramV2EditInput, IdeogramV2EditOutput
from ideogram_clients.models.fal_ideogram_v3 import IdeogramV3Input, IdeogramV3Output
from ideogram_clients.models.fal_ideogram_v3_edit import IdeogramV3EditInput, IdeogramV3EditOutput
from ideogram_clients.models.fal_ideogram_v3_reframe import IdeogramV3ReframeInput, IdeogramV3ReframeOutput
from ideogram_clients.models.fal_ideogram_v3_remix import IdeogramV3RemixInput, IdeogramV3RemixOutput
from ideogram_clients.models.fal_ideogram_v3_replace_background import (
    IdeogramV3ReplaceBackgroundInput,
    IdeogramV3ReplaceBackgroundOutput,
)
from ideogram_clients.models.magnific_ideogram_image_edit import (
    MagnificIdeogramImageEditInput,
    MagnificIdeogramImageEditOutput,
)
from ideogram_clients.models.types import (
    ColorPalette,
    ColorPaletteMember,
    File,
    ImageSize,
    MagnificColorPalette,
    MagnificColorPaletteMember,
    RGBColor,
)

__all__ = [
    "ColorPalette",
    "ColorPaletteMember",
    "File",
    "IdeogramCharacterEditInput",
    "IdeogramCharacterEditOutput",
    "IdeogramCharacterInput",
    "IdeogramCharacterOutput",
    "IdeogramCharacterRemixInput",
    "IdeogramCharacterRemixOutput",
    "IdeogramV2EditInput",
    "IdeogramV2EditOutput",
    "IdeogramV3EditInput",
    "IdeogramV3EditOutput",
    "IdeogramV3Input",
    "IdeogramV3Output",
    "IdeogramV3ReframeInput",
    "IdeogramV3ReframeOutput",
    "IdeogramV3RemixInput",
    "IdeogramV3RemixOutput",
    "IdeogramV3ReplaceBackgroundInput",
    "IdeogramV3ReplaceBackgroundOutput",
    "ImageSize",
    "MagnificColorPalette",
    "MagnificColorPaletteMember",
    "MagnificIdeogramImageEditInput",
    "MagnificIdeogramImageEditOutput",
    "RGBColor",
]
