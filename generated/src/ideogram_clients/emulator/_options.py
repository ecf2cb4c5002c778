"""The emulator's knobs, in one frozen object shared by the constructor and the CLI.

Defaults make a quiet, fast, fault-free emulator: half a second per job, eight jobs at once, no
simulated queue ahead. Everything random (ids, seeds, faults) derives from ``seed``, so two runs
with the same options and the same request order answer the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

import httpx

__all__ = ["DEFAULT_MAX_BODY_BYTES", "EmulatorOptions", "FaultRates"]

#: 64 MiB: six 10 MB images as base64 fit, a runaway upload does not.
DEFAULT_MAX_BODY_BYTES = 64 << 20


@dataclass(frozen=True)
class FaultRates:
    """Probability per API request of each injected fault (they exclude each other; sum ≤ 1).

    ``error_500``: fal answers 500 *with* ``x-fal-request-id`` (a runner error, which fal-client does
    not retry), Magnific 500. ``error_503``: fal answers 503 *without* it (the edge, retried),
    Magnific 503. ``rate_limit``: 429 with ``Retry-After``. ``drop``: the connection closes before a
    complete response. ``slow``: the answer is delayed by ``slow_seconds``. ``stream_drop`` applies
    to status streams only (cut after their first event) and ``job_failure`` to created jobs (they
    run and end in error), each from its own random sequence. ``lost_reply``: the request is handled
    (a submit creates its job) and then the connection closes before the answer: the client cannot
    know the job's id, the case a careful client must not resubmit blindly.
    """

    error_500: float = 0.0
    error_503: float = 0.0
    rate_limit: float = 0.0
    drop: float = 0.0
    slow: float = 0.0
    stream_drop: float = 0.0
    job_failure: float = 0.0
    lost_reply: float = 0.0

    def __post_init__(self) -> None:
        for item in fields(self):
            value = getattr(self, item.name)
            if not isinstance(value, int | float) or not 0.0 <= value <= 1.0:
                raise ValueError(f"fault rate {item.name} must be between 0 and 1, got {value!r}")
        if self.request_total > 1.0 + 1e-9:
            raise ValueError(f"request fault rates add up to {self.request_total:g}, more than 1")

    @property
    def request_total(self) -> float:
        """The chance that a request gets one of the per-request faults."""
        return self.error_500 + self.error_503 + self.rate_limit + self.drop + self.slow + self.lost_reply

    @classmethod
    def uniform(cls, total: float) -> FaultRates:
        """``total`` spread evenly over the faults a retrying client must survive (503, 429, drop, slow)."""
        share = total / 4
        return cls(error_503=share, rate_limit=share, drop=share, slow=share)


@dataclass(frozen=True)
class EmulatorOptions:
    """How the emulator behaves. Durations are seconds.

    Queue model: every job first waits behind ``queue_depth`` simulated jobs that leave one per
    ``queue_step`` (default ``job_duration``), then for one of ``workers`` slots, then runs for
    ``job_duration``. ``queue_position`` counts the simulated jobs left plus real jobs still queued
    ahead. ``size_divisor`` shrinks the ``image_size`` presets (square_hd 1024x1024 → 256x256 with
    4) to keep tests light; explicit ``{width, height}`` sizes are drawn as asked, up to
    ``max_image_side``. ``api_keys`` empty accepts any non-empty key; otherwise only these (fal
    ``Key <k>``, Magnific header value). ``fal_webhook_key`` is a raw 32-byte Ed25519 private key
    (default: derived from ``seed``). Webhooks go to loopback hosts only unless
    ``allow_remote_webhooks``; ``webhook_transport`` replaces the network for tests.

    ``create_faults`` (None: ``faults``) are the per-request fault rates of job-creating requests
    (fal submit and sync run, Magnific create); their ``stream_drop`` and ``job_failure`` are not
    used. A run can so keep the faults a careful client must not retry on a create (a 500 from the
    app, a connection lost after the body was sent: the job may exist) away from job creation, while
    status, stream and result requests still get them.
    """

    job_duration: float = 0.5
    workers: int = 8
    queue_depth: int = 0
    queue_step: float | None = None
    seed: int = 0
    api_keys: tuple[str, ...] = ()
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
    max_upload_bytes: int = 1 << 30
    size_divisor: int = 1
    max_image_side: int = 4096
    faults: FaultRates = field(default_factory=FaultRates)
    create_faults: FaultRates | None = None
    retry_after: int = 1
    slow_seconds: float = 1.0
    ping_interval: float = 15.0
    magnific_webhook_secret: str = "emulator-webhook-secret"  # noqa: S105 - a test secret
    fal_user_id: str = "emulator-user"
    fal_webhook_key: bytes | None = None
    webhook_attempts: int = 3
    webhook_backoff: float = 0.2
    allow_remote_webhooks: bool = False
    webhook_transport: httpx.AsyncBaseTransport | None = None
    public_url: str | None = None

    def __post_init__(self) -> None:
        checks = {
            "job_duration": self.job_duration >= 0,
            "workers": self.workers >= 1,
            "queue_depth": self.queue_depth >= 0,
            "queue_step": self.queue_step is None or self.queue_step >= 0,
            "max_body_bytes": self.max_body_bytes >= 1,
            "max_upload_bytes": self.max_upload_bytes >= 1,
            "size_divisor": self.size_divisor >= 1,
            "max_image_side": self.max_image_side >= 1,
            "retry_after": self.retry_after >= 0,
            "slow_seconds": self.slow_seconds >= 0,
            "ping_interval": self.ping_interval > 0,
            "webhook_attempts": self.webhook_attempts >= 1,
            "webhook_backoff": self.webhook_backoff >= 0,
        }
        bad = [name for name, ok in checks.items() if not ok]
        if bad:
            shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in bad)
            raise ValueError(f"invalid emulator options: {shown}")
        if self.fal_webhook_key is not None and len(self.fal_webhook_key) != 32:
            raise ValueError("fal_webhook_key must be a raw 32-byte Ed25519 private key")
        if any(not key for key in self.api_keys):
            raise ValueError("api_keys must not contain an empty key")

    @property
    def step(self) -> float:
        """Seconds for one simulated job ahead to leave the queue."""
        return self.job_duration if self.queue_step is None else self.queue_step
