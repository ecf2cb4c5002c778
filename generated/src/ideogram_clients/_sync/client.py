# generated from generator/static/src/ideogram_clients/_async/client.py by the unasync step, do not edit
"""What every client does with its transport: build it from the client's options, close it, and
close it on leaving a ``with`` block."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Self

import httpx

from ideogram_clients._http_core import Auth
from ideogram_clients._sync.http import SyncHTTP

__all__ = ["SyncClientBase"]


class SyncClientBase:
    """The transport half of a client (the provider half is its ``…Config`` mixin)."""

    _http: SyncHTTP

    def _connect(
        self,
        auth: Auth,
        timeout: httpx.Timeout | float | None,
        max_retries: int,
        http_client: httpx.Client | None,
        default_headers: Mapping[str, str] | None,
    ) -> None:
        self._http = SyncHTTP(
            auth, timeout=timeout, max_retries=max_retries, http_client=http_client, default_headers=default_headers
        )

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
