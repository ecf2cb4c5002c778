"""The emulator's "CDN": outputs and uploads kept in memory and served at ``/files/{name}``.

Files live as long as the emulator (it is a test tool, not a cache); a client may also send a
served URL back as an input image (an output, or a file it uploaded to the emulated fal storage),
which is resolved here instead of over the network.
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
        self._types: dict[str, str] = {}

    def put(self, name: str, data: bytes, content_type: str | None = None) -> None:
        with self._lock:
            self._files[name] = data
            self._types[name] = content_type or "image/png"

    def get(self, name: str) -> bytes | None:
        with self._lock:
            return self._files.get(name)

    def content_type(self, name: str) -> str:
        with self._lock:
            return self._types.get(name, "application/octet-stream")

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
