# Generated from 'specs/magnific/ideogram-image-edit.yaml' by `python -m generator generate`. Do not edit.
"""Typed methods for ``magnific/ideogram-image-edit``: keyword arguments are the documented fields."""

from __future__ import annotations

import builtins
from collections.abc import Callable
from typing import Any, Literal

from typing_extensions import Unpack

from ideogram_clients._files import ImageInput
from ideogram_clients._omit import Omit, given, omit
from ideogram_clients._resources import AsyncMagnificResource, MagnificResource
from ideogram_clients.models.magnific_ideogram_image_edit import MagnificIdeogramImageEditOutput
from ideogram_clients.models.types import MagnificColorPalette

__all__ = ["MagnificIdeogramImageEditResource", "AsyncMagnificIdeogramImageEditResource"]


class MagnificIdeogramImageEditResource(MagnificResource[MagnificIdeogramImageEditOutput]):
    "Edit an image with Ideogram inpainting through Magnific's task API (black mask regions are edited).\n\n``magnific/ideogram-image-edit``, generated from specs/magnific/ideogram-image-edit.yaml."

    endpoint_id = "magnific/ideogram-image-edit"

    def create(
        self,
        *,
        prompt: str,
        image: ImageInput,
        mask: ImageInput,
        seed: int | Omit = omit,
        rendering_speed: Literal["TURBO", "DEFAULT", "QUALITY"] | Omit = omit,
        magic_prompt: Literal["AUTO", "ON", "OFF"] | Omit = omit,
        color_palette: MagnificColorPalette | dict[str, Any] | Omit = omit,
        style_codes: list[str] | Omit = omit,
        style_type: Literal["AUTO", "GENERAL", "REALISTIC", "DESIGN"] | Omit = omit,
        style_reference_images: list[ImageInput] | Omit = omit,
        character_reference_images: list[ImageInput] | Omit = omit,
        webhook_url: str | Omit = omit,
    ) -> MagnificIdeogramImageEditOutput:
        "Validate the arguments and create a task; returns it (status CREATED). Nothing is sent if invalid.\n\nArgs:\n    prompt: The prompt describing the desired changes to the image. Required.\n    image: The image to be edited. Supports HTTPS URLs or Base64 encoded string. Supported formats\n        JPEG, WebP, PNG (max 10MB). An image: an https URL, a data: URI, bytes or a pathlib.Path.\n        Formats: JPEG, WebP, PNG. At most 10 MB (10485760 bytes). Required.\n    mask: A black and white image of the same size as the image being edited. Black regions indicate\n        where to edit the image. Supports HTTPS URLs or Base64 encoded string. Supported formats\n        JPEG, WebP, PNG (max 10MB). An image: an https URL, a data: URI, bytes or a pathlib.Path.\n        Formats: JPEG, WebP, PNG. At most 10 MB (10485760 bytes). Required.\n    seed: Optional seed for reproducibility. Range: 0 to 2147483647.\n    rendering_speed: The rendering speed for image generation (TURBO fastest, DEFAULT balanced,\n        QUALITY slower and higher quality). One of: TURBO, DEFAULT, QUALITY. Provider default:\n        'DEFAULT' (not sent unless set).\n    magic_prompt: Determine if MagicPrompt should be used to enhance the prompt (AUTO decides, ON\n        always, OFF never). One of: AUTO, ON, OFF.\n    color_palette: A color palette for generation. Specify either name (preset) or members (custom\n        colors), not both.\n    style_codes: A list of style codes to use for image generation. Cannot be combined with\n        style_type or style_reference_images. Items: 1 to any.\n    style_type: The type of style to use. Must be specified if character_reference_images is\n        provided. One of: AUTO, GENERAL, REALISTIC, DESIGN.\n    style_reference_images: Images to use as style references, as Base64 strings or URLs. Maximum\n        total size 10MB across all references. Supported formats JPEG, PNG, WebP. Items: 1 to any.\n        An image: an https URL, a data: URI, bytes or a pathlib.Path. Formats: JPEG, PNG, WebP. At\n        most 10 MB (10485760 bytes) in total across the list.\n    character_reference_images: Images to use as character references for consistency, as Base64\n        strings or URLs. Maximum total size 10MB across all references. Supported formats JPEG, PNG,\n        WebP. Items: 1 to any. An image: an https URL, a data: URI, bytes or a pathlib.Path.\n        Formats: JPEG, PNG, WebP. At most 10 MB (10485760 bytes) in total across the list.\n    webhook_url: Optional callback URL that will receive asynchronous notifications whenever the\n        task changes status. An absolute http(s) URL.\n"
        arguments = given(
            {
                "prompt": prompt,
                "image": image,
                "mask": mask,
                "seed": seed,
                "rendering_speed": rendering_speed,
                "magic_prompt": magic_prompt,
                "color_palette": color_palette,
                "style_codes": style_codes,
                "style_type": style_type,
                "style_reference_images": style_reference_images,
                "character_reference_images": character_reference_images,
                "webhook_url": webhook_url,
            }
        )
        task: MagnificIdeogramImageEditOutput = self._client.create(self.endpoint, arguments)
        return task

    def get(self, task_id: str) -> MagnificIdeogramImageEditOutput:
        """The task's current state."""
        task: MagnificIdeogramImageEditOutput = self._client.get(self.endpoint, task_id)
        return task

    def run(
        self,
        *,
        prompt: str,
        image: ImageInput,
        mask: ImageInput,
        seed: int | Omit = omit,
        rendering_speed: Literal["TURBO", "DEFAULT", "QUALITY"] | Omit = omit,
        magic_prompt: Literal["AUTO", "ON", "OFF"] | Omit = omit,
        color_palette: MagnificColorPalette | dict[str, Any] | Omit = omit,
        style_codes: list[str] | Omit = omit,
        style_type: Literal["AUTO", "GENERAL", "REALISTIC", "DESIGN"] | Omit = omit,
        style_reference_images: list[ImageInput] | Omit = omit,
        character_reference_images: list[ImageInput] | Omit = omit,
        webhook_url: str | Omit = omit,
        timeout: float | None = None,
        on_update: Callable[[MagnificIdeogramImageEditOutput], object] | None = None,
    ) -> MagnificIdeogramImageEditOutput:
        "Create a task and poll it with backoff until COMPLETED (returned) or FAILED (raises JobFailedError).\n\nArgs:\n    prompt: The prompt describing the desired changes to the image. Required.\n    image: The image to be edited. Supports HTTPS URLs or Base64 encoded string. Supported formats\n        JPEG, WebP, PNG (max 10MB). An image: an https URL, a data: URI, bytes or a pathlib.Path.\n        Formats: JPEG, WebP, PNG. At most 10 MB (10485760 bytes). Required.\n    mask: A black and white image of the same size as the image being edited. Black regions indicate\n        where to edit the image. Supports HTTPS URLs or Base64 encoded string. Supported formats\n        JPEG, WebP, PNG (max 10MB). An image: an https URL, a data: URI, bytes or a pathlib.Path.\n        Formats: JPEG, WebP, PNG. At most 10 MB (10485760 bytes). Required.\n    seed: Optional seed for reproducibility. Range: 0 to 2147483647.\n    rendering_speed: The rendering speed for image generation (TURBO fastest, DEFAULT balanced,\n        QUALITY slower and higher quality). One of: TURBO, DEFAULT, QUALITY. Provider default:\n        'DEFAULT' (not sent unless set).\n    magic_prompt: Determine if MagicPrompt should be used to enhance the prompt (AUTO decides, ON\n        always, OFF never). One of: AUTO, ON, OFF.\n    color_palette: A color palette for generation. Specify either name (preset) or members (custom\n        colors), not both.\n    style_codes: A list of style codes to use for image generation. Cannot be combined with\n        style_type or style_reference_images. Items: 1 to any.\n    style_type: The type of style to use. Must be specified if character_reference_images is\n        provided. One of: AUTO, GENERAL, REALISTIC, DESIGN.\n    style_reference_images: Images to use as style references, as Base64 strings or URLs. Maximum\n        total size 10MB across all references. Supported formats JPEG, PNG, WebP. Items: 1 to any.\n        An image: an https URL, a data: URI, bytes or a pathlib.Path. Formats: JPEG, PNG, WebP. At\n        most 10 MB (10485760 bytes) in total across the list.\n    character_reference_images: Images to use as character references for consistency, as Base64\n        strings or URLs. Maximum total size 10MB across all references. Supported formats JPEG, PNG,\n        WebP. Items: 1 to any. An image: an https URL, a data: URI, bytes or a pathlib.Path.\n        Formats: JPEG, PNG, WebP. At most 10 MB (10485760 bytes) in total across the list.\n    webhook_url: Optional callback URL that will receive asynchronous notifications whenever the\n        task changes status. An absolute http(s) URL.\n"
        arguments = given(
            {
                "prompt": prompt,
                "image": image,
                "mask": mask,
                "seed": seed,
                "rendering_speed": rendering_speed,
                "magic_prompt": magic_prompt,
                "color_palette": color_palette,
                "style_codes": style_codes,
                "style_type": style_type,
                "style_reference_images": style_reference_images,
                "character_reference_images": character_reference_images,
                "webhook_url": webhook_url,
            }
        )
        task: MagnificIdeogramImageEditOutput = self._client.run(
            self.endpoint, arguments, timeout=timeout, on_update=on_update
        )
        return task

    def wait(
        self,
        task: MagnificIdeogramImageEditOutput | str,
        *,
        timeout: float | None = None,
        on_update: Callable[[MagnificIdeogramImageEditOutput], object] | None = None,
    ) -> MagnificIdeogramImageEditOutput:
        """Poll a task (or a task id) until it is COMPLETED or FAILED."""
        done: MagnificIdeogramImageEditOutput = self._client.wait(
            self.endpoint, task, timeout=timeout, on_update=on_update
        )
        return done

    def list(self) -> builtins.list[MagnificIdeogramImageEditOutput]:
        """The tasks of this endpoint (defined last: the name shadows the builtin in the class body)."""
        tasks: builtins.list[MagnificIdeogramImageEditOutput] = self._client.list(self.endpoint)
        return tasks


