"""Webhook delivery, signed like the real providers (signing itself is ``ideogram_clients.webhooks``).

fal: one POST when a queue job ends, body ``{request_id, gateway_request_id, status: OK|ERROR,
payload, error?}``, Ed25519-signed with the emulator's test key (its JWKS is served at
``/.well-known/jwks.json``). Magnific: one POST per task status change, body = the task, signed
Standard-Webhooks style with the configured secret (one ``webhook-id`` per message, kept across
retries). Each delivery is tried ``webhook_attempts`` times with doubling pauses; 2xx ends it.
Targets must be loopback hosts unless ``allow_remote_webhooks`` (checked when the job is created).
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import time
from collections.abc import Callable, Coroutine
from typing import Any

import httpx
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from ideogram_clients.emulator._options import EmulatorOptions
from ideogram_clients.emulator._stats import Stats
from ideogram_clients.webhooks import fal_jwks, sign_fal, sign_magnific

__all__ = ["WebhookSender", "fal_private_key"]


def fal_private_key(options: EmulatorOptions) -> Ed25519PrivateKey:
    """The configured test key, or one derived from the seed (stable across runs)."""
    raw = options.fal_webhook_key or hashlib.sha256(f"ideogram-clients-emulator:{options.seed}".encode()).digest()
    return Ed25519PrivateKey.from_private_bytes(raw)


def _encode(body: object) -> bytes:
    return json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


class WebhookSender:
    """Schedules deliveries as tasks on the running loop and keeps them until they finish."""

    def __init__(self, options: EmulatorOptions, stats: Stats) -> None:
        self.options = options
        self.stats = stats
        self.private_key = fal_private_key(options)
        self._tasks: set[asyncio.Task[None]] = set()
        self._message_ids = 0

    def jwks(self) -> dict[str, Any]:
        return fal_jwks(self.private_key.public_key())

    def spawn(self, work: Coroutine[Any, Any, None]) -> None:
        """Run ``work`` in the background; the pending counter drops when it ends."""
        self.stats.webhook("pending")
        task = asyncio.get_running_loop().create_task(work)
        self._tasks.add(task)
        task.add_done_callback(self._finished)

    def _finished(self, task: asyncio.Task[None]) -> None:
        self._tasks.discard(task)
        self.stats.webhook("done")

    async def drain(self) -> None:
        """Wait for every delivery started on this loop."""
        loop = asyncio.get_running_loop()
        while pending := [task for task in self._tasks if task.get_loop() is loop]:
            await asyncio.gather(*pending, return_exceptions=True)

    async def send_fal(self, url: str, request_id: str, body: dict[str, Any]) -> bool:
        data = _encode(body)

        def headers() -> dict[str, str]:
            return sign_fal(
                self.private_key,
                request_id=request_id,
                user_id=self.options.fal_user_id,
                body=data,
                timestamp=int(time.time()),
            )

        return await self._post(url, data, headers)

    async def send_magnific(self, url: str, task: dict[str, Any]) -> bool:
        data = _encode(task)
        self._message_ids += 1
        webhook_id = f"msg_{task.get('task_id', 'task')}_{self._message_ids}"

        def headers() -> dict[str, str]:
            return sign_magnific(
                self.options.magnific_webhook_secret, webhook_id=webhook_id, body=data, timestamp=int(time.time())
            )

        return await self._post(url, data, headers)

    async def _post(self, url: str, data: bytes, headers: Callable[[], dict[str, str]]) -> bool:
        """POST with retries; True when a 2xx answer came back."""
        pause = self.options.webhook_backoff
        async with httpx.AsyncClient(transport=self.options.webhook_transport, timeout=10.0) as client:
            for attempt in range(self.options.webhook_attempts):
                if attempt:
                    await asyncio.sleep(pause)
                    pause *= 2
                try:
                    signed = {"content-type": "application/json", **headers()}
                    response = await client.post(url, content=data, headers=signed)
                except httpx.HTTPError:
                    self.stats.webhook("attempt_failed")
                    continue
                if response.is_success:
                    self.stats.webhook("delivered")
                    return True
                self.stats.webhook("attempt_failed")
        self.stats.webhook("abandoned")
        return False
