"""Finding an endpoint by id for a client, with an error that lists what exists."""

from __future__ import annotations

from typing import Any

from ideogram_clients._endpoint import Endpoint
from ideogram_clients._endpoints import ENDPOINTS

__all__ = ["endpoint_for"]


def endpoint_for(endpoint_id: object, provider: str) -> Endpoint[Any, Any]:
    """The registry entry for ``endpoint_id``; a ``ValueError`` naming the known ids otherwise."""
    endpoint = ENDPOINTS.get(endpoint_id) if isinstance(endpoint_id, str) else None
    if endpoint is None or endpoint.provider != provider:
        known = ", ".join(key for key, value in ENDPOINTS.items() if value.provider == provider)
        raise ValueError(f"unknown {provider} endpoint {endpoint_id!r}; known: {known}")
    return endpoint
