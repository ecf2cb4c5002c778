"""Magnific's clients, sync and async: the names the rest of the package imports.

:class:`AsyncMagnificClient` is written in ``_async/magnific.py``; :class:`SyncMagnificClient` is
generated from it into ``_sync/magnific.py``; what both share lives in ``_magnific_core.py``.
"""

from __future__ import annotations

from ideogram_clients._async.magnific import AsyncMagnificClient
from ideogram_clients._magnific_core import Brand
from ideogram_clients._sync.magnific import SyncMagnificClient

__all__ = ["AsyncMagnificClient", "Brand", "SyncMagnificClient"]
