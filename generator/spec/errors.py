"""The one error the spec loader raises: ``specs/<file>.yaml:<key.path>: message``."""

from __future__ import annotations


class SpecError(Exception):
    """A spec file is malformed or contradicts itself.

    ``str()`` is the ``file:key.path: message`` line the CLI prints; the parts stay available for
    tools that want to point at the spot.
    """

    def __init__(self, file: str, path: str, message: str) -> None:
        self.file = file
        self.path = path
        self.message = message
        location = f"{file}:{path}" if path else file
        super().__init__(f"{location}: {message}")
