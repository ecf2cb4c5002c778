# Generated from 'specs/fal/ideogram-v2-edit.yaml' by `python -m generator generate`. Do not edit.
"""Typed methods for ``fal-ai/ideogram/v2/edit``: keyword arguments are the documented fields."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

from typing_extensions import Unpack

from ideogram_clients._fal import AnyStatus, AsyncQueueHandle, FalOptions, QueueHandle
from ideogram_clients._files import ImageInput
from ideogram_clients._omit import Omit, given, omit
from ideogram_clients._resources import AsyncFalResource, FalResource
from ideogram_clients.models.fal_ideogram_v2_edit import IdeogramV2EditOutput

__all__ = ["IdeogramV2EditResource", "AsyncIdeogramV2EditResource"]


class IdeogramV2EditResource(FalResource[IdeogramV2EditOutput]):
    "Edit an image with Ideogram V2 inpainting (the masked region is regenerated from the prompt).\n\n``fal-ai/ideogram/v2/edit``, generated from specs/fal/ideogram-v2-edit.yaml."

    endpoint_id = "fal-ai/ideogram/v2/edit"

    def submit(
        self,
        *,
        prompt: str,
        image_url: ImageInput,
        mask_url: ImageInput,
        seed: int | None | Omit = omit,
        style: Literal["auto", "general", "realistic", "design", "render_3D", "anime"] | Omit = omit,
        expand_prompt: bool | Omit = omit,
        sync_mode: bool | Omit = omit,
        webhook_url: str | None = None,
        **options: Unpack[FalOptions],
    ) -> QueueHandle[IdeogramV2EditOutput]:
        "Validate the arguments and queue a job; returns its handle. Nothing is sent if invalid.\n\nArgs:\n    prompt: The prompt to fill the masked part of the image. Required.\n    image_url: The image URL to generate an image from. Needs to match the dimensions of the mask.\n        An image: an http(s) URL, a data: URI, bytes or a pathlib.Path. Formats: JPEG, PNG, WebP.\n        Required.\n    mask_url: The mask URL to inpaint the image. Needs to match the dimensions of the input image.\n        An image: an http(s) URL, a data: URI, bytes or a pathlib.Path. Formats: JPEG, PNG, WebP.\n        Required.\n    seed: Seed for the random number generator. Range: 0 to 2147483647. None is accepted and means\n        unset (not sent).\n    style: The style of the generated image. One of: auto, general, realistic, design, render_3D,\n        anime. Provider default: 'auto' (not sent unless set).\n    expand_prompt: Whether to expand the prompt with MagicPrompt functionality. Provider default:\n        True (not sent unless set).\n    sync_mode: If True, the media will be returned as a data URI and the output data won't be\n        available in the request history. Provider default: False (not sent unless set).\n"
        arguments = given(
            {
                "prompt": prompt,
                "image_url": image_url,
                "mask_url": mask_url,
                "seed": seed,
                "style": style,
                "expand_prompt": expand_prompt,
                "sync_mode": sync_mode,
            }
        )
        return self._client.submit(self.endpoint, arguments, webhook_url=webhook_url, **options)

    def subscribe(
        self,
        *,
        prompt: str,
        image_url: ImageInput,
        mask_url: ImageInput,
        seed: int | None | Omit = omit,
        style: Literal["auto", "general", "realistic", "design", "render_3D", "anime"] | Omit = omit,
        expand_prompt: bool | Omit = omit,
        sync_mode: bool | Omit = omit,
        on_update: Callable[[AnyStatus], object] | None = None,
        timeout: float | None = None,
        logs: bool = False,
        webhook_url: str | None = None,
        **options: Unpack[FalOptions],
    ) -> IdeogramV2EditOutput:
        "Queue a job, follow its status stream and return the typed output.\n\nArgs:\n    prompt: The prompt to fill the masked part of the image. Required.\n    image_url: The image URL to generate an image from. Needs to match the dimensions of the mask.\n        An image: an http(s) URL, a data: URI, bytes or a pathlib.Path. Formats: JPEG, PNG, WebP.\n        Required.\n    mask_url: The mask URL to inpaint the image. Needs to match the dimensions of the input image.\n        An image: an http(s) URL, a data: URI, bytes or a pathlib.Path. Formats: JPEG, PNG, WebP.\n        Required.\n    seed: Seed for the random number generator. Range: 0 to 2147483647. None is accepted and means\n        unset (not sent).\n    style: The style of the generated image. One of: auto, general, realistic, design, render_3D,\n        anime. Provider default: 'auto' (not sent unless set).\n    expand_prompt: Whether to expand the prompt with MagicPrompt functionality. Provider default:\n        True (not sent unless set).\n    sync_mode: If True, the media will be returned as a data URI and the output data won't be\n        available in the request history. Provider default: False (not sent unless set).\n"
        arguments = given(
            {
                "prompt": prompt,
                "image_url": image_url,
                "mask_url": mask_url,
                "seed": seed,
                "style": style,
                "expand_prompt": expand_prompt,
                "sync_mode": sync_mode,
            }
        )
        output: IdeogramV2EditOutput = self._client.subscribe(
            self.endpoint,
            arguments,
            on_update=on_update,
            timeout=timeout,
            logs=logs,
            webhook_url=webhook_url,
            **options,
        )
        return output

    def run(
        self,
        *,
        prompt: str,
        image_url: ImageInput,
        mask_url: ImageInput,
        seed: int | None | Omit = omit,
        style: Literal["auto", "general", "realistic", "design", "render_3D", "anime"] | Omit = omit,
        expand_prompt: bool | Omit = omit,
        sync_mode: bool | Omit = omit,
        **options: Unpack[FalOptions],
    ) -> IdeogramV2EditOutput:
        "Call the sync host and return the typed output (no queue, one connection).\n\nArgs:\n    prompt: The prompt to fill the masked part of the image. Required.\n    image_url: The image URL to generate an image from. Needs to match the dimensions of the mask.\n        An image: an http(s) URL, a data: URI, bytes or a pathlib.Path. Formats: JPEG, PNG, WebP.\n        Required.\n    mask_url: The mask URL to inpaint the image. Needs to match the dimensions of the input image.\n        An image: an http(s) URL, a data: URI, bytes or a pathlib.Path. Formats: JPEG, PNG, WebP.\n        Required.\n    seed: Seed for the random number generator. Range: 0 to 2147483647. None is accepted and means\n        unset (not sent).\n    style: The style of the generated image. One of: auto, general, realistic, design, render_3D,\n        anime. Provider default: 'auto' (not sent unless set).\n    expand_prompt: Whether to expand the prompt with MagicPrompt functionality. Provider default:\n        True (not sent unless set).\n    sync_mode: If True, the media will be returned as a data URI and the output data won't be\n        available in the request history. Provider default: False (not sent unless set).\n"
        arguments = given(
            {
                "prompt": prompt,
                "image_url": image_url,
                "mask_url": mask_url,
                "seed": seed,
                "style": style,
                "expand_prompt": expand_prompt,
                "sync_mode": sync_mode,
            }
        )
        output: IdeogramV2EditOutput = self._client.run(self.endpoint, arguments, **options)
        return output


class AsyncIdeogramV2EditResource(AsyncFalResource[IdeogramV2EditOutput]):
    "Edit an image with Ideogram V2 inpainting (the masked region is regenerated from the prompt).\n\n``fal-ai/ideogram/v2/edit``, generated from specs/fal/ideogram-v2-edit.yaml."

    endpoint_id = "fal-ai/ideogram/v2/edit"

    async def submit(
        self,
        *,
        prompt: str,
        image_url: ImageInput,
        mask_url: ImageInput,
        seed: int | None | Omit = omit,
        style: Literal["auto", "general", "realistic", "design", "render_3D", "anime"] | Omit = omit,
        expand_prompt: bool | Omit = omit,
        sync_mode: bool | Omit = omit,
        webhook_url: str | None = None,
        **options: Unpack[FalOptions],
    ) -> AsyncQueueHandle[IdeogramV2EditOutput]:
        "Validate the arguments and queue a job; returns its handle. Nothing is sent if invalid.\n\nArgs:\n    prompt: The prompt to fill the masked part of the image. Required.\n    image_url: The image URL to generate an image from. Needs to match the dimensions of the mask.\n        An image: an http(s) URL, a data: URI, bytes or a pathlib.Path. Formats: JPEG, PNG, WebP.\n        Required.\n    mask_url: The mask URL to inpaint the image. Needs to match the dimensions of the input image.\n        An image: an http(s) URL, a data: URI, bytes or a pathlib.Path. Formats: JPEG, PNG, WebP.\n        Required.\n    seed: Seed for the random number generator. Range: 0 to 2147483647. None is accepted and means\n        unset (not sent).\n    style: The style of the generated image. One of: auto, general, realistic, design, render_3D,\n        anime. Provider default: 'auto' (not sent unless set).\n    expand_prompt: Whether to expand the prompt with MagicPrompt functionality. Provider default:\n        True (not sent unless set).\n    sync_mode: If True, the media will be returned as a data URI and the output data won't be\n        available in the request history. Provider default: False (not sent unless set).\n"
        arguments = given(
            {
                "prompt": prompt,
                "image_url": image_url,
                "mask_url": mask_url,
                "seed": seed,
                "style": style,
                "expand_prompt": expand_prompt,
                "sync_mode": sync_mode,
            }
        )
        return await self._client.submit(self.endpoint, arguments, webhook_url=webhook_url, **options)

    async def subscribe(
        self,
        *,
        prompt: str,
        image_url: ImageInput,
        mask_url: ImageInput,
        seed: int | None | Omit = omit,
        style: Literal["auto", "general", "realistic", "design", "render_3D", "anime"] | Omit = omit,
        expand_prompt: bool | Omit = omit,
        sync_mode: bool | Omit = omit,
        on_update: Callable[[AnyStatus], object] | None = None,
        timeout: float | None = None,
        logs: bool = False,
        webhook_url: str | None = None,
        **options: Unpack[FalOptions],
    ) -> IdeogramV2EditOutput:
        "Queue a job, follow its status stream and return the typed output.\n\nArgs:\n    prompt: The prompt to fill the masked part of the image. Required.\n    image_url: The image URL to generate an image from. Needs to match the dimensions of the mask.\n        An image: an http(s) URL, a data: URI, bytes or a pathlib.Path. Formats: JPEG, PNG, WebP.\n        Required.\n    mask_url: The mask URL to inpaint the image. Needs to match the dimensions of the input image.\n        An image: an http(s) URL, a data: URI, bytes or a pathlib.Path. Formats: JPEG, PNG, WebP.\n        Required.\n    seed: Seed for the random number generator. Range: 0 to 2147483647. None is accepted and means\n        unset (not sent).\n    style: The style of the generated image. One of: auto, general, realistic, design, render_3D,\n        anime. Provider default: 'auto' (not sent unless set).\n    expand_prompt: Whether to expand the prompt with MagicPrompt functionality. Provider default:\n        True (not sent unless set).\n    sync_mode: If True, the media will be returned as a data URI and the output data won't be\n        available in the request history. Provider default: False (not sent unless set).\n"
        arguments = given(
            {
                "prompt": prompt,
                "image_url": image_url,
                "mask_url": mask_url,
                "seed": seed,
                "style": style,
                "expand_prompt": expand_prompt,
                "sync_mode": sync_mode,
            }
        )
        output: IdeogramV2EditOutput = await self._client.subscribe(
            self.endpoint,
            arguments,
            on_update=on_update,
            timeout=timeout,
            logs=logs,
            webhook_url=webhook_url,
            **options,
        )
        return output

    async def run(
        self,
        *,
        prompt: str,
        image_url: ImageInput,
        mask_url: ImageInput,
        seed: int | None | Omit = omit,
        style: Literal["auto", "general", "realistic", "design", "render_3D", "anime"] | Omit = omit,
        expand_prompt: bool | Omit = omit,
        sync_mode: bool | Omit = omit,
        **options: Unpack[FalOptions],
    ) -> IdeogramV2EditOutput:
        "Call the sync host and return the typed output (no queue, one connection).\n\nArgs:\n    prompt: The prompt to fill the masked part of the image. Required.\n    image_url: The image URL to generate an image from. Needs to match the dimensions of the mask.\n        An image: an http(s) URL, a data: URI, bytes or a pathlib.Path. Formats: JPEG, PNG, WebP.\n        Required.\n    mask_url: The mask URL to inpaint the image. Needs to match the dimensions of the input image.\n        An image: an http(s) URL, a data: URI, bytes or a pathlib.Path. Formats: JPEG, PNG, WebP.\n        Required.\n    seed: Seed for the random number generator. Range: 0 to 2147483647. None is accepted and means\n        unset (not sent).\n    style: The style of the generated image. One of: auto, general, realistic, design, render_3D,\n        anime. Provider default: 'auto' (not sent unless set).\n    expand_prompt: Whether to expand the prompt with MagicPrompt functionality. Provider default:\n        True (not sent unless set).\n    sync_mode: If True, the media will be returned as a data URI and the output data won't be\n        available in the request history. Provider default: False (not sent unless set).\n"
        arguments = given(
            {
                "prompt": prompt,
                "image_url": image_url,
                "mask_url": mask_url,
                "seed": seed,
                "style": style,
                "expand_prompt": expand_prompt,
                "sync_mode": sync_mode,
            }
        )
        output: IdeogramV2EditOutput = await self._client.run(self.endpoint, arguments, **options)
        return output
