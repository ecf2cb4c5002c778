"""What every client does with its transport: build it from the client's options, close it, and
close it on leaving a ``with`` block."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Self

import httpx

from ideogram_clients._async.http import AsyncHTTP
from ideogram_clients._http_core import Auth

__all__ = ["AsyncClientBase"]


class AsyncClientBase:
    """The transport half of a client (the provider half is its ``…Config`` mixin)."""

    _http: AsyncHTTP

    def _connect(
        self,
        auth: Auth,
        timeout: httpx.Timeout | float | None,
        max_retries: int,
        http_client: httpx.AsyncClient | None,
        default_headers: Mapping[str, str] | None,
    ) -> None:
        self._http = AsyncHTTP(
            auth, timeout=timeout, max_retries=max_retries, http_client=http_client, default_headers=default_headers
        )

    async def close(self) -> None:
        await self._http.close()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()
