"""Loopback checks: the emulator never talks to the outside world unless told to."""

from __future__ import annotations

from urllib.parse import urlsplit

from ideogram_clients._config import is_loopback as is_loopback_host

__all__ = ["is_loopback_host", "is_loopback_url"]


def is_loopback_url(url: str) -> bool:
    """An http(s) URL whose host is loopback."""
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and is_loopback_host(parts.hostname)
