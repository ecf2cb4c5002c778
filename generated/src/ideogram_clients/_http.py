"""The transport seam every client stands on, sync and async: the names the rest of the package imports.

:class:`AsyncHTTP` is written in ``_async/http.py``; :class:`SyncHTTP` is generated from it into
``_sync/http.py``; what both share (auth, request building, stream bounds) lives in ``_http_core.py``.
"""

from __future__ import annotations

from ideogram_clients._async.http import AsyncHTTP
from ideogram_clients._http_core import DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_TIMEOUT, USER_AGENT, Auth, tighten_stream
from ideogram_clients._sync.http import SyncHTTP

__all__ = [
    "DEFAULT_MAX_RESPONSE_BYTES",
    "DEFAULT_TIMEOUT",
    "USER_AGENT",
    "AsyncHTTP",
    "Auth",
    "SyncHTTP",
    "tighten_stream",
]
