# Generated from generator/spec/model.py by `python -m generator generate`. Do not edit.
"""The protocol facts of an endpoint, as its spec's ``protocol:`` block states them."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["FalProtocol", "MagnificOperation", "MagnificProtocol"]


@dataclass(frozen=True)
class MagnificOperation:
    """One HTTP operation of Magnific's task API (create, get or list)."""

    method: str
    path: str


@dataclass(frozen=True)
class FalProtocol:
    """fal's queue and sync protocol facts for one endpoint (from the spec's ``protocol:`` block)."""

    queue_url: str
    run_url: str
    auth_header: str
    auth_scheme: str
    app: str


@dataclass(frozen=True)
class MagnificProtocol:
    """Magnific's task API facts for one endpoint."""

    base_url: str
    auth_header: str
    alt_base_url: str
    alt_auth_header: str
    create: MagnificOperation
    get: MagnificOperation
    list: MagnificOperation
    envelope: str
    statuses: tuple[str, ...]
