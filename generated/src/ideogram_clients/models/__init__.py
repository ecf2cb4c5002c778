# Generated from 'specs/' by `python -m generator generate`. Do not edit.
"""Every generated model: one Input and one Output per endpoint, plus the shared types.

Each endpoint's module is imported when one of its names is first used (PEP 562), so importing
the package does not build every pydantic model up front.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ideogram_clients.models.fal_ideogram_character import IdeogramCharacterInput, IdeogramCharacterOutput
    from ideogram_clients.models.fal_ideogram_character_edit import (
        IdeogramCharacterEditInput,
        IdeogramCharacterEditOutput,
    )
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

_MODULES = {
    "IdeogramCharacterInput": "fal_ideogram_character",
    "IdeogramCharacterOutput": "fal_ideogram_character",
    "IdeogramCharacterEditInput": "fal_ideogram_character_edit",
    "IdeogramCharacterEditOutput": "fal_ideogram_character_edit",
    "IdeogramCharacterRemixInput": "fal_ideogram_character_remix",
    "IdeogramCharacterRemixOutput": "fal_ideogram_character_remix",
    "IdeogramV2EditInput": "fal_ideogram_v2_edit",
    "IdeogramV2EditOutput": "fal_ideogram_v2_edit",
    "IdeogramV3Input": "fal_ideogram_v3",
    "IdeogramV3Output": "fal_ideogram_v3",
    "IdeogramV3EditInput": "fal_ideogram_v3_edit",
    "IdeogramV3EditOutput": "fal_ideogram_v3_edit",
    "IdeogramV3ReframeInput": "fal_ideogram_v3_reframe",
    "IdeogramV3ReframeOutput": "fal_ideogram_v3_reframe",
    "IdeogramV3RemixInput": "fal_ideogram_v3_remix",
    "IdeogramV3RemixOutput": "fal_ideogram_v3_remix",
    "IdeogramV3ReplaceBackgroundInput": "fal_ideogram_v3_replace_background",
    "IdeogramV3ReplaceBackgroundOutput": "fal_ideogram_v3_replace_background",
    "MagnificIdeogramImageEditInput": "magnific_ideogram_image_edit",
    "MagnificIdeogramImageEditOutput": "magnific_ideogram_image_edit",
    "ColorPalette": "types",
    "ColorPaletteMember": "types",
    "File": "types",
    "ImageSize": "types",
    "MagnificColorPalette": "types",
    "MagnificColorPaletteMember": "types",
    "RGBColor": "types",
}


if not TYPE_CHECKING:  # type checkers see the names imported above, and flag a typo

    def __getattr__(name: str) -> object:
        module = _MODULES.get(name)
        if module is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        value = getattr(import_module(f"{__name__}.{module}"), name)
        globals()[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted({*globals(), *__all__})
