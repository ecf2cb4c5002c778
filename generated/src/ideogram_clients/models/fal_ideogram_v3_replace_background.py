# Generated from 'specs/fal/ideogram-v3-replace-background.yaml' by `python -m generator generate`. Do not edit.
"""Models of fal-ai/ideogram/v3/replace-background."""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import Field

from ideogram_clients._files import ImageField, ImageInput, ImageList
from ideogram_clients._models import DOCUMENTED, InputModel, OutputModel
from ideogram_clients._rules import MutuallyExclusive, Rule
from ideogram_clients.models.types import ColorPalette, File

__all__ = [
    "IdeogramV3ReplaceBackgroundInput",
    "IdeogramV3ReplaceBackgroundOutput",
]


class IdeogramV3ReplaceBackgroundInput(InputModel):
    "Input of ``fal-ai/ideogram/v3/replace-background``: Replace the background of an image from a text prompt with Ideogram V3.\n\nGenerated from specs/fal/ideogram-v3-replace-background.yaml."

    model_config = DOCUMENTED

    image_urls: (
        Annotated[
            list[
                Annotated[
                    ImageInput,
                    ImageField(encoding="data_uri", formats=("jpeg", "png", "webp"), schemes=("http", "https")),
                ]
            ],
            ImageList(total_max_bytes=10485760),
        ]
        | None
    ) = None
    "A set of images to use as style references (maximum total size 10MB across all style references). The images should be in JPEG, PNG or WebP format. An image: an http(s) URL, a data: URI, bytes or a pathlib.Path. Formats: JPEG, PNG, WebP. At most 10 MB (10485760 bytes) in total across the list. None is accepted and means unset (not sent)."

    rendering_speed: Literal["TURBO", "BALANCED", "QUALITY"] = "BALANCED"
    "The rendering speed to use. One of: TURBO, BALANCED, QUALITY. Provider default: 'BALANCED' (not sent unless set)."

    color_palette: ColorPalette | None = None
    "A color palette for generation, must EITHER be specified via one of the presets (name) or explicitly via hexadecimal representations of the color with optional weights (members). None is accepted and means unset (not sent)."

    style_codes: Annotated[list[Annotated[str, Field(pattern="^[0-9a-fA-F]{8}\\Z")]], Field(min_length=1)] | None = None
    "A list of 8 character hexadecimal codes representing the style of the image. Cannot be used in conjunction with style references (image_urls) or style. Items: 1 to any. Each item matches ^[0-9a-fA-F]{8}$. None is accepted and means unset (not sent)."

    style: Literal["AUTO", "GENERAL", "REALISTIC", "DESIGN"] | None = "AUTO"
    "The style type to generate with. Cannot be used with style_codes. One of: AUTO, GENERAL, REALISTIC, DESIGN. None is accepted and means unset (not sent). Provider default: 'AUTO' (not sent unless set)."

    expand_prompt: bool = True
    "Determine if MagicPrompt should be used in generating the request or not. Provider default: True (not sent unless set)."

    num_images: Annotated[int, Field(ge=1, le=8)] = 1
    "Number of images to generate. Range: 1 to 8. Provider default: 1 (not sent unless set)."

    seed: Annotated[int, Field(ge=0, le=2147483647)] | None = None
    "Seed for the random number generator. Range: 0 to 2147483647. None is accepted and means unset (not sent)."

    sync_mode: bool = False
    "If True, the media will be returned as a data URI and the output data won't be available in the request history. Provider default: False (not sent unless set)."

    style_preset: (
        Literal[
            "80S_ILLUSTRATION",
            "90S_NOSTALGIA",
            "ABSTRACT_ORGANIC",
            "ANALOG_NOSTALGIA",
            "ART_BRUT",
            "ART_DECO",
            "ART_POSTER",
            "AURA",
            "AVANT_GARDE",
            "BAUHAUS",
            "BLUEPRINT",
            "BLURRY_MOTION",
            "BRIGHT_ART",
            "C4D_CARTOON",
            "CHILDRENS_BOOK",
            "COLLAGE",
            "COLORING_BOOK_I",
            "COLORING_BOOK_II",
            "CUBISM",
            "DARK_AURA",
            "DOODLE",
            "DOUBLE_EXPOSURE",
            "DRAMATIC_CINEMA",
            "EDITORIAL",
            "EMOTIONAL_MINIMAL",
            "ETHEREAL_PARTY",
            "EXPIRED_FILM",
            "FLAT_ART",
            "FLAT_VECTOR",
            "FOREST_REVERIE",
            "GEO_MINIMALIST",
            "GLASS_PRISM",
            "GOLDEN_HOUR",
            "GRAFFITI_I",
            "GRAFFITI_II",
            "HALFTONE_PRINT",
            "HIGH_CONTRAST",
            "HIPPIE_ERA",
            "ICONIC",
            "JAPANDI_FUSION",
            "JAZZY",
            "LONG_EXPOSURE",
            "MAGAZINE_EDITORIAL",
            "MINIMAL_ILLUSTRATION",
            "MIXED_MEDIA",
            "MONOCHROME",
            "NIGHTLIFE",
            "OIL_PAINTING",
            "OLD_CARTOONS",
            "PAINT_GESTURE",
            "POP_ART",
            "RETRO_ETCHING",
            "RIVIERA_POP",
            "SPOTLIGHT_80S",
            "STYLIZED_RED",
            "SURREAL_COLLAGE",
            "TRAVEL_POSTER",
            "VINTAGE_GEO",
            "VINTAGE_POSTER",
            "WATERCOLOR",
            "WEIRD",
            "WOODBLOCK_PRINT",
        ]
        | None
    ) = None
    "Style preset for generation. The chosen style preset will guide the generation. One of: 80S_ILLUSTRATION, 90S_NOSTALGIA, ABSTRACT_ORGANIC, ANALOG_NOSTALGIA, ART_BRUT, ART_DECO, ART_POSTER, AURA, AVANT_GARDE, BAUHAUS, BLUEPRINT, BLURRY_MOTION, BRIGHT_ART, C4D_CARTOON, CHILDRENS_BOOK, COLLAGE, COLORING_BOOK_I, COLORING_BOOK_II, CUBISM, DARK_AURA, DOODLE, DOUBLE_EXPOSURE, DRAMATIC_CINEMA, EDITORIAL, EMOTIONAL_MINIMAL, ETHEREAL_PARTY, EXPIRED_FILM, FLAT_ART, FLAT_VECTOR, FOREST_REVERIE, GEO_MINIMALIST, GLASS_PRISM, GOLDEN_HOUR, GRAFFITI_I, GRAFFITI_II, HALFTONE_PRINT, HIGH_CONTRAST, HIPPIE_ERA, ICONIC, JAPANDI_FUSION, JAZZY, LONG_EXPOSURE, MAGAZINE_EDITORIAL, MINIMAL_ILLUSTRATION, MIXED_MEDIA, MONOCHROME, NIGHTLIFE, OIL_PAINTING, OLD_CARTOONS, PAINT_GESTURE, POP_ART, RETRO_ETCHING, RIVIERA_POP, SPOTLIGHT_80S, STYLIZED_RED, SURREAL_COLLAGE, TRAVEL_POSTER, VINTAGE_GEO, VINTAGE_POSTER, WATERCOLOR, WEIRD, WOODBLOCK_PRINT. None is accepted and means unset (not sent)."

    prompt: str
    "The prompt describing the new background. Required."

    image_url: Annotated[
        ImageInput, ImageField(encoding="data_uri", formats=("jpeg", "png", "webp"), schemes=("http", "https"))
    ]
    "The image URL whose background needs to be replaced. An image: an http(s) URL, a data: URI, bytes or a pathlib.Path. Formats: JPEG, PNG, WebP. Required."

    __rules__: ClassVar[tuple[Rule, ...]] = (
        MutuallyExclusive(("style_codes", "style"), doc="Cannot be used with style_codes."),
        MutuallyExclusive(
            ("style_codes", "image_urls"), doc="Cannot be used in conjunction with style_reference_images or style"
        ),
    )


class IdeogramV3ReplaceBackgroundOutput(OutputModel):
    "Output of ``fal-ai/ideogram/v3/replace-background``.\n\nGenerated from specs/fal/ideogram-v3-replace-background.yaml."

    model_config = DOCUMENTED

    images: list[File]
    "The images with the background replaced. Required."

    seed: int
    "Seed used for the random number generator. Required."
