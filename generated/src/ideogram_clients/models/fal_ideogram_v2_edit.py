# Generated from 'specs/fal/ideogram-v2-edit.yaml' by `python -m generator generate`. Do not edit.
"""Models of fal-ai/ideogram/v2/edit."""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import Field

from ideogram_clients._files import ImageField, ImageInput
from ideogram_clients._models import DOCUMENTED, InputModel, OutputModel
from ideogram_clients._rules import Rule, SameDimensions
from ideogram_clients.models.types import File

__all__ = [
    "IdeogramV2EditInput",
    "IdeogramV2EditOutput",
]


class IdeogramV2EditInput(InputModel):
    "Input of ``fal-ai/ideogram/v2/edit``: Edit an image with Ideogram V2 inpainting (the masked region is regenerated from the prompt).\n\nGenerated from specs/fal/ideogram-v2-edit.yaml."

    model_config = DOCUMENTED

    prompt: str
    "The prompt to fill the masked part of the image. Required."

    image_url: Annotated[
        ImageInput, ImageField(encoding="data_uri", formats=("jpeg", "png", "webp"), schemes=("http", "https"))
    ]
    "The image URL to generate an image from. Needs to match the dimensions of the mask. An image: an http(s) URL, a data: URI, bytes or a pathlib.Path. Formats: JPEG, PNG, WebP. Required."

    mask_url: Annotated[
        ImageInput, ImageField(encoding="data_uri", formats=("jpeg", "png", "webp"), schemes=("http", "https"))
    ]
    "The mask URL to inpaint the image. Needs to match the dimensions of the input image. An image: an http(s) URL, a data: URI, bytes or a pathlib.Path. Formats: JPEG, PNG, WebP. Required."

    seed: Annotated[int, Field(ge=0, le=2147483647)] | None = None
    "Seed for the random number generator. Range: 0 to 2147483647. None is accepted and means unset (not sent)."

    style: Literal["auto", "general", "realistic", "design", "render_3D", "anime"] = "auto"
    "The style of the generated image. One of: auto, general, realistic, design, render_3D, anime. Provider default: 'auto' (not sent unless set)."

    expand_prompt: bool = True
    "Whether to expand the prompt with MagicPrompt functionality. Provider default: True (not sent unless set)."

    sync_mode: bool = False
    "If True, the media will be returned as a data URI and the output data won't be available in the request history. Provider default: False (not sent unless set)."

    __rules__: ClassVar[tuple[Rule, ...]] = (
        SameDimensions(("image_url", "mask_url"), doc="Needs to match the dimensions of the mask."),
    )


class IdeogramV2EditOutput(OutputModel):
    "Output of ``fal-ai/ideogram/v2/edit``.\n\nGenerated from specs/fal/ideogram-v2-edit.yaml."

    model_config = DOCUMENTED

    images: list[File]
    "The edited images. Required."

    seed: int
    "Seed used for the random number generator. Required."
