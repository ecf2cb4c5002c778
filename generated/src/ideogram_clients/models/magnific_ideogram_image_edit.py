# Generated from 'specs/magnific/ideogram-image-edit.yaml' by `python -m generator generate`. Do not edit.
"""Models of magnific/ideogram-image-edit."""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import Field

from ideogram_clients._files import ImageField, ImageInput, ImageList
from ideogram_clients._models import DOCUMENTED, HTTP_URL, NOT_NULL, InputModel, OutputModel, OutputURL
from ideogram_clients._rules import MutuallyExclusive, Requires, Rule, SameDimensions
from ideogram_clients.models.types import MagnificColorPalette

__all__ = [
    "MagnificIdeogramImageEditInput",
    "MagnificIdeogramImageEditOutput",
]


class MagnificIdeogramImageEditInput(InputModel):
    "Input of ``magnific/ideogram-image-edit``: Edit an image with Ideogram inpainting through Magnific's task API (black mask regions are edited).\n\nGenerated from specs/magnific/ideogram-image-edit.yaml."

    model_config = DOCUMENTED

    prompt: str
    "The prompt describing the desired changes to the image. Required."

    image: Annotated[
        ImageInput,
        ImageField(encoding="base64", formats=("jpeg", "webp", "png"), max_bytes=10485760, schemes=("https",)),
    ]
    "The image to be edited. Supports HTTPS URLs or Base64 encoded string. Supported formats JPEG, WebP, PNG (max 10MB). An image: an https URL, a data: URI, bytes or a pathlib.Path. Formats: JPEG, WebP, PNG. At most 10 MB (10485760 bytes). Required."

    mask: Annotated[
        ImageInput,
        ImageField(encoding="base64", formats=("jpeg", "webp", "png"), max_bytes=10485760, schemes=("https",)),
    ]
    "A black and white image of the same size as the image being edited. Black regions indicate where to edit the image. Supports HTTPS URLs or Base64 encoded string. Supported formats JPEG, WebP, PNG (max 10MB). An image: an https URL, a data: URI, bytes or a pathlib.Path. Formats: JPEG, WebP, PNG. At most 10 MB (10485760 bytes). Required."

    seed: Annotated[Annotated[int, Field(ge=0, le=2147483647)] | None, NOT_NULL] = None
    "Optional seed for reproducibility. Range: 0 to 2147483647."

    rendering_speed: Literal["TURBO", "DEFAULT", "QUALITY"] = "DEFAULT"
    "The rendering speed for image generation (TURBO fastest, DEFAULT balanced, QUALITY slower and higher quality). One of: TURBO, DEFAULT, QUALITY. Provider default: 'DEFAULT' (not sent unless set)."

    magic_prompt: Annotated[Literal["AUTO", "ON", "OFF"] | None, NOT_NULL] = None
    "Determine if MagicPrompt should be used to enhance the prompt (AUTO decides, ON always, OFF never). One of: AUTO, ON, OFF."

    color_palette: Annotated[MagnificColorPalette | None, NOT_NULL] = None
    "A color palette for generation. Specify either name (preset) or members (custom colors), not both."

    style_codes: Annotated[Annotated[list[str], Field(min_length=1)] | None, NOT_NULL] = None
    "A list of style codes to use for image generation. Cannot be combined with style_type or style_reference_images. Items: 1 to any."

    style_type: Annotated[Literal["AUTO", "GENERAL", "REALISTIC", "DESIGN"] | None, NOT_NULL] = None
    "The type of style to use. Must be specified if character_reference_images is provided. One of: AUTO, GENERAL, REALISTIC, DESIGN."

    style_reference_images: Annotated[
        Annotated[
            list[
                Annotated[
                    ImageInput, ImageField(encoding="base64", formats=("jpeg", "png", "webp"), schemes=("https",))
                ]
            ],
            ImageList(total_max_bytes=10485760),
            Field(min_length=1),
        ]
        | None,
        NOT_NULL,
    ] = None
    "Images to use as style references, as Base64 strings or URLs. Maximum total size 10MB across all references. Supported formats JPEG, PNG, WebP. Items: 1 to any. An image: an https URL, a data: URI, bytes or a pathlib.Path. Formats: JPEG, PNG, WebP. At most 10 MB (10485760 bytes) in total across the list."

    character_reference_images: Annotated[
        Annotated[
            list[
                Annotated[
                    ImageInput, ImageField(encoding="base64", formats=("jpeg", "png", "webp"), schemes=("https",))
                ]
            ],
            ImageList(total_max_bytes=10485760),
            Field(min_length=1),
        ]
        | None,
        NOT_NULL,
    ] = None
    "Images to use as character references for consistency, as Base64 strings or URLs. Maximum total size 10MB across all references. Supported formats JPEG, PNG, WebP. Items: 1 to any. An image: an https URL, a data: URI, bytes or a pathlib.Path. Formats: JPEG, PNG, WebP. At most 10 MB (10485760 bytes) in total across the list."

    webhook_url: Annotated[Annotated[str, HTTP_URL] | None, NOT_NULL] = None
    "Optional callback URL that will receive asynchronous notifications whenever the task changes status. An absolute http(s) URL."

    __rules__: ClassVar[tuple[Rule, ...]] = (
        SameDimensions(("image", "mask"), doc="A black and white image of the same size as the image being edited."),
        Requires(
            ("character_reference_images", "style_type"),
            doc="Must be specified if character_reference_images is provided.",
        ),
        MutuallyExclusive(
            ("style_codes", "style_reference_images"), doc="A list of style codes to use for image generation"
        ),
        MutuallyExclusive(("style_codes", "style_type"), doc="A list of style codes to use for image generation"),
    )


class MagnificIdeogramImageEditOutput(OutputModel):
    "Output of ``magnific/ideogram-image-edit``.\n\nGenerated from specs/magnific/ideogram-image-edit.yaml."

    model_config = DOCUMENTED

    task_id: str
    "The task's identifier (a UUID). Required."

    status: Literal["CREATED", "IN_PROGRESS", "COMPLETED", "FAILED"]
    "The task's status. One of: CREATED, IN_PROGRESS, COMPLETED, FAILED. Required."

    generated: list[OutputURL]
    "URLs of the generated images; empty until the task is COMPLETED. Required."
