"""fal's clients and queue handles, sync and async: the names the rest of the package imports.

:class:`AsyncFalClient` and :class:`AsyncQueueHandle` are written in ``_async/fal.py``;
:class:`SyncFalClient` and :class:`QueueHandle` are generated from it into ``_sync/fal.py``; what
both share lives in ``_fal_core.py``.
"""

from __future__ import annotations

from ideogram_clients._async.fal import AsyncFalClient, AsyncQueueHandle
from ideogram_clients._fal_core import AnyStatus, FalOptions
from ideogram_clients._sync.fal import QueueHandle, SyncFalClient

__all__ = ["AnyStatus", "AsyncFalClient", "AsyncQueueHandle", "FalOptions", "QueueHandle", "SyncFalClient"]
