"""Where keys and hosts come from: arguments first, then the documented environment variables.

Keys are wrapped in :class:`Secret` as soon as they are read, so no ``repr``, log line or error
message can show them. A missing key is only an error when a request needs it, never at import or
construction, so a client can be built (and inputs validated) on a machine without credentials.
"""

from __future__ import annotations

import ipaddress
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from ideogram_clients._errors import InvalidAPIKeyError, MissingAPIKeyError

__all__ = [
    "BASE_URL_ENV",
    "FAL_RUN_PATH",
    "Secret",
    "check_base_url",
    "fal_hosts",
    "fal_key",
    "is_loopback",
    "magnific_host",
    "magnific_key",
    "origin",
]


@dataclass(frozen=True)
class Secret:
    """An API key that never shows itself: ``repr`` and ``str`` are redacted."""

    _value: str

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "Secret('**********')"

    __str__ = __repr__


#: Printable ASCII: what an HTTP header value can carry unchanged (RFC 9110 field-value, no obs-text).
_KEY_TEXT = re.compile(r"[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?")


def _secret(value: str, source: str) -> Secret:
    """A key read from ``source``: surrounding whitespace (a newline from a file) stripped, the rest
    checked, so that no HTTP library ever sees it (its error would repeat the key)."""
    key = value.strip()
    if not _KEY_TEXT.fullmatch(key):
        raise InvalidAPIKeyError(
            f"the API key from {source} contains a control or non-ASCII character; an HTTP header cannot"
            " carry it (the key is not shown)"
        )
    return Secret(key)


def fal_key(api_key: str | None, env: Mapping[str, str] | None = None) -> Secret | None:
    """``api_key``, else ``FAL_KEY``, else ``FAL_KEY_ID:FAL_KEY_SECRET`` (like fal-client); None if none."""
    env = os.environ if env is None else env
    if api_key:
        return _secret(api_key, "api_key")
    if env.get("FAL_KEY"):
        return _secret(env["FAL_KEY"], "FAL_KEY")
    key_id, key_secret = env.get("FAL_KEY_ID"), env.get("FAL_KEY_SECRET")
    if key_id and key_secret:
        return _secret(f"{key_id.strip()}:{key_secret.strip()}", "FAL_KEY_ID/FAL_KEY_SECRET")
    return None


def magnific_key(
    api_key: str | None, env_names: tuple[str, ...], env: Mapping[str, str] | None = None
) -> Secret | None:
    """``api_key``, else the first of ``env_names`` that is set; None if none."""
    env = os.environ if env is None else env
    if api_key:
        return _secret(api_key, "api_key")
    for name in env_names:
        if env.get(name):
            return _secret(env[name], name)
    return None


def require_key(key: Secret | None, where: str) -> Secret:
    """The key, or the error that says how to provide one."""
    if key is None:
        raise MissingAPIKeyError(f"no API key: pass api_key= or set {where}")
    return key


#: One variable that points every client (fal and Magnific, library and CLI) at another host.
BASE_URL_ENV = "IDEOGRAM_CLIENTS_BASE_URL"
#: Where fal's sync API sits below a single base URL (the emulator's layout).
FAL_RUN_PATH = "/fal-run"


def fal_hosts(
    queue_url: str | None,
    run_url: str | None,
    base_url: str | None,
    defaults: tuple[str, str],
    env: Mapping[str, str] | None = None,
) -> tuple[str, str]:
    """Queue and sync base URLs, the most specific source first: ``queue_url``/``run_url``, then
    ``base_url`` (queue at ``URL``, sync at ``URL/fal-run``), then ``FAL_QUEUE_RUN_HOST`` /
    ``FAL_RUN_HOST`` (like fal-client: the queue host defaults to ``queue.<run host>``), then
    ``IDEOGRAM_CLIENTS_BASE_URL`` read like ``base_url``, then fal's own hosts."""
    env = os.environ if env is None else env
    run_host = env.get("FAL_RUN_HOST")
    queue_host = env.get("FAL_QUEUE_RUN_HOST") or (f"queue.{run_host}" if run_host else None)
    if base_url:
        hosts = _split_base(base_url, "base_url")
    elif queue_host or run_host:
        hosts = (
            _with_scheme(queue_host) if queue_host else defaults[0],
            _with_scheme(run_host) if run_host else defaults[1],
        )
    else:
        shared = env.get(BASE_URL_ENV)
        hosts = _split_base(shared, BASE_URL_ENV) if shared else defaults
    return check_base_url(queue_url or hosts[0], "queue_url"), check_base_url(run_url or hosts[1], "run_url")


def fal_storage_host(
    base_url: str | None, default: str, env: Mapping[str, str] | None = None, *, explicit_hosts: bool = False
) -> str:
    """Where storage tokens come from (the fal key goes there): ``base_url``, else
    ``IDEOGRAM_CLIENTS_BASE_URL`` unless the fal hosts were chosen otherwise (``queue_url``/``run_url``
    arguments, ``FAL_QUEUE_RUN_HOST``/``FAL_RUN_HOST``): the key then stays with fal's REST host."""
    env = os.environ if env is None else env
    if base_url:
        return check_base_url(base_url, "base_url")
    shared = env.get(BASE_URL_ENV)
    if shared and not explicit_hosts and not (env.get("FAL_QUEUE_RUN_HOST") or env.get("FAL_RUN_HOST")):
        return check_base_url(shared, BASE_URL_ENV)
    return default


def magnific_host(base_url: str | None, default: str, env: Mapping[str, str] | None = None) -> str:
    """``base_url``, then ``IDEOGRAM_CLIENTS_BASE_URL``, then Magnific's own host."""
    env = os.environ if env is None else env
    if base_url:
        return check_base_url(base_url, "base_url")
    shared = env.get(BASE_URL_ENV)
    return check_base_url(shared, BASE_URL_ENV) if shared else default


def _split_base(url: str, name: str) -> tuple[str, str]:
    """``(queue, sync)`` below one base URL."""
    base = check_base_url(url, name)
    return base, base + FAL_RUN_PATH


def _with_scheme(host: str) -> str:
    return host if "://" in host else f"https://{host}"


def is_loopback(host: str | None) -> bool:
    """``localhost`` or a loopback IP literal (127.0.0.0/8, ::1). Names are not resolved."""
    if not host:
        return False
    host = host.strip("[]").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_base_url(url: str, name: str) -> str:
    """``url`` without a trailing slash; https required except for loopback hosts (tests, the emulator)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"{name}: expected an http(s) URL, got {url!r}")
    if parts.scheme == "http" and not is_loopback(parts.hostname):
        raise ValueError(f"{name}: https is required for {parts.hostname!r} (http is allowed only for loopback hosts)")
    if parts.query or parts.fragment:
        raise ValueError(f"{name}: a base URL takes no query or fragment, got {url!r}")
    return url.rstrip("/")


def origin(url: str) -> tuple[str, str, int | None]:
    """``(scheme, host, port)`` with default ports made explicit, for same-host checks."""
    parts = urlsplit(url)
    port = parts.port or {"http": 80, "https": 443}.get(parts.scheme)
    return parts.scheme, (parts.hostname or "").lower(), port
