# Generated from 'specs/fal/ideogram-character-remix.yaml' by `python -m generator generate`. Do not edit.
"""Typed methods for ``fal-ai/ideogram/character/remix``: keyword arguments are the documented fields."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

from typing_extensions import Unpack

from ideogram_clients._fal import AnyStatus, AsyncQueueHandle, FalOptions, QueueHandle
from ideogram_clients._files import ImageInput
from ideogram_clients._omit import Omit, given, omit
from ideogram_clients._resources import AsyncFalResource, FalResource
from ideogram_clients.models.fal_ideogram_character_remix import IdeogramCharacterRemixOutput
from ideogram_clients.models.types import ColorPalette, ImageSize

__all__ = ["IdeogramCharacterRemixResource", "AsyncIdeogramCharacterRemixResource"]


class IdeogramCharacterRemixResource(FalResource[IdeogramCharacterRemixOutput]):
    "Remix an input image with a text prompt while keeping a referenced character consistent, with Ideogram V3 Character.\n\n``fal-ai/ideogram/character/remix``, generated from specs/fal/ideogram-character-remix.yaml."

    endpoint_id = "fal-ai/ideogram/character/remix"

    def submit(
        self,
        *,
        prompt: str,
        image_url: ImageInput,
        reference_image_urls: list[ImageInput],
        image_urls: list[ImageInput] | None | Omit = omit,
        rendering_speed: Literal["TURBO", "BALANCED", "QUALITY"] | Omit = omit,
        color_palette: ColorPalette | dict[str, Any] | None | Omit = omit,
        style_codes: list[str] | None | Omit = omit,
        style: Literal["AUTO", "REALISTIC", "FICTION"] | Omit = omit,
        expand_prompt: bool | Omit = omit,
        num_images: int | Omit = omit,
        seed: int | None | Omit = omit,
        sync_mode: bool | Omit = omit,
        strength: float | Omit = omit,
        image_size: Literal["square_hd", "square", "portrait_4_3", "portrait_16_9", "landscape_4_3", "landscape_16_9"]
        | ImageSize
        | dict[str, Any]
        | None
        | Omit = omit,
        negative_prompt: str | Omit = omit,
        reference_mask_urls: list[ImageInput] | Omit = omit,
        webhook_url: str | None = None,
        **options: Unpack[FalOptions],
    ) -> QueueHandle[IdeogramCharacterRemixOutput]:
        "Validate the arguments and queue a job; returns its handle. Nothing is sent if invalid.\n\nArgs:\n    prompt: The prompt to remix the image with. Required.\n    image_url: The image URL to remix. An image: an http(s) URL, a data: URI, bytes or a\n        pathlib.Path. Formats: JPEG, PNG, WebP. Required.\n    reference_image_urls: A set of images to use as character references. Currently only 1 image is\n        supported, rest will be ignored. (maximum total size 10MB across all character references).\n        The images should be in JPEG, PNG or WebP format. Items: 1 to any. An image: an http(s) URL,\n        a data: URI, bytes or a pathlib.Path. Formats: JPEG, PNG, WebP. At most 10 MB (10485760\n        bytes) in total across the list. Only the first 1 item(s) are used; more are ignored by the\n        provider (a warning is issued). Required.\n    image_urls: A set of images to use as style references (maximum total size 10MB across all style\n        references). The images should be in JPEG, PNG or WebP format. An image: an http(s) URL, a\n        data: URI, bytes or a pathlib.Path. Formats: JPEG, PNG, WebP. At most 10 MB (10485760 bytes)\n        in total across the list. None is accepted and means unset (not sent).\n    rendering_speed: The rendering speed to use. One of: TURBO, BALANCED, QUALITY. Provider default:\n        'BALANCED' (not sent unless set).\n    color_palette: A color palette for generation, must EITHER be specified via one of the presets\n        (name) or explicitly via hexadecimal representations of the color with optional weights\n        (members). None is accepted and means unset (not sent).\n    style_codes: A list of 8 character hexadecimal codes representing the style of the image. Cannot\n        be used in conjunction with style references (image_urls) or style. Items: 1 to any. Each\n        item matches ^[0-9a-fA-F]{8}$. None is accepted and means unset (not sent).\n    style: The style type to generate with. Cannot be used with style_codes. One of: AUTO,\n        REALISTIC, FICTION. Provider default: 'AUTO' (not sent unless set).\n    expand_prompt: Determine if MagicPrompt should be used in generating the request or not.\n        Provider default: True (not sent unless set).\n    num_images: Number of images to generate. Range: 1 to 8. Provider default: 1 (not sent unless\n        set).\n    seed: Seed for the random number generator. Range: 0 to 2147483647. None is accepted and means\n        unset (not sent).\n    sync_mode: If True, the media will be returned as a data URI and the output data won't be\n        available in the request history. Provider default: False (not sent unless set).\n    strength: Strength of the input image in the remix. Range: 0.01 to 1. Provider default: 0.8 (not\n        sent unless set).\n    image_size: The resolution of the generated image, a preset name or a custom width and height.\n        One of: square_hd, square, portrait_4_3, portrait_16_9, landscape_4_3, landscape_16_9; or\n        ImageSize. None is accepted and means unset (not sent). Provider default: 'square_hd' (not\n        sent unless set).\n    negative_prompt: Description of what to exclude from an image. Descriptions in the prompt take\n        precedence to descriptions in the negative prompt. Provider default: '' (not sent unless\n        set).\n    reference_mask_urls: A set of masks to apply to the character references. Currently only 1 mask\n        is supported, rest will be ignored. (maximum total size 10MB across all character\n        references). The masks should be in JPEG, PNG or WebP format. An image: an http(s) URL, a\n        data: URI, bytes or a pathlib.Path. Formats: JPEG, PNG, WebP. At most 10 MB (10485760 bytes)\n        in total across the list. Only the first 1 item(s) are used; more are ignored by the\n        provider (a warning is issued).\n"
        arguments = given(
            {
                "prompt": prompt,
                "image_url": image_url,
                "reference_image_urls": reference_image_urls,
                "image_urls": image_urls,
                "rendering_speed": rendering_speed,
                "color_palette": color_palette,
                "style_codes": style_codes,
                "style": style,
                "expand_prompt": expand_prompt,
                "num_images": num_images,
                "seed": seed,
                "sync_mode": sync_mode,
                "strength": strength,
                "image_size": image_size,
                "negative_prompt": negative_prompt,
                "reference_mask_urls": reference_mask_urls,
            }
        )
        return self._client.submit(self.endpoint, arguments, webhook_url=webhook_url, **options)

    def subscribe(
        self,
        *,
        prompt: str,
        image_url: ImageInput,
        reference_image_urls: list[ImageInput],
        image_urls: list[ImageInput] | None | Omit = omit,
        rendering_speed: Literal["TURBO", "BALANCED", "QUALITY"] | Omit = omit,
        color_palette: ColorPalette | dict[str, Any] | None | Omit = omit,
        style_codes: list[str] | None | Omit = omit,
        style: Literal["AUTO", "REALISTIC", "FICTION"] | Omit = omit,
        expand_prompt: bool | Omit = omit,
        num_images: int | Omit = omit,
        seed: int | None | Omit = omit,
        sync_mode: bool | Omit = omit,
        strength: float | Omit = omit,
        image_size: Literal["square_hd", "square", "portrait_4_3", "portrait_16_9", "landscape_4_3", "landscape_16_9"]
        | ImageSize
        | dict[str, Any]
        | None
        | Omit = omit,
        negative_prompt: str | Omit = omit,
        reference_mask_urls: list[ImageInput] | Omit = omit,
        on_update: Callable[[AnyStatus], object] | None = None,
        timeout: float | None = None,
        logs: bool = False,
        webhook_url: str | None = None,
        **options: Unpack[FalOptions],
    ) -> IdeogramCharacterRemixOutput:
        "Queue a job, follow its status stream and return the typed output.\n\nArgs:\n    prompt: The prompt to remix the image with. Required.\n    image_url: The image URL to remix. An image: an http(s) URL, a data: URI, bytes or a\n        pathlib.Path. Formats: JPEG, PNG, WebP. Required.\n    reference_image_urls: A set of images to use as character references. Currently only 1 image is\n        supported, rest will be ignored. (maximum total size 10MB across all character references).\n        The images should be in JPEG, PNG or WebP format. Items: 1 to any. An image: an http(s) URL,\n        a data: URI, bytes or a pathlib.Path. Formats: JPEG, PNG, WebP. At most 10 MB (10485760\n        bytes) in total across the list. Only the first 1 item(s) are used; more are ignored by the\n        provider (a warning is issued). Required.\n    image_urls: A set of images to use as style references (maximum total size 10MB across all style\n        references). The images should be in JPEG, PNG or WebP format. An image: an http(s) URL, a\n        data: URI, bytes or a pathlib.Path. Formats: JPEG, PNG, WebP. At most 10 MB (10485760 bytes)\n        in total across the list. None is accepted and means unset (not sent).\n    rendering_speed: The rendering speed to use. One of: TURBO, BALANCED, QUALITY. Provider default:\n        'BALANCED' (not sent unless set).\n    color_palette: A color palette for generation, must EITHER be specified via one of the presets\n        (name) or explicitly via hexadecimal representations of the color with optional weights\n        (members). None is accepted and means unset (not sent).\n    style_codes: A list of 8 character hexadecimal codes representing the style of the image. Cannot\n        be used in conjunction with style references (image_urls) or style. Items: 1 to any. Each\n        item matches ^[0-9a-fA-F]{8}$. None is accepted and means unset (not sent).\n    style: The style type to generate with. Cannot be used with style_codes. One of: AUTO,\n        REALISTIC, FICTION. Provider default: 'AUTO' (not sent unless set).\n    expand_prompt: Determine if MagicPrompt should be used in generating the request or not.\n        Provider default: True (not sent unless set).\n    num_images: Number of images to generate. Range: 1 to 8. Provider default: 1 (not sent unless\n        set).\n    seed: Seed for the random number generator. Range: 0 to 2147483647. None is accepted and means\n        unset (not sent).\n    sync_mode: If True, the media will be returned as a data URI and the output data won't be\n        available in the request history. Provider default: False (not sent unless set).\n    strength: Strength of the input image in the remix. Range: 0.01 to 1. Provider default: 0.8 (not\n        sent unless set).\n    image_size: The resolution of the generated image, a preset name or a custom width and height.\n        One of: square_hd, square, portrait_4_3, portrait_16_9, landscape_4_3, landscape_16_9; or\n        ImageSize. None is accepted and means unset (not sent). Provider default: 'square_hd' (not\n        sent unless set).\n    negative_prompt: Description of what to exclude from an image. Descriptions in the prompt take\n        precedence to descriptions in the negative prompt. Provider default: '' (not sent unless\n        set).\n    reference_mask_urls: A set of masks to apply to the character references. Currently only 1 mask\n        is supported, rest will be ignored. (maximum total size 10MB across all character\n        references). The masks should be in JPEG, PNG or WebP format. An image: an http(s) URL, a\n        data: URI, bytes or a pathlib.Path. Formats: JPEG, PNG, WebP. At most 10 MB (10485760 bytes)\n        in total across the list. Only the first 1 item(s) are used; more are ignored by the\n        provider (a warning is issued).\n"
        arguments = given(
            {
                "prompt": prompt,
                "image_url": image_url,
                "reference_image_urls": reference_image_urls,
                "image_urls": image_urls,
                "rendering_speed": rendering_speed,
                "color_palette": color_palette,
                "style_codes": style_codes,
                "style": style,
                "expand_prompt": expand_prompt,
                "num_images": num_images,
                "seed": seed,
                "sync_mode": sync_mode,
                "strength": strength,
                "image_size": image_size,
                "negative_prompt": negative_prompt,
                "reference_mask_urls": reference_mask_urls,
            }
        )
        output: IdeogramCharacterRemixOutput = self._client.subscribe(
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
        reference_image_urls: list[ImageInput],
        image_urls: list[ImageInput] | None | Omit = omit,
        rendering_speed: Literal["TURBO", "BALANCED", "QUALITY"] | Omit = omit,
        color_palette: ColorPalette | dict[str, Any] | None | Omit = omit,
        style_codes: list[str] | None | Omit = omit,
        style: Literal["AUTO", "REALISTIC", "FICTION"] | Omit = omit,
        expand_prompt: bool | Omit = omit,
        num_images: int | Omit = omit,
        seed: int | None | Omit = omit,
        sync_mode: bool | Omit = omit,
        strength: float | Omit = omit,
        image_size: Literal["square_hd", "square", "portrait_4_3", "portrait_16_9", "landscape_4_3", "landscape_16_9"]
        | ImageSize
        | dict[str, Any]
        | None
        | Omit = omit,
        negative_prompt: str | Omit = omit,
        reference_mask_urls: list[ImageInput] | Omit = omit,
        **options: Unpack[FalOptions],
    ) -> IdeogramCharacterRemixOutput:
        "Call the sync host and return the typed output (no queue, one connection).\n\nArgs:\n    prompt: The prompt to remix the image with. Required.\n    image_url: The image URL to remix. An image: an http(s) URL, a data: URI, bytes or a\n        pathlib.Path. Formats: JPEG, PNG, WebP. Required.\n    reference_image_urls: A set of images to use as character references. Currently only 1 image is\n        supported, rest will be ignored. (maximum total size 10MB across all character references).\n        The images should be in JPEG, PNG or WebP format. Items: 1 to any. An image: an http(s) URL,\n        a data: URI, bytes or a pathlib.Path. Formats: JPEG, PNG, WebP. At most 10 MB (10485760\n        bytes) in total across the list. Only the first 1 item(s) are used; more are ignored by the\n        provider (a warning is issued). Required.\n    image_urls: A set of images to use as style references (maximum total size 10MB across all style\n        references). The images should be in JPEG, PNG or WebP format. An image: an http(s) URL, a\n        data: URI, bytes or a pathlib.Path. Formats: JPEG, PNG, WebP. At most 10 MB (10485760 bytes)\n        in total across the list. None is accepted and means unset (not sent).\n    rendering_speed: The rendering speed to use. One of: TURBO, BALANCED, QUALITY. Provider default:\n        'BALANCED' (not sent unless set).\n    color_palette: A color palette for generation, must EITHER be specified via one of the presets\n        (name) or explicitly via hexadecimal representations of the color with optional weights\n        (members). None is accepted and means unset (not sent).\n    style_codes: A list of 8 character hexadecimal codes representing the style of the image. Cannot\n        be used in conjunction with style references (image_urls) or style. Items: 1 to any. Each\n        item matches ^[0-9a-fA-F]{8}$. None is accepted and means unset (not sent).\n    style: The style type to generate with. Cannot be used with style_codes. One of: AUTO,\n        REALISTIC, FICTION. Provider default: 'AUTO' (not sent unless set).\n    expand_prompt: Determine if MagicPrompt should be used in generating the request or not.\n        Provider default: True (not sent unless set).\n    num_images: Number of images to generate. Range: 1 to 8. Provider default: 1 (not sent unless\n        set).\n    seed: Seed for the random number generator. Range: 0 to 2147483647. None is accepted and means\n        unset (not sent).\n    sync_mode: If True, the media will be returned as a data URI and the output data won't be\n        available in the request history. Provider default: False (not sent unless set).\n    strength: Strength of the input image in the remix. Range: 0.01 to 1. Provider default: 0.8 (not\n        sent unless set).\n    image_size: The resolution of the generated image, a preset name or a custom width and height.\n        One of: square_hd, square, portrait_4_3, portrait_16_9, landscape_4_3, landscape_16_9; or\n        ImageSize. None is accepted and means unset (not sent). Provider default: 'square_hd' (not\n        sent unless set).\n    negative_prompt: Description of what to exclude from an image. Descriptions in the prompt take\n        precedence to descriptions in the negative prompt. Provider default: '' (not sent unless\n        set).\n    reference_mask_urls: A set of masks to apply to the character references. Currently only 1 mask\n        is supported, rest will be ignored. (maximum total size 10MB across all character\n        references). The masks should be in JPEG, PNG or WebP format. An image: an http(s) URL, a\n        data: URI, bytes or a pathlib.Path. Formats: JPEG, PNG, WebP. At most 10 MB (10485760 bytes)\n        in total across the list. Only the first 1 item(s) are used; more are ignored by the\n        provider (a warning is issued).\n"
        arguments = given(
            {
                "prompt": prompt,
                "image_url": image_url,
                "reference_image_urls": reference_image_urls,
                "image_urls": image_urls,
                "rendering_speed": rendering_speed,
                "color_palette": color_palette,
                "style_codes": style_codes,
                "style": style,
                "expand_prompt": expand_prompt,
                "num_images": num_images,
                "seed": seed,
                "sync_mode": sync_mode,
                "strength": strength,
                "image_size": image_size,
                "negative_prompt": negative_prompt,
                "reference_mask_urls": reference_mask_urls,
            }
        )
        output: IdeogramCharacterRemixOutput = self._client.run(self.endpoint, arguments, **options)
        return output


class AsyncIdeogramCharacterRemixResource(AsyncFalResource[IdeogramCharacterRemixOutput]):
    "Remix an input image with a text prompt while keeping a referenced character consistent, with Ideogram V3 Character.\n\n``fal-ai/ideogram/character/remix``, generated from specs/fal/ideogram-character-remix.yaml."

    endpoint_id = "fal-ai/ideogram/character/remix"

    async def submit(
        self,
        *,
        prompt: str,
        image_url: ImageInput,
        reference_image_urls: list[ImageInput],
        image_urls: list[ImageInput] | None | Omit = omit,
        rendering_speed: Literal["TURBO", "BALANCED", "QUALITY"] | Omit = omit,
        color_palette: ColorPalette | dict[str, Any] | None | Omit = omit,
        style_codes: list[str] | None | Omit = omit,
        style: Literal["AUTO", "REALISTIC", "FICTION"] | Omit = omit,
        expand_prompt: bool | Omit = omit,
        num_images: int | Omit = omit,
        seed: int | None | Omit = omit,
        sync_mode: bool | Omit = omit,
        strength: float | Omit = omit,
        image_size: Literal["square_hd", "square", "portrait_4_3", "portrait_16_9", "landscape_4_3", "landscape_16_9"]
        | ImageSize
        | dict[str, Any]
        | None
        | Omit = omit,
        negative_prompt: str | Omit = omit,
        reference_mask_urls: list[ImageInput] | Omit = omit,
        webhook_url: str | None = None,
        **options: Unpack[FalOptions],
    ) -> AsyncQueueHandle[IdeogramCharacterRemixOutput]:
        "Validate the arguments and queue a job; returns its handle. Nothing is sent if invalid.\n\nArgs:\n    prompt: The prompt to remix the image with. Required.\n    image_url: The image URL to remix. An image: an http(s) URL, a data: URI, bytes or a\n        pathlib.Path. Formats: JPEG, PNG, WebP. Required.\n    reference_image_urls: A set of images to use as character references. Currently only 1 image is\n        supported, rest will be ignored. (maximum total size 10MB across all character references).\n        The images should be in JPEG, PNG or WebP format. Items: 1 to any. An image: an http(s) URL,\n        a data: URI, bytes or a pathlib.Path. Formats: JPEG, PNG, WebP. At most 10 MB (10485760\n        bytes) in total across the list. Only the first 1 item(s) are used; more are ignored by the\n        provider (a warning is issued). Required.\n    image_urls: A set of images to use as style references (maximum total size 10MB across all style\n        references). The images should be in JPEG, PNG or WebP format. An image: an http(s) URL, a\n        data: URI, bytes or a pathlib.Path. Formats: JPEG, PNG, WebP. At most 10 MB (10485760 bytes)\n        in total across the list. None is accepted and means unset (not sent).\n    rendering_speed: The rendering speed to use. One of: TURBO, BALANCED, QUALITY. Provider default:\n        'BALANCED' (not sent unless set).\n    color_palette: A color palette for generation, must EITHER be specified via one of the presets\n        (name) or explicitly via hexadecimal representations of the color with optional weights\n        (members). None is accepted and means unset (not sent).\n    style_codes: A list of 8 character hexadecimal codes representing the style of the image. Cannot\n        be used in conjunction with style references (image_urls) or style. Items: 1 to any. Each\n        item matches ^[0-9a-fA-F]{8}$. None is accepted and means unset (not sent).\n    style: The style type to generate with. Cannot be used with style_codes. One of: AUTO,\n        REALISTIC, FICTION. Provider default: 'AUTO' (not sent unless set).\n    expand_prompt: Determine if MagicPrompt should be used in generating the request or not.\n        Provider default: True (not sent unless set).\n    num_images: Number of images to generate. Range: 1 to 8. Provider default: 1 (not sent unless\n        set).\n    seed: Seed for the random number generator. Range: 0 to 2147483647. None is accepted and means\n        unset (not sent).\n    sync_mode: If True, the media will be returned as a data URI and the output data won't be\n        available in the request history. Provider default: False (not sent unless set).\n    strength: Strength of the input image in the remix. Range: 0.01 to 1. Provider default: 0.8 (not\n        sent unless set).\n    image_size: The resolution of the generated image, a preset name or a custom width and height.\n        One of: square_hd, square, portrait_4_3, portrait_16_9, landscape_4_3, landscape_16_9; or\n        ImageSize. None is accepted and means unset (not sent). Provider default: 'square_hd' (not\n        sent unless set).\n    negative_prompt: Description of what to exclude from an image. Descriptions in the prompt take\n        precedence to descriptions in the negative prompt. Provider default: '' (not sent unless\n        set).\n    reference_mask_urls: A set of masks to apply to the character references. Currently only 1 mask\n        is supported, rest will be ignored. (maximum total size 10MB across all character\n        references). The masks should be in JPEG, PNG or WebP format. An image: an http(s) URL, a\n        data: URI, bytes or a pathlib.Path. Formats: JPEG, PNG, WebP. At most 10 MB (10485760 bytes)\n        in total across the list. Only the first 1 item(s) are used; more are ignored by the\n        provider (a warning is issued).\n"
        arguments = given(
            {
                "prompt": prompt,
                "image_url": image_url,
                "reference_image_urls": reference_image_urls,
                "image_urls": image_urls,
                "rendering_speed": rendering_speed,
                "color_palette": color_palette,
                "style_codes": style_codes,
                "style": style,
                "expand_prompt": expand_prompt,
                "num_images": num_images,
                "seed": seed,
                "sync_mode": sync_mode,
                "strength": strength,
                "image_size": image_size,
                "negative_prompt": negative_prompt,
                "reference_mask_urls": reference_mask_urls,
            }
        )
        return await self._client.submit(self.endpoint, arguments, webhook_url=webhook_url, **options)

    async def subscribe(
        self,
        *,
        prompt: str,
        image_url: ImageInput,
        reference_image_urls: list[ImageInput],
        image_urls: list[ImageInput] | None | Omit = omit,
        rendering_speed: Literal["TURBO", "BALANCED", "QUALITY"] | Omit = omit,
        color_palette: ColorPalette | dict[str, Any] | None | Omit = omit,
        style_codes: list[str] | None | Omit = omit,
        style: Literal["AUTO", "REALISTIC", "FICTION"] | Omit = omit,
        expand_prompt: bool | Omit = omit,
        num_images: int | Omit = omit,
        seed: int | None | Omit = omit,
        sync_mode: bool | Omit = omit,
        strength: float | Omit = omit,
        image_size: Literal["square_hd", "square", "portrait_4_3", "portrait_16_9", "landscape_4_3", "landscape_16_9"]
        | ImageSize
        | dict[str, Any]
        | None
        | Omit = omit,
        negative_prompt: str | Omit = omit,
        reference_mask_urls: list[ImageInput] | Omit = omit,
        on_update: Callable[[AnyStatus], object] | None = None,
        timeout: float | None = None,
        logs: bool = False,
        webhook_url: str | None = None,
        **options: Unpack[FalOptions],
    ) -> IdeogramCharacterRemixOutput:
        "Queue a job, follow its status stream and return the typed output.\n\nArgs:\n    prompt: The prompt to remix the image with. Required.\n    image_url: The image URL to remix. An image: an http(s) URL, a data: URI, bytes or a\n        pathlib.Path. Formats: JPEG, PNG, WebP. Required.\n    reference_image_urls: A set of images to use as character references. Currently only 1 image is\n        supported, rest will be ignored. (maximum total size 10MB across all character references).\n        The images should be in JPEG, PNG or WebP format. Items: 1 to any. An image: an http(s) URL,\n        a data: URI, bytes or a pathlib.Path. Formats: JPEG, PNG, WebP. At most 10 MB (10485760\n        bytes) in total across the list. Only the first 1 item(s) are used; more are ignored by the\n        provider (a warning is issued). Required.\n    image_urls: A set of images to use as style references (maximum total size 10MB across all style\n        references). The images should be in JPEG, PNG or WebP format. An image: an http(s) URL, a\n        data: URI, bytes or a pathlib.Path. Formats: JPEG, PNG, WebP. At most 10 MB (10485760 bytes)\n        in total across the list. None is accepted and means unset (not sent).\n    rendering_speed: The rendering speed to use. One of: TURBO, BALANCED, QUALITY. Provider default:\n        'BALANCED' (not sent unless set).\n    color_palette: A color palette for generation, must EITHER be specified via one of the presets\n        (name) or explicitly via hexadecimal representations of the color with optional weights\n        (members). None is accepted and means unset (not sent).\n    style_codes: A list of 8 character hexadecimal codes representing the style of the image. Cannot\n        be used in conjunction with style references (image_urls) or style. Items: 1 to any. Each\n        item matches ^[0-9a-fA-F]{8}$. None is accepted and means unset (not sent).\n    style: The style type to generate with. Cannot be used with style_codes. One of: AUTO,\n        REALISTIC, FICTION. Provider default: 'AUTO' (not sent unless set).\n    expand_prompt: Determine if MagicPrompt should be used in generating the request or not.\n        Provider default: True (not sent unless set).\n    num_images: Number of images to generate. Range: 1 to 8. Provider default: 1 (not sent unless\n        set).\n    seed: Seed for the random number generator. Range: 0 to 2147483647. None is accepted and means\n        unset (not sent).\n    sync_mode: If True, the media will be returned as a data URI and the output data won't be\n        available in the request history. Provider default: False (not sent unless set).\n    strength: Strength of the input image in the remix. Range: 0.01 to 1. Provider default: 0.8 (not\n        sent unless set).\n    image_size: The resolution of the generated image, a preset name or a custom width and height.\n        One of: square_hd, square, portrait_4_3, portrait_16_9, landscape_4_3, landscape_16_9; or\n        ImageSize. None is accepted and means unset (not sent). Provider default: 'square_hd' (not\n        sent unless set).\n    negative_prompt: Description of what to exclude from an image. Descriptions in the prompt take\n        precedence to descriptions in the negative prompt. Provider default: '' (not sent unless\n        set).\n    reference_mask_urls: A set of masks to apply to the character references. Currently only 1 mask\n        is supported, rest will be ignored. (maximum total size 10MB across all character\n        references). The masks should be in JPEG, PNG or WebP format. An image: an http(s) URL, a\n        data: URI, bytes or a pathlib.Path. Formats: JPEG, PNG, WebP. At most 10 MB (10485760 bytes)\n        in total across the list. Only the first 1 item(s) are used; more are ignored by the\n        provider (a warning is issued).\n"
        arguments = given(
            {
                "prompt": prompt,
                "image_url": image_url,
                "reference_image_urls": reference_image_urls,
                "image_urls": image_urls,
                "rendering_speed": rendering_speed,
                "color_palette": color_palette,
                "style_codes": style_codes,
                "style": style,
                "expand_prompt": expand_prompt,
                "num_images": num_images,
                "seed": seed,
                "sync_mode": sync_mode,
                "strength": strength,
                "image_size": image_size,
                "negative_prompt": negative_prompt,
                "reference_mask_urls": reference_mask_urls,
            }
        )
        output: IdeogramCharacterRemixOutput = await self._client.subscribe(
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
        reference_image_urls: list[ImageInput],
        image_urls: list[ImageInput] | None | Omit = omit,
        rendering_speed: Literal["TURBO", "BALANCED", "QUALITY"] | Omit = omit,
        color_palette: ColorPalette | dict[str, Any] | None | Omit = omit,
        style_codes: list[str] | None | Omit = omit,
        style: Literal["AUTO", "REALISTIC", "FICTION"] | Omit = omit,
        expand_prompt: bool | Omit = omit,
        num_images: int | Omit = omit,
        seed: int | None | Omit = omit,
        sync_mode: bool | Omit = omit,
        strength: float | Omit = omit,
        image_size: Literal["square_hd", "square", "portrait_4_3", "portrait_16_9", "landscape_4_3", "landscape_16_9"]
        | ImageSize
        | dict[str, Any]
        | None
        | Omit = omit,
        negative_prompt: str | Omit = omit,
        reference_mask_urls: list[ImageInput] | Omit = omit,
        **options: Unpack[FalOptions],
    ) -> IdeogramCharacterRemixOutput:
        "Call the sync host and return the typed output (no queue, one connection).\n\nArgs:\n    prompt: The prompt to remix the image with. Required.\n    image_url: The image URL to remix. An image: an http(s) URL, a data: URI, bytes or a\n        pathlib.Path. Formats: JPEG, PNG, WebP. Required.\n    reference_image_urls: A set of images to use as character references. Currently only 1 image is\n        supported, rest will be ignored. (maximum total size 10MB across all character references).\n        The images should be in JPEG, PNG or WebP format. Items: 1 to any. An image: an http(s) URL,\n        a data: URI, bytes or a pathlib.Path. Formats: JPEG, PNG, WebP. At most 10 MB (10485760\n        bytes) in total across the list. Only the first 1 item(s) are used; more are ignored by the\n        provider (a warning is issued). Required.\n    image_urls: A set of images to use as style references (maximum total size 10MB across all style\n        references). The images should be in JPEG, PNG or WebP format. An image: an http(s) URL, a\n        data: URI, bytes or a pathlib.Path. Formats: JPEG, PNG, WebP. At most 10 MB (10485760 bytes)\n        in total across the list. None is accepted and means unset (not sent).\n    rendering_speed: The rendering speed to use. One of: TURBO, BALANCED, QUALITY. Provider default:\n        'BALANCED' (not sent unless set).\n    color_palette: A color palette for generation, must EITHER be specified via one of the presets\n        (name) or explicitly via hexadecimal representations of the color with optional weights\n        (members). None is accepted and means unset (not sent).\n    style_codes: A list of 8 character hexadecimal codes representing the style of the image. Cannot\n        be used in conjunction with style references (image_urls) or style. Items: 1 to any. Each\n        item matches ^[0-9a-fA-F]{8}$. None is accepted and means unset (not sent).\n    style: The style type to generate with. Cannot be used with style_codes. One of: AUTO,\n        REALISTIC, FICTION. Provider default: 'AUTO' (not sent unless set).\n    expand_prompt: Determine if MagicPrompt should be used in generating the request or not.\n        Provider default: True (not sent unless set).\n    num_images: Number of images to generate. Range: 1 to 8. Provider default: 1 (not sent unless\n        set).\n    seed: Seed for the random number generator. Range: 0 to 2147483647. None is accepted and means\n        unset (not sent).\n    sync_mode: If True, the media will be returned as a data URI and the output data won't be\n        available in the request history. Provider default: False (not sent unless set).\n    strength: Strength of the input image in the remix. Range: 0.01 to 1. Provider default: 0.8 (not\n        sent unless set).\n    image_size: The resolution of the generated image, a preset name or a custom width and height.\n        One of: square_hd, square, portrait_4_3, portrait_16_9, landscape_4_3, landscape_16_9; or\n        ImageSize. None is accepted and means unset (not sent). Provider default: 'square_hd' (not\n        sent unless set).\n    negative_prompt: Description of what to exclude from an image. Descriptions in the prompt take\n        precedence to descriptions in the negative prompt. Provider default: '' (not sent unless\n        set).\n    reference_mask_urls: A set of masks to apply to the character references. Currently only 1 mask\n        is supported, rest will be ignored. (maximum total size 10MB across all character\n        references). The masks should be in JPEG, PNG or WebP format. An image: an http(s) URL, a\n        data: URI, bytes or a pathlib.Path. Formats: JPEG, PNG, WebP. At most 10 MB (10485760 bytes)\n        in total across the list. Only the first 1 item(s) are used; more are ignored by the\n        provider (a warning is issued).\n"
        arguments = given(
            {
                "prompt": prompt,
                "image_url": image_url,
                "reference_image_urls": reference_image_urls,
                "image_urls": image_urls,
                "rendering_speed": rendering_speed,
                "color_palette": color_palette,
                "style_codes": style_codes,
                "style": style,
                "expand_prompt": expand_prompt,
                "num_images": num_images,
                "seed": seed,
                "sync_mode": sync_mode,
                "strength": strength,
                "image_size": image_size,
                "negative_prompt": negative_prompt,
                "reference_mask_urls": reference_mask_urls,
            }
        )
        output: IdeogramCharacterRemixOutput = await self._client.run(self.endpoint, arguments, **options)
        return output
