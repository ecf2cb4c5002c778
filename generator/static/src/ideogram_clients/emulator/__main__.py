"""``python -m ideogram_clients.emulator``: run the emulator in the foreground until Ctrl-C.

Prints the base URL on its first line (and writes it to ``--ready-file`` once the socket listens),
so scripts can start it on ``--port 0`` and read where it is.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Sequence
from pathlib import Path

from ideogram_clients.emulator import EXTRA_HINT
from ideogram_clients.emulator._options import DEFAULT_MAX_BODY_BYTES, EmulatorOptions, FaultRates

__all__ = ["main", "parser"]


def _rate(text: str) -> float:
    value = float(text)
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"{text} is not a rate between 0 and 1")
    return value


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number") from None
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"{value} is not a port between 0 and 65535")
    return value


def parser(prog: str = "python -m ideogram_clients.emulator") -> argparse.ArgumentParser:
    cli = argparse.ArgumentParser(
        prog=prog,
        description="Local emulator of fal (queue at /, sync at /fal-run) and Magnific (/v1/ai/...).",
    )
    add = cli.add_argument
    add("--host", default="127.0.0.1", help="address to bind (loopback only unless --allow-remote)")
    add("--port", type=_port, default=8765, help="port to bind; 0 picks a free one (default 8765)")
    add("--allow-remote", action="store_true", help="allow binding a non-loopback address")
    add("--ready-file", type=Path, help="write the base URL to this file once listening")
    add("--job-duration", type=float, default=0.5, help="seconds a job runs (default 0.5)")
    add("--workers", type=int, default=8, help="jobs running at once; more wait in the queue (default 8)")
    add("--queue-depth", type=int, default=0, help="simulated jobs ahead of every new job (default 0)")
    add("--queue-step", type=float, help="seconds per simulated job ahead (default: --job-duration)")
    add("--seed", type=int, default=0, help="seed of ids, output seeds, images' randomness and faults")
    add("--api-key", action="append", default=[], help="accept only this key (repeatable; default: any key)")
    add("--max-body-bytes", type=int, default=DEFAULT_MAX_BODY_BYTES, help="request body cap, 413 above")
    add("--size-divisor", type=int, default=1, help="divide the image_size presets by this (default 1)")
    add("--max-image-side", type=int, default=4096, help="largest output side in pixels (default 4096)")
    add("--magnific-webhook-secret", default="emulator-webhook-secret", help="HMAC secret of Magnific webhooks")
    add("--fal-user-id", default="emulator-user", help="x-fal-webhook-user-id of fal webhooks")
    add("--webhook-attempts", type=int, default=3, help="tries per webhook delivery (default 3)")
    add("--allow-remote-webhooks", action="store_true", help="deliver webhooks to non-loopback hosts")
    add("--public-url", help="base URL to put in links (default: the URL the client used)")
    add("--fault-500", type=_rate, default=0.0, help="rate of 500 answers (fal: with x-fal-request-id)")
    add("--fault-503", type=_rate, default=0.0, help="rate of 503 answers (fal: edge, no request id)")
    add("--fault-429", type=_rate, default=0.0, help="rate of 429 answers with Retry-After")
    add("--fault-drop", type=_rate, default=0.0, help="rate of dropped connections")
    add("--fault-slow", type=_rate, default=0.0, help="rate of slow answers (see --slow-seconds)")
    add("--fault-stream-drop", type=_rate, default=0.0, help="rate of status streams cut after one event")
    add("--fault-job-failure", type=_rate, default=0.0, help="rate of jobs that end in error")
    add("--fault-lost-reply", type=_rate, default=0.0, help="rate of requests handled whose answer is then lost")
    add(
        "--safe-create-faults",
        action="store_true",
        help="on job-creating requests inject only faults that cannot have created a job "
        "(edge 503, 429, slow); 500s and drops hit status, stream and result requests only",
    )
    add("--retry-after", type=int, default=1, help="Retry-After seconds of injected 429s (default 1)")
    add("--slow-seconds", type=float, default=1.0, help="delay of slow answers (default 1)")
    add("--ping-interval", type=float, default=15.0, help="seconds between ': ping' comments on streams")
    add("--log-level", default="info", choices=["critical", "error", "warning", "info", "debug"])
    add("--access-log", action="store_true", help="log every request")
    return cli


def options_from(args: argparse.Namespace) -> EmulatorOptions:
    faults = FaultRates(
        error_500=args.fault_500,
        error_503=args.fault_503,
        rate_limit=args.fault_429,
        drop=args.fault_drop,
        slow=args.fault_slow,
        stream_drop=args.fault_stream_drop,
        job_failure=args.fault_job_failure,
        lost_reply=args.fault_lost_reply,
    )
    create_faults = (
        FaultRates(error_503=faults.error_503, rate_limit=faults.rate_limit, slow=faults.slow)
        if args.safe_create_faults
        else None
    )
    return EmulatorOptions(
        job_duration=args.job_duration,
        workers=args.workers,
        queue_depth=args.queue_depth,
        queue_step=args.queue_step,
        seed=args.seed,
        api_keys=tuple(args.api_key),
        max_body_bytes=args.max_body_bytes,
        size_divisor=args.size_divisor,
        max_image_side=args.max_image_side,
        faults=faults,
        create_faults=create_faults,
        retry_after=args.retry_after,
        slow_seconds=args.slow_seconds,
        ping_interval=args.ping_interval,
        magnific_webhook_secret=args.magnific_webhook_secret,
        fal_user_id=args.fal_user_id,
        webhook_attempts=args.webhook_attempts,
        allow_remote_webhooks=args.allow_remote_webhooks,
        public_url=args.public_url,
    )


def main(argv: Sequence[str] | None = None, *, prog: str | None = None) -> int:
    """Serve until interrupted; 2 on bad options. ``prog`` names the command in usage and help."""
    cli = parser() if prog is None else parser(prog)
    args = cli.parse_args(argv)
    try:
        from ideogram_clients.emulator._emulator import Emulator
        from ideogram_clients.emulator._server import bind, check_host, serve_forever, url_of
    except ImportError as exc:
        print(f"error: {EXTRA_HINT} ({exc.name} is missing)", file=sys.stderr)
        return 2

    try:
        options = options_from(args)
        check_host(args.host, args.allow_remote)
        sock = bind(args.host, args.port)
    except (ValueError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    emulator = Emulator(options)
    url = url_of(sock)
    print(url, flush=True)
    print(
        f"ideogram-clients emulator: fal queue {url}, fal sync {url}/fal-run, Magnific {url}/v1/ai/... "
        f"(keys: {'any' if not options.api_keys else len(options.api_keys)}, seed {options.seed})",
        file=sys.stderr,
        flush=True,
    )
    if args.ready_file is not None:
        args.ready_file.write_text(url + "\n", encoding="utf-8")
    with contextlib.suppress(KeyboardInterrupt):
        serve_forever(emulator.app, sock, log_level=args.log_level, access_log=args.access_log)
    return 0


if __name__ == "__main__":
    sys.exit(main())
