"""Bases of the generated per-endpoint resources (``fal.v2_edit``, ``mag.ideogram_image_edit``).

A resource binds one endpoint to a client; the generated subclass adds methods whose keyword
arguments are the endpoint's fields, typed and documented from the spec, and that pass only the
arguments actually given (see :data:`~ideogram_clients._omit.omit`) to the client's generic methods.
"""

from __future__ import annotations

from typing import Any, ClassVar, Generic, TypeVar

from ideogram_clients._endpoint import Endpoint
from ideogram_clients._fal import AsyncFalClient, SyncFalClient
from ideogram_clients._magnific import AsyncMagnificClient, SyncMagnificClient
from ideogram_clients._models import OutputModel

__all__ = ["AsyncFalResource", "AsyncMagnificResource", "FalResource", "MagnificResource"]

OutputT = TypeVar("OutputT", bound=OutputModel)
ClientT = TypeVar("ClientT")


class _Resource(Generic[ClientT, OutputT]):
    endpoint_id: ClassVar[str]

    def __init__(self, client: ClientT) -> None:
        from ideogram_clients._endpoints import ENDPOINTS

        self._client = client
        self.endpoint: Endpoint[Any, OutputT] = ENDPOINTS[self.endpoint_id]

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.endpoint_id!r}>"


class FalResource(_Resource[SyncFalClient, OutputT]):
    """One fal endpoint on a :class:`~ideogram_clients.FalClient`."""


class AsyncFalResource(_Resource[AsyncFalClient, OutputT]):
    """One fal endpoint on an :class:`~ideogram_clients.AsyncFalClient`."""


class MagnificResource(_Resource[SyncMagnificClient, OutputT]):
    """One Magnific endpoint on a :class:`~ideogram_clients.MagnificClient`."""


class AsyncMagnificResource(_Resource[AsyncMagnificClient, OutputT]):
    """One Magnific endpoint on an :class:`~ideogram_clients.AsyncMagnificClient`."""
