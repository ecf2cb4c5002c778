"""The one JSON decoder for what a server (or a webhook sender) hands us.

``json.loads`` raises :class:`RecursionError` on a body nested deeper than the interpreter's stack
(100,000 ``[``), which no caller expects; here it is a :class:`ValueError` like any other
undecodable body, so each caller's typed error (a malformed answer, a fallback to polling) applies.
"""

from __future__ import annotations

import json
from typing import Any

__all__ = ["loads"]


def loads(data: str | bytes | bytearray) -> Any:
    """The decoded JSON of ``data``; :class:`ValueError` if it is not JSON or nests too deeply to decode."""
    try:
        return json.loads(data)
    except RecursionError:
        raise ValueError("JSON nested too deeply to decode") from None