class AsyncMagnificIdeogramImageEditResource(AsyncMagnificResource[MagnificIdeogramImageEditOutput]):
    "Edit an image with Ideogram inpainting through Magnific's task API (black mask regions are edited).\n\n``magnific/ideogram-image-edit``, generated from specs/magnific/ideogram-image-edit.yaml."

    endpoint_id = "magnific/ideogram-image-edit"

    async def create(
        self,
        *,
        prompt: str,
        image: ImageInput,
        mask: ImageInput,
        seed: int | Omit = omit,
        rendering_speed: Literal["TURBO", "DEFAULT", "QUALITY"] | Omit = omit,
        magic_prompt: Literal["AUTO", "ON", "OFF"] | Omit = omit,
        color_palette: MagnificColorPalette | dict[str, Any] | Omit = omit,
        style_codes: list[str] | Omit = omit,
        style_type: Literal["AUTO", "GENERAL", "REALISTIC", "DESIGN"] | Omit = omit,
        style_reference_images: list[ImageInput] | Omit = omit,
        character_reference_images: list[ImageInput] | Omit = omit,
        webhook_url: str | Omit = omit,
    ) -> MagnificIdeogramImageEditOutput:
        "Validate the arguments and create a task; returns it (status CREATED). Nothing is sent if invalid.\n\nArgs:\n    prompt: The prompt describing the desired changes to the image. Required.\n    image: The image to be edited. Supports HTTPS URLs or Base64 encoded string. Supported formats\n        JPEG, WebP, PNG (max 10MB). An image: an https URL, a data: URI, bytes or a pathlib.Path.\n        Formats: JPEG, WebP, PNG. At most 10 MB (10485760 bytes). Required.\n    mask: A black and white image of the same size as the image being edited. Black regions indicate\n        where to edit the image. Supports HTTPS URLs or Base64 encoded string. Supported formats\n        JPEG, WebP, PNG (max 10MB). An image: an https URL, a data: URI, bytes or a pathlib.Path.\n        Formats: JPEG, WebP, PNG. At most 10 MB (10485760 bytes). Required.\n    seed: Optional seed for reproducibility. Range: 0 to 2147483647.\n    rendering_speed: The rendering speed for image generation (TURBO fastest, DEFAULT balanced,\n        QUALITY slower and higher quality). One of: TURBO, DEFAULT, QUALITY. Provider default:\n        'DEFAULT' (not sent unless set).\n    magic_prompt: Determine if MagicPrompt should be used to enhance the prompt (AUTO decides, ON\n        always, OFF never). One of: AUTO, ON, OFF.\n    color_palette: A color palette for generation. Specify either name (preset) or members (custom\n        colors), not both.\n    style_codes: A list of style codes to use for image generation. Cannot be combined with\n        style_type or style_reference_images. Items: 1 to any.\n    style_type: The type of style to use. Must be specified if character_reference_images is\n        provided. One of: AUTO, GENERAL, REALISTIC, DESIGN.\n    style_reference_images: Images to use as style references, as Base64 strings or URLs. Maximum\n        total size 10MB across all references. Supported formats JPEG, PNG, WebP. Items: 1 to any.\n        An image: an https URL, a data: URI, bytes or a pathlib.Path. Formats: JPEG, PNG, WebP. At\n        most 10 MB (10485760 bytes) in total across the list.\n    character_reference_images: Images to use as character references for consistency, as Base64\n        strings or URLs. Maximum total size 10MB across all references. Supported formats JPEG, PNG,\n        WebP. Items: 1 to any. An image: an https URL, a data: URI, bytes or a pathlib.Path.\n        Formats: JPEG, PNG, WebP. At most 10 MB (10485760 bytes) in total across the list.\n    webhook_url: Optional callback URL that will receive asynchronous notifications whenever the\n        task changes status. An absolute http(s) URL.\n"
        arguments = given(
            {
                "prompt": prompt,
                "image": image,
                "mask": mask,
                "seed": seed,
                "rendering_speed": rendering_speed,
                "magic_prompt": magic_prompt,
                "color_palette": color_palette,
                "style_codes": style_codes,
                "style_type": style_type,
                "style_reference_images": style_reference_images,
                "character_reference_images": character_reference_images,
                "webhook_url": webhook_url,
            }
        )
        task: MagnificIdeogramImageEditOutput = await self._client.create(self.endpoint, arguments)
        return task

    async def get(self, task_id: str) -> MagnificIdeogramImageEditOutput:
        """The task's current state."""
        task: MagnificIdeogramImageEditOutput = await self._client.get(self.endpoint, task_id)
        return task

    async def run(
        self,
        *,
        prompt: str,
        image: ImageInput,
        mask: ImageInput,
        seed: int | Omit = omit,
        rendering_speed: Literal["TURBO", "DEFAULT", "QUALITY"] | Omit = omit,
        magic_prompt: Literal["AUTO", "ON", "OFF"] | Omit = omit,
        color_palette: MagnificColorPalette | dict[str, Any] | Omit = omit,
        style_codes: list[str] | Omit = omit,
        style_type: Literal["AUTO", "GENERAL", "REALISTIC", "DESIGN"] | Omit = omit,
        style_reference_images: list[ImageInput] | Omit = omit,
        character_reference_images: list[ImageInput] | Omit = omit,
        webhook_url: str | Omit = omit,
        timeout: float | None = None,
        on_update: Callable[[MagnificIdeogramImageEditOutput], object] | None = None,
    ) -> MagnificIdeogramImageEditOutput:
        "Create a task and poll it with backoff until COMPLETED (returned) or FAILED (raises JobFailedError).\n\nArgs:\n    prompt: The prompt describing the desired changes to the image. Required.\n    image: The image to be edited. Supports HTTPS URLs or Base64 encoded string. Supported formats\n        JPEG, WebP, PNG (max 10MB). An image: an https URL, a data: URI, bytes or a pathlib.Path.\n        Formats: JPEG, WebP, PNG. At most 10 MB (10485760 bytes). Required.\n    mask: A black and white image of the same size as the image being edited. Black regions indicate\n        where to edit the image. Supports HTTPS URLs or Base64 encoded string. Supported formats\n        JPEG, WebP, PNG (max 10MB). An image: an https URL, a data: URI, bytes or a pathlib.Path.\n        Formats: JPEG, WebP, PNG. At most 10 MB (10485760 bytes). Required.\n    seed: Optional seed for reproducibility. Range: 0 to 2147483647.\n    rendering_speed: The rendering speed for image generation (TURBO fastest, DEFAULT balanced,\n        QUALITY slower and higher quality). One of: TURBO, DEFAULT, QUALITY. Provider default:\n        'DEFAULT' (not sent unless set).\n    magic_prompt: Determine if MagicPrompt should be used to enhance the prompt (AUTO decides, ON\n        always, OFF never). One of: AUTO, ON, OFF.\n    color_palette: A color palette for generation. Specify either name (preset) or members (custom\n        colors), not both.\n    style_codes: A list of style codes to use for image generation. Cannot be combined with\n        style_type or style_reference_images. Items: 1 to any.\n    style_type: The type of style to use. Must be specified if character_reference_images is\n        provided. One of: AUTO, GENERAL, REALISTIC, DESIGN.\n    style_reference_images: Images to use as style references, as Base64 strings or URLs. Maximum\n        total size 10MB across all references. Supported formats JPEG, PNG, WebP. Items: 1 to any.\n        An image: an https URL, a data: URI, bytes or a pathlib.Path. Formats: JPEG, PNG, WebP. At\n        most 10 MB (10485760 bytes) in total across the list.\n    character_reference_images: Images to use as character references for consistency, as Base64\n        strings or URLs. Maximum total size 10MB across all references. Supported formats JPEG, PNG,\n        WebP. Items: 1 to any. An image: an https URL, a data: URI, bytes or a pathlib.Path.\n        Formats: JPEG, PNG, WebP. At most 10 MB (10485760 bytes) in total across the list.\n    webhook_url: Optional callback URL that will receive asynchronous notifications whenever the\n        task changes status. An absolute http(s) URL.\n"
        arguments = given(
            {
                "prompt": prompt,
                "image": image,
                "mask": mask,
                "seed": seed,
                "rendering_speed": rendering_speed,
                "magic_prompt": magic_prompt,
                "color_palette": color_palette,
                "style_codes": style_codes,
                "style_type": style_type,
                "style_reference_images": style_reference_images,
                "character_reference_images": character_reference_images,
                "webhook_url": webhook_url,
            }
        )
        task: MagnificIdeogramImageEditOutput = await self._client.run(
            self.endpoint, arguments, timeout=timeout, on_update=on_update
        )
        return task

    async def wait(
        self,
        task: MagnificIdeogramImageEditOutput | str,
        *,
        timeout: float | None = None,
        on_update: Callable[[MagnificIdeogramImageEditOutput], object] | None = None,
    ) -> MagnificIdeogramImageEditOutput:
        """Poll a task (or a task id) until it is COMPLETED or FAILED."""
        done: MagnificIdeogramImageEditOutput = await self._client.wait(
            self.endpoint, task, timeout=timeout, on_update=on_update
        )
        return done

    async def list(self) -> builtins.list[MagnificIdeogramImageEditOutput]:
        """The tasks of this endpoint (defined last: the name shadows the builtin in the class body)."""
        tasks: builtins.list[MagnificIdeogramImageEditOutput] = await self._client.list(self.endpoint)
        return tasks
