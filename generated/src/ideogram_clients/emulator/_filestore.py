"""The emulator's "CDN": output PNGs kept in memory and served at ``/files/{name}``.

Outputs live as long as the emulator (it is a test tool, not a cache); a client may also send a
served URL back as an input image, which is resolved here instead of over the network.
"""

from __future__ import annotations

import threading
from urllib.parse import urlsplit

from ideogram_clients.emulator._net import is_loopback_host

__all__ = ["FileStore"]

_PREFIX = "/files/"


class FileStore:
    """Named blobs, thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._files: dict[str, bytes] = {}

    def put(self, name: str, data: bytes) -> None:
        with self._lock:
            self._files[name] = data

    def get(self, name: str) -> bytes | None:
        with self._lock:
            return self._files.get(name)

    def __len__(self) -> int:
        with self._lock:
            return len(self._files)

    @staticmethod
    def url(base_url: str, name: str) -> str:
        return f"{base_url.rstrip('/')}{_PREFIX}{name}"

    def resolve(self, url: str, base_url: str) -> bytes | None:
        """The bytes behind ``url`` if this emulator served it (same host, or any loopback host)."""
        parts = urlsplit(url)
        if not parts.path.startswith(_PREFIX):
            return None
        own = urlsplit(base_url)
        if parts.netloc != own.netloc and not is_loopback_host(parts.hostname):
            return None
        return self.get(parts.path[len(_PREFIX) :])
