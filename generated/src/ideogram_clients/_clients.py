# Generated from 'specs/' by `python -m generator generate`. Do not edit.
"""The public clients: the protocol bases plus one typed resource attribute per endpoint.

``FalClient`` / ``AsyncFalClient`` speak fal's queue and sync protocols; ``MagnificClient`` /
``AsyncMagnificClient`` Magnific's task API. Generic methods keyed by endpoint id are overloaded
so that each id returns its own typed output.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal, overload

from typing_extensions import Unpack

from ideogram_clients._endpoint import Endpoint
from ideogram_clients._fal import AnyStatus, AsyncQueueHandle, FalOptions, QueueHandle, SyncFalClient
from ideogram_clients._fal import AsyncFalClient as _AsyncFalBase
from ideogram_clients._magnific import AsyncMagnificClient as _AsyncMagnificBase
from ideogram_clients._magnific import SyncMagnificClient

if TYPE_CHECKING:  # models and resources load on first use: importing the package stays fast
    from ideogram_clients.models import (
        IdeogramCharacterEditInput,
        IdeogramCharacterEditOutput,
        IdeogramCharacterInput,
        IdeogramCharacterOutput,
        IdeogramCharacterRemixInput,
        IdeogramCharacterRemixOutput,
        IdeogramV2EditInput,
        IdeogramV2EditOutput,
        IdeogramV3EditInput,
        IdeogramV3EditOutput,
        IdeogramV3Input,
        IdeogramV3Output,
        IdeogramV3ReframeInput,
        IdeogramV3ReframeOutput,
        IdeogramV3RemixInput,
        IdeogramV3RemixOutput,
        IdeogramV3ReplaceBackgroundInput,
        IdeogramV3ReplaceBackgroundOutput,
        MagnificIdeogramImageEditInput,
        MagnificIdeogramImageEditOutput,
    )
    from ideogram_clients.resources.fal_ideogram_character import (
        AsyncIdeogramCharacterResource,
        IdeogramCharacterResource,
    )
    from ideogram_clients.resources.fal_ideogram_character_edit import (
        AsyncIdeogramCharacterEditResource,
        IdeogramCharacterEditResource,
    )
    from ideogram_clients.resources.fal_ideogram_character_remix import (
        AsyncIdeogramCharacterRemixResource,
        IdeogramCharacterRemixResource,
    )
    from ideogram_clients.resources.fal_ideogram_v2_edit import AsyncIdeogramV2EditResource, IdeogramV2EditResource
    from ideogram_clients.resources.fal_ideogram_v3 import AsyncIdeogramV3Resource, IdeogramV3Resource
    from ideogram_clients.resources.fal_ideogram_v3_edit import AsyncIdeogramV3EditResource, IdeogramV3EditResource
    from ideogram_clients.resources.fal_ideogram_v3_reframe import (
        AsyncIdeogramV3ReframeResource,
        IdeogramV3ReframeResource,
    )
    from ideogram_clients.resources.fal_ideogram_v3_remix import AsyncIdeogramV3RemixResource, IdeogramV3RemixResource
    from ideogram_clients.resources.fal_ideogram_v3_replace_background import (
        AsyncIdeogramV3ReplaceBackgroundResource,
        IdeogramV3ReplaceBackgroundResource,
    )
    from ideogram_clients.resources.magnific_ideogram_image_edit import (
        AsyncMagnificIdeogramImageEditResource,
        MagnificIdeogramImageEditResource,
    )

__all__ = ["AsyncFalClient", "AsyncMagnificClient", "FalClient", "MagnificClient"]


class FalClient(SyncFalClient):
    """Client for fal's queue and sync APIs; one attribute per endpoint (``.v2_edit`` ...).

    ``api_key`` defaults to ``FAL_KEY`` (or ``FAL_KEY_ID``/``FAL_KEY_SECRET``). Hosts: ``queue_url``/
    ``run_url``, else ``base_url`` (queue at ``URL``, sync at ``URL/fal-run``), else
    ``FAL_QUEUE_RUN_HOST``/``FAL_RUN_HOST``, else ``IDEOGRAM_CLIENTS_BASE_URL``, else fal's own.
    A missing key fails at the first request.
    """

    @cached_property
    def character(self) -> IdeogramCharacterResource:
        "Generate images of a consistent character from a character reference image with Ideogram V3 Character."
        from ideogram_clients.resources.fal_ideogram_character import IdeogramCharacterResource

        return IdeogramCharacterResource(self)

    @cached_property
    def character_edit(self) -> IdeogramCharacterEditResource:
        "Edit the masked region of an image while keeping a referenced character consistent, with Ideogram V3 Character."
        from ideogram_clients.resources.fal_ideogram_character_edit import IdeogramCharacterEditResource

        return IdeogramCharacterEditResource(self)

    @cached_property
    def character_remix(self) -> IdeogramCharacterRemixResource:
        "Remix an input image with a text prompt while keeping a referenced character consistent, with Ideogram V3 Character."
        from ideogram_clients.resources.fal_ideogram_character_remix import IdeogramCharacterRemixResource

        return IdeogramCharacterRemixResource(self)

    @cached_property
    def v2_edit(self) -> IdeogramV2EditResource:
        "Edit an image with Ideogram V2 inpainting (the masked region is regenerated from the prompt)."
        from ideogram_clients.resources.fal_ideogram_v2_edit import IdeogramV2EditResource

        return IdeogramV2EditResource(self)

    @cached_property
    def v3(self) -> IdeogramV3Resource:
        "Generate images from a text prompt with Ideogram V3."
        from ideogram_clients.resources.fal_ideogram_v3 import IdeogramV3Resource

        return IdeogramV3Resource(self)

    @cached_property
    def v3_edit(self) -> IdeogramV3EditResource:
        "Edit an image with Ideogram V3 inpainting (the masked region is regenerated from the prompt)."
        from ideogram_clients.resources.fal_ideogram_v3_edit import IdeogramV3EditResource

        return IdeogramV3EditResource(self)

    @cached_property
    def v3_reframe(self) -> IdeogramV3ReframeResource:
        "Reframe (outpaint) an image to a new size or aspect ratio with Ideogram V3."
        from ideogram_clients.resources.fal_ideogram_v3_reframe import IdeogramV3ReframeResource

        return IdeogramV3ReframeResource(self)

    @cached_property
    def v3_remix(self) -> IdeogramV3RemixResource:
        "Remix an input image with a text prompt using Ideogram V3."
        from ideogram_clients.resources.fal_ideogram_v3_remix import IdeogramV3RemixResource

        return IdeogramV3RemixResource(self)

    @cached_property
    def v3_replace_background(self) -> IdeogramV3ReplaceBackgroundResource:
        "Replace the background of an image from a text prompt with Ideogram V3."
        from ideogram_clients.resources.fal_ideogram_v3_replace_background import IdeogramV3ReplaceBackgroundResource

        return IdeogramV3ReplaceBackgroundResource(self)

    @overload
    def submit(
        self,
        endpoint_id: Literal["fal-ai/ideogram/character"],
        arguments: IdeogramCharacterInput | dict[str, Any],
        *,
        webhook_url: str | None = None,
        **options: Unpack[FalOptions],
    ) -> QueueHandle[IdeogramCharacterOutput]: ...

    @overload
    def submit(
        self,
        endpoint_id: Literal["fal-ai/ideogram/character/edit"],
        arguments: IdeogramCharacterEditInput | dict[str, Any],
        *,
        webhook_url: str | None = None,
        **options: Unpack[FalOptions],
    ) -> QueueHandle[IdeogramCharacterEditOutput]: ...

    @overload
    def submit(
        self,
        endpoint_id: Literal["fal-ai/ideogram/character/remix"],
        arguments: IdeogramCharacterRemixInput | dict[str, Any],
        *,
        webhook_url: str | None = None,
        **options: Unpack[FalOptions],
    ) -> QueueHandle[IdeogramCharacterRemixOutput]: ...

    @overload
    def submit(
        self,
        endpoint_id: Literal["fal-ai/ideogram/v2/edit"],
        arguments: IdeogramV2EditInput | dict[str, Any],
        *,
        webhook_url: str | None = None,
        **options: Unpack[FalOptions],
    ) -> QueueHandle[IdeogramV2EditOutput]: ...

    @overload
    def submit(
        self,
        endpoint_id: Literal["fal-ai/ideogram/v3"],
        arguments: IdeogramV3Input | dict[str, Any],
        *,
        webhook_url: str | None = None,
        **options: Unpack[FalOptions],
    ) -> QueueHandle[IdeogramV3Output]: ...

    @overload
    def submit(
        self,
        endpoint_id: Literal["fal-ai/ideogram/v3/edit"],
        arguments: IdeogramV3EditInput | dict[str, Any],
        *,
        webhook_url: str | None = None,
        **options: Unpack[FalOptions],
    ) -> QueueHandle[IdeogramV3EditOutput]: ...

    @overload
    def submit(
        self,
        endpoint_id: Literal["fal-ai/ideogram/v3/reframe"],
        arguments: IdeogramV3ReframeInput | dict[str, Any],
        *,
        webhook_url: str | None = None,
        **options: Unpack[FalOptions],
    ) -> QueueHandle[IdeogramV3ReframeOutput]: ...

    @overload
    def submit(
        self,
        endpoint_id: Literal["fal-ai/ideogram/v3/remix"],
        arguments: IdeogramV3RemixInput | dict[str, Any],
        *,
        webhook_url: str | None = None,
        **options: Unpack[FalOptions],
    ) -> QueueHandle[IdeogramV3RemixOutput]: ...

    @overload
    def submit(
        self,
        endpoint_id: Literal["fal-ai/ideogram/v3/replace-background"],
        arguments: IdeogramV3ReplaceBackgroundInput | dict[str, Any],
        *,
        webhook_url: str | None = None,
        **options: Unpack[FalOptions],
    ) -> QueueHandle[IdeogramV3ReplaceBackgroundOutput]: ...

    @overload
    def submit(
        self,
        endpoint_id: str | Endpoint[Any, Any],
        arguments: object,
        *,
        webhook_url: str | None = None,
        **options: Unpack[FalOptions],
    ) -> QueueHandle[Any]: ...

    def submit(
        self,
        endpoint_id: str | Endpoint[Any, Any],
        arguments: object,
        *,
        webhook_url: str | None = None,
        **options: Unpack[FalOptions],
    ) -> QueueHandle[Any]:
        """Validate ``arguments``, queue the job and return its handle (nothing is sent if invalid)."""
        return super().submit(endpoint_id, arguments, webhook_url=webhook_url, **options)

    @overload
    def subscribe(
        self,
        endpoint_id: Literal["fal-ai/ideogram/character"],
        arguments: IdeogramCharacterInput | dict[str, Any],
        *,
        on_update: Callable[[AnyStatus], object] | None = None,
        timeout: float | None = None,
        logs: bool = False,
        webhook_url: str | None = None,
        **options: Unpack[FalOptions],
    ) -> IdeogramCharacterOutput: ...

    @overload
    def subscribe(
        self,
        endpoint_id: Literal["fal-ai/ideogram/character/edit"],
        arguments: IdeogramCharacterEditInput | dict[str, Any],
        *,
        on_update: Callable[[AnyStatus], object] | None = None,
        timeout: float | None = None,
        logs: bool = False,
        webhook_url: str | None = None,
        **options: Unpack[FalOptions],
    ) -> IdeogramCharacterEditOutput: ...

    @overload
    def subscribe(
        self,
        endpoint_id: Literal["fal-ai/ideogram/character/remix"],
        arguments: IdeogramCharacterRemixInput | dict[str, Any],
        *,
        on_update: Callable[[AnyStatus], object] | None = None,
        timeout: float | None = None,
        logs: bool = False,
        webhook_url: str | None = None,
        **options: Unpack[FalOptions],
    ) -> IdeogramCharacterRemixOutput: ...

    @overload
    def subscribe(
        self,
        endpoint_id: Literal["fal-ai/ideogram/v2/edit"],
        arguments: IdeogramV2EditInput | dict[str, Any],
        *,
        on_update: Callable[[AnyStatus], object] | None = None,
        timeout: float | None = None,
        logs: bool = False,
        webhook_url: str | None = None,
        **options: Unpack[FalOptions],
    ) -> IdeogramV2EditOutput: ...

    @overload
    def subscribe(
        self,
        endpoint_id: Literal["fal-ai/ideogram/v3"],
        arguments: IdeogramV3Input | dict[str, Any],
        *,
        on_update: Callable[[AnyStatus], object] | None = None,
        timeout: float | None = None,
        logs: bool = False,
        webhook_url: str | None = None,
        **options: Unpack[FalOptions],
    ) -> IdeogramV3Output: ...

    @overload
    def subscribe(
        self,
        endpoint_id: Literal["fal-ai/ideogram/v3/edit"],
        arguments: IdeogramV3EditInput | dict[str, Any],
        *,
        on_update: Callable[[AnyStatus], object] | None = None,
        timeout: float | None = None,
        logs: bool = False,
        webhook_url: str | None = None,
        **options: Unpack[FalOptions],
    ) -> IdeogramV3EditOutput: ...

    @overload
    def subscribe(
        self,
        endpoint_id: Literal["fal-ai/ideogram/v3/reframe"],
        arguments: IdeogramV3ReframeInput | dict[str, Any],
        *,
        on_update: Callable[[AnyStatus], object] | None = None,
        timeout: float | None = None,
        logs: bool = False,
        webhook_url: str | None = None,
        **options: Unpack[FalOptions],
    ) -> IdeogramV3ReframeOutput: ...

    @overload
    def subscribe(
        self,
        endpoint_id: Literal["fal-ai/ideogram/v3/remix"],
        arguments: IdeogramV3RemixInput | dict[str, Any],
        *,
        on_update: Callable[[AnyStatus], object] | None = None,
        timeout: float | None = None,
        logs: bool = False,
        webhook_url: str | None = None,
        **options: Unpack[FalOptions],
    ) -> IdeogramV3RemixOutput: ...

    @overload
    def subscribe(
        self,
        endpoint_id: Literal["fal-ai/ideogram/v3/replace-background"],
        arguments: IdeogramV3ReplaceBackgroundInput | dict[str, Any],
        *,
        on_update: Callable[[AnyStatus], object] | None = None,
        timeout: float | None = None,
        logs: bool = False,
        webhook_url: str | None = None,
        **options: Unpack[FalOptions],
    ) -> IdeogramV3ReplaceBackgroundOutput: ...

    @overload
    def subscribe(
        self,
        endpoint_id: str | Endpoint[Any, Any],
        arguments: object,
        *,
        on_update: Callable[[AnyStatus], object] | None = None,
        timeout: float | None = None,
        logs: bool = False,
        webhook_url: str | None = None,
        **options: Unpack[FalOptions],
    ) -> Any: ...

    def subscribe(
        self,
        endpoint_id: str | Endpoint[Any, Any],
        arguments: object,
        *,
        on_update: Callable[[AnyStatus], object] | None = None,
        timeout: float | None = None,
        logs: bool = False,
        webhook_url: str | None = None,
        **options: Unpack[FalOptions],
    ) -> Any:
        """Submit, follow the status stream and return the typed output."""
        return super().subscribe(
            endpoint_id,
            arguments,
            on_update=on_update,
            timeout=timeout,
            logs=logs,
            webhook_url=webhook_url,
            **options,
        )

    @overload
    def run(
        self,
        endpoint_id: Literal["fal-ai/ideogram/character"],
        arguments: IdeogramCharacterInput | dict[str, Any],
        **options: Unpack[FalOptions],
    ) -> IdeogramCharacterOutput: ...

    @overload
    def run(
        self,
        endpoint_id: Literal["fal-ai/ideogram/character/edit"],
        arguments: IdeogramCharacterEditInput | dict[str, Any],
        **options: Unpack[FalOptions],
    ) -> IdeogramCharacterEditOutput: ...

    @overload
    def run(
        self,
        endpoint_id: Literal["fal-ai/ideogram/character/remix"],
        arguments: IdeogramCharacterRemixInput | dict[str, Any],
        **options: Unpack[FalOptions],
    ) -> IdeogramCharacterRemixOutput: ...

    @overload
    def run(
        self,
        endpoint_id: Literal["fal-ai/ideogram/v2/edit"],
        arguments: IdeogramV2EditInput | dict[str, Any],
        **options: Unpack[FalOptions],
    ) -> IdeogramV2EditOutput: ...

    @overload
    def run(
        self,
        endpoint_id: Literal["fal-ai/ideogram/v3"],
        arguments: IdeogramV3Input | dict[str, Any],
        **options: Unpack[FalOptions],
    ) -> IdeogramV3Output: ...

    @overload
    def run(
        self,
        endpoint_id: Literal["fal-ai/ideogram/v3/edit"],
        arguments: IdeogramV3EditInput | dict[str, Any],
        **options: Unpack[FalOptions],
    ) -> IdeogramV3EditOutput: ...

    @overload
    def run(
        self,
        endpoint_id: Literal["fal-ai/ideogram/v3/reframe"],
        arguments: IdeogramV3ReframeInput | dict[str, Any],
        **options: Unpack[FalOptions],
    ) -> IdeogramV3ReframeOutput: ...

    @overload
    def run(
        self,
        endpoint_id: Literal["fal-ai/ideogram/v3/remix"],
        arguments: IdeogramV3RemixInput | dict[str, Any],
        **options: Unpack[FalOptions],
    ) -> IdeogramV3RemixOutput: ...

    @overload
    def run(
        self,
        endpoint_id: Literal["fal-ai/ideogram/v3/replace-background"],
        arguments: IdeogramV3ReplaceBackgroundInput | dict[str, Any],
        **options: Unpack[FalOptions],
    ) -> IdeogramV3ReplaceBackgroundOutput: ...

    @overload
    def run(self, endpoint_id: str | Endpoint[Any, Any], arguments: object, **options: Unpack[FalOptions]) -> Any: ...

    def run(self, endpoint_id: str | Endpoint[Any, Any], arguments: object, **options: Unpack[FalOptions]) -> Any:
        """Call the sync host and return the typed output."""
        return super().run(endpoint_id, arguments, **options)


class MagnificClient(SyncMagnificClient):
    """Client for Magnific's task API; one attribute per endpoint (``.ideogram_image_edit``).

    ``api_key`` defaults to ``MAGNIFIC_API_KEY``; ``brand="freepik"`` switches to the Freepik host
    and header (and ``FREEPIK_API_KEY``). A missing key fails at the first request.
    """

    @cached_property
    def ideogram_image_edit(self) -> MagnificIdeogramImageEditResource:
        "Edit an image with Ideogram inpainting through Magnific's task API (black mask regions are edited)."
        from ideogram_clients.resources.magnific_ideogram_image_edit import MagnificIdeogramImageEditResource

        return MagnificIdeogramImageEditResource(self)


class AsyncFalClient(_AsyncFalBase):
    """Async client for fal's queue and sync APIs; one attribute per endpoint (``.v2_edit`` ...).

    ``api_key`` defaults to ``FAL_KEY`` (or ``FAL_KEY_ID``/``FAL_KEY_SECRET``). Hosts: ``queue_url``/
    ``run_url``, else ``base_url`` (queue at ``URL``, sync at ``URL/fal-run``), else
    ``FAL_QUEUE_RUN_HOST``/``FAL_RUN_HOST``, else ``IDEOGRAM_CLIENTS_BASE_URL``, else fal's own.
    A missing key fails at the first request.
    """

    @cached_property
    def character(self) -> AsyncIdeogramCharacterResource:
        "Generate images of a consistent character from a character reference image with Ideogram V3 Character."
        from ideogram_clients.resources.fal_ideogram_character import AsyncIdeogramCharacterResource

        return AsyncIdeogramCharacterResource(self)

    @cached_property
    def character_edit(self) -> AsyncIdeogramCharacterEditResource:
        "Edit the masked region of an image while keeping a referenced character consistent, with Ideogram V3 Character."
        from ideogram_clients.resources.fal_ideogram_character_edit import AsyncIdeogramCharacterEditResource

        return AsyncIdeogramCharacterEditResource(self)

    @cached_property
    def character_remix(self) -> AsyncIdeogramCharacterRemixResource:
        "Remix an input image with a text prompt while keeping a referenced character consistent, with Ideogram V3 Character."
        from ideogram_clients.resources.fal_ideogram_character_remix import AsyncIdeogramCharacterRemixResource

        return AsyncIdeogramCharacterRemixResource(self)

    @cached_property
    def v2_edit(self) -> AsyncIdeogramV2EditResource:
        "Edit an image with Ideogram V2 inpainting (the masked region is regenerated from the prompt)."
        from ideogram_clients.resources.fal_ideogram_v2_edit import AsyncIdeogramV2EditResource

        return AsyncIdeogramV2EditResource(self)

    @cached_property
    def v3(self) -> AsyncIdeogramV3Resource:
        "Generate images from a text prompt with Ideogram V3."
        from ideogram_clients.resources.fal_ideogram_v3 import AsyncIdeogramV3Resource

        return AsyncIdeogramV3Resource(self)

    @cached_property
    def v3_edit(self) -> AsyncIdeogramV3EditResource:
        "Edit an image with Ideogram V3 inpainting (the masked region is regenerated from the prompt)."
        from ideogram_clients.resources.fal_ideogram_v3_edit import AsyncIdeogramV3EditResource

        return AsyncIdeogramV3EditResource(self)

    @cached_property
    def v3_reframe(self) -> AsyncIdeogramV3ReframeResource:
        "Reframe (outpaint) an image to a new size or aspect ratio with Ideogram V3."
        from ideogram_clients.resources.fal_ideogram_v3_reframe import AsyncIdeogramV3ReframeResource

        return AsyncIdeogramV3ReframeResource(self)

    @cached_property
    def v3_remix(self) -> AsyncIdeogramV3RemixResource:
        "Remix an input image with a text prompt using Ideogram V3."
        from ideogram_clients.resources.fal_ideogram_v3_remix import AsyncIdeogramV3RemixResource

        return AsyncIdeogramV3RemixResource(self)

    @cached_property
    def v3_replace_background(self) -> AsyncIdeogramV3ReplaceBackgroundResource:
        "Replace the background of an image from a text prompt with Ideogram V3."
        from ideogram_clients.resources.fal_ideogram_v3_replace_background import (
            AsyncIdeogramV3ReplaceBackgroundResource,
        )

        return AsyncIdeogramV3ReplaceBackgroundResource(self)

    @overload
    async def submit(
        self,
        endpoint_id: Literal["fal-ai/ideogram/character"],
        arguments: IdeogramCharacterInput | dict[str, Any],
        *,
        webhook_url: str | None = None,
        **options: Unpack[FalOptions],
    ) -> AsyncQueueHandle[IdeogramCharacterOutput]: ...

    @overload
    async def submit(
        self,
        endpoint_id: Literal["fal-ai/ideogram/character/edit"],
        arguments: IdeogramCharacterEditInput | dict[str, Any],
        *,
        webhook_url: str | None = None,
        **options: Unpack[FalOptions],
    ) -> AsyncQueueHandle[IdeogramCharacterEditOutput]: ...

    @overload
    async def submit(
        self,
        endpoint_id: Literal["fal-ai/ideogram/character/remix"],
        arguments: IdeogramCharacterRemixInput | dict[str, Any],
        *,
        webhook_url: str | None = None,
        **options: Unpack[FalOptions],
    ) -> AsyncQueueHandle[IdeogramCharacterRemixOutput]: ...

    @overload
    async def submit(
        self,
        endpoint_id: Literal["fal-ai/ideogram/v2/edit"],
        arguments: IdeogramV2EditInput | dict[str, Any],
        *,
        webhook_url: str | None = None,
        **options: Unpack[FalOptions],
    ) -> AsyncQueueHandle[IdeogramV2EditOutput]: ...

    @overload
    async def submit(
        self,
        endpoint_id: Literal["fal-ai/ideogram/v3"],
        arguments: IdeogramV3Input | dict[str, Any],
        *,
        webhook_url: str | None = None,
        **options: Unpack[FalOptions],
    ) -> AsyncQueueHandle[IdeogramV3Output]: ...

    @overload
    async def submit(
        self,
        endpoint_id: Literal["fal-ai/ideogram/v3/edit"],
        arguments: IdeogramV3EditInput | dict[str, Any],
        *,
        webhook_url: str | None = None,
        **options: Unpack[FalOptions],
    ) -> AsyncQueueHandle[IdeogramV3EditOutput]: ...

    @overload
    async def submit(
        self,
        endpoint_id: Literal["fal-ai/ideogram/v3/reframe"],
        arguments: IdeogramV3ReframeInput | dict[str, Any],
        *,
        webhook_url: str | None = None,
        **options: Unpack[FalOptions],
    ) -> AsyncQueueHandle[IdeogramV3ReframeOutput]: ...

    @overload
    async def submit(
        self,
        endpoint_id: Literal["fal-ai/ideogram/v3/remix"],
        arguments: IdeogramV3RemixInput | dict[str, Any],
        *,
        webhook_url: str | None = None,
        **options: Unpack[FalOptions],
    ) -> AsyncQueueHandle[IdeogramV3RemixOutput]: ...

    @overload
    async def submit(
        self,
        endpoint_id: Literal["fal-ai/ideogram/v3/replace-background"],
        arguments: IdeogramV3ReplaceBackgroundInput | dict[str, Any],
        *,
        webhook_url: str | None = None,
        **options: Unpack[FalOptions],
    ) -> AsyncQueueHandle[IdeogramV3ReplaceBackgroundOutput]: ...

    @overload
    async def submit(
        self,
        endpoint_id: str | Endpoint[Any, Any],
        arguments: object,
        *,
        webhook_url: str | None = None,
        **options: Unpack[FalOptions],
    ) -> AsyncQueueHandle[Any]: ...

    async def submit(
        self,
        endpoint_id: str | Endpoint[Any, Any],
        arguments: object,
        *,
        webhook_url: str | None = None,
        **options: Unpack[FalOptions],
    ) -> AsyncQueueHandle[Any]:
        """Validate ``arguments``, queue the job and return its handle (nothing is sent if invalid)."""
        return await super().submit(endpoint_id, arguments, webhook_url=webhook_url, **options)

    @overload
    async def subscribe(
        self,
        endpoint_id: Literal["fal-ai/ideogram/character"],
        arguments: IdeogramCharacterInput | dict[str, Any],
        *,
        on_update: Callable[[AnyStatus], object] | None = None,
        timeout: float | None = None,
        logs: bool = False,
        webhook_url: str | None = None,
        **options: Unpack[FalOptions],
    ) -> IdeogramCharacterOutput: ...

    @overload
    async def subscribe(
        self,
        endpoint_id: Literal["fal-ai/ideogram/character/edit"],
        arguments: IdeogramCharacterEditInput | dict[str, Any],
        *,
        on_update: Callable[[AnyStatus], object] | None = None,
        timeout: float | None = None,
        logs: bool = False,
        webhook_url: str | None = None,
        **options: Unpack[FalOptions],
    ) -> IdeogramCharacterEditOutput: ...

    @overload
    async def subscribe(
        self,
        endpoint_id: Literal["fal-ai/ideogram/character/remix"],
        arguments: IdeogramCharacterRemixInput | dict[str, Any],
        *,
        on_update: Callable[[AnyStatus], object] | None = None,
        timeout: float | None = None,
        logs: bool = False,
        webhook_url: str | None = None,
        **options: Unpack[FalOptions],
    ) -> IdeogramCharacterRemixOutput: ...

    @overload
    async def subscribe(
        self,
        endpoint_id: Literal["fal-ai/ideogram/v2/edit"],
        arguments: IdeogramV2EditInput | dict[str, Any],
        *,
        on_update: Callable[[AnyStatus], object] | None = None,
        timeout: float | None = None,
        logs: bool = False,
        webhook_url: str | None = None,
        **options: Unpack[FalOptions],
    ) -> IdeogramV2EditOutput: ...

    @overload
    async def subscribe(
        self,
        endpoint_id: Literal["fal-ai/ideogram/v3"],
        arguments: IdeogramV3Input | dict[str, Any],
        *,
        on_update: Callable[[AnyStatus], object] | None = None,
        timeout: float | None = None,
        logs: bool = False,
        webhook_url: str | None = None,
        **options: Unpack[FalOptions],
    ) -> IdeogramV3Output: ...

    @overload
    async def subscribe(
        self,
        endpoint_id: Literal["fal-ai/ideogram/v3/edit"],
        arguments: IdeogramV3EditInput | dict[str, Any],
        *,
        on_update: Callable[[AnyStatus], object] | None = None,
        timeout: float | None = None,
        logs: bool = False,
        webhook_url: str | None = None,
        **options: Unpack[FalOptions],
    ) -> IdeogramV3EditOutput: ...

    @overload
    async def subscribe(
        self,
        endpoint_id: Literal["fal-ai/ideogram/v3/reframe"],
        arguments: IdeogramV3ReframeInput | dict[str, Any],
        *,
        on_update: Callable[[AnyStatus], object] | None = None,
        timeout: float | None = None,
        logs: bool = False,
        webhook_url: str | None = None,
        **options: Unpack[FalOptions],
    ) -> IdeogramV3ReframeOutput: ...

    @overload
    async def subscribe(
        self,
        endpoint_id: Literal["fal-ai/ideogram/v3/remix"],
        arguments: IdeogramV3RemixInput | dict[str, Any],
        *,
        on_update: Callable[[AnyStatus], object] | None = None,
        timeout: float | None = None,
        logs: bool = False,
        webhook_url: str | None = None,
        **options: Unpack[FalOptions],
    ) -> IdeogramV3RemixOutput: ...

    @overload
    async def subscribe(
        self,
        endpoint_id: Literal["fal-ai/ideogram/v3/replace-background"],
        arguments: IdeogramV3ReplaceBackgroundInput | dict[str, Any],
        *,
        on_update: Callable[[AnyStatus], object] | None = None,
        timeout: float | None = None,
        logs: bool = False,
        webhook_url: str | None = None,
        **options: Unpack[FalOptions],
    ) -> IdeogramV3ReplaceBackgroundOutput: ...

    @overload
    async def subscribe(
        self,
        endpoint_id: str | Endpoint[Any, Any],
        arguments: object,
        *,
        on_update: Callable[[AnyStatus], object] | None = None,
        timeout: float | None = None,
        logs: bool = False,
        webhook_url: str | None = None,
        **options: Unpack[FalOptions],
    ) -> Any: ...

    async def subscribe(
        self,
        endpoint_id: str | Endpoint[Any, Any],
        arguments: object,
        *,
        on_update: Callable[[AnyStatus], object] | None = None,
        timeout: float | None = None,
        logs: bool = False,
        webhook_url: str | None = None,
        **options: Unpack[FalOptions],
    ) -> Any:
        """Submit, follow the status stream and return the typed output."""
        return await super().subscribe(
            endpoint_id,
            arguments,
            on_update=on_update,
            timeout=timeout,
            logs=logs,
            webhook_url=webhook_url,
            **options,
        )

    @overload
    async def run(
        self,
        endpoint_id: Literal["fal-ai/ideogram/character"],
        arguments: IdeogramCharacterInput | dict[str, Any],
        **options: Unpack[FalOptions],
    ) -> IdeogramCharacterOutput: ...

    @overload
    async def run(
        self,
        endpoint_id: Literal["fal-ai/ideogram/character/edit"],
        arguments: IdeogramCharacterEditInput | dict[str, Any],
        **options: Unpack[FalOptions],
    ) -> IdeogramCharacterEditOutput: ...

    @overload
    async def run(
        self,
        endpoint_id: Literal["fal-ai/ideogram/character/remix"],
        arguments: IdeogramCharacterRemixInput | dict[str, Any],
        **options: Unpack[FalOptions],
    ) -> IdeogramCharacterRemixOutput: ...

    @overload
    async def run(
        self,
        endpoint_id: Literal["fal-ai/ideogram/v2/edit"],
        arguments: IdeogramV2EditInput | dict[str, Any],
        **options: Unpack[FalOptions],
    ) -> IdeogramV2EditOutput: ...

    @overload
    async def run(
        self,
        endpoint_id: Literal["fal-ai/ideogram/v3"],
        arguments: IdeogramV3Input | dict[str, Any],
        **options: Unpack[FalOptions],
    ) -> IdeogramV3Output: ...

    @overload
    async def run(
        self,
        endpoint_id: Literal["fal-ai/ideogram/v3/edit"],
        arguments: IdeogramV3EditInput | dict[str, Any],
        **options: Unpack[FalOptions],
    ) -> IdeogramV3EditOutput: ...

    @overload
    async def run(
        self,
        endpoint_id: Literal["fal-ai/ideogram/v3/reframe"],
        arguments: IdeogramV3ReframeInput | dict[str, Any],
        **options: Unpack[FalOptions],
    ) -> IdeogramV3ReframeOutput: ...

    @overload
    async def run(
        self,
        endpoint_id: Literal["fal-ai/ideogram/v3/remix"],
        arguments: IdeogramV3RemixInput | dict[str, Any],
        **options: Unpack[FalOptions],
    ) -> IdeogramV3RemixOutput: ...

    @overload
    async def run(
        self,
        endpoint_id: Literal["fal-ai/ideogram/v3/replace-background"],
        arguments: IdeogramV3ReplaceBackgroundInput | dict[str, Any],
        **options: Unpack[FalOptions],
    ) -> IdeogramV3ReplaceBackgroundOutput: ...

    @overload
    async def run(
        self, endpoint_id: str | Endpoint[Any, Any], arguments: object, **options: Unpack[FalOptions]
    ) -> Any: ...

    async def run(self, endpoint_id: str | Endpoint[Any, Any], arguments: object, **options: Unpack[FalOptions]) -> Any:
        """Call the sync host and return the typed output."""
        return await super().run(endpoint_id, arguments, **options)


class AsyncMagnificClient(_AsyncMagnificBase):
    """Async client for Magnific's task API; one attribute per endpoint (``.ideogram_image_edit``).

    ``api_key`` defaults to ``MAGNIFIC_API_KEY``; ``brand="freepik"`` switches to the Freepik host
    and header (and ``FREEPIK_API_KEY``). A missing key fails at the first request.
    """

    @cached_property
    def ideogram_image_edit(self) -> AsyncMagnificIdeogramImageEditResource:
        "Edit an image with Ideogram inpainting through Magnific's task API (black mask regions are edited)."
        from ideogram_clients.resources.magnific_ideogram_image_edit import AsyncMagnificIdeogramImageEditResource

        return AsyncMagnificIdeogramImageEditResource(self)
