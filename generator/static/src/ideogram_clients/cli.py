"""``ideogram-clients``: the endpoints, their schemas, offline validation and runs, from a terminal.

Commands: ``endpoints`` (table), ``schema ID``, ``validate ID payload.json`` (offline, every error at
once), ``run ID --set k=v --file field=PATH --out DIR`` (live progress, outputs saved) and
``emulator`` (the local server). Bad input is one clear message and exit status 2, never a
traceback, and is caught before any job is sent; a provider error, a failed job or a wait past
``--timeout`` is exit status 1. Works against the real hosts or, with ``--base-url``
(or ``IDEOGRAM_CLIENTS_BASE_URL``), the emulator.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Annotated, Any, NoReturn

try:
    import typer
    from rich.markup import escape
    from rich.table import Table
except ImportError as exc:  # pragma: no cover - depends on the installed extras
    raise SystemExit(f"the CLI needs its extra: pip install 'ideogram-clients[cli]' ({exc.name} is missing)") from None

import httpx

from ideogram_clients import _json
from ideogram_clients._cli_batch import register as register_batch
from ideogram_clients._cli_common import EndpointArg, err, out, report_invalid, reported
from ideogram_clients._cli_common import fail as _fail
from ideogram_clients._cli_common import find_endpoint as _endpoint
from ideogram_clients._cli_common import prepare_out as _prepare
from ideogram_clients._cli_common import save_outputs as _save
from ideogram_clients._cli_files import register as register_files
from ideogram_clients._cli_jobs import register
from ideogram_clients._cli_recent import remember
from ideogram_clients._clients import FalClient, MagnificClient
from ideogram_clients._endpoint import Endpoint
from ideogram_clients._endpoints import ENDPOINTS
from ideogram_clients._errors import (
    IdeogramClientsError,
    InvalidInputError,
)
from ideogram_clients._fal_status import Completed, InProgress, Queued
from ideogram_clients._file_policy import FilePolicy
from ideogram_clients._waits import check_timeout

__all__ = ["app", "main"]

app = typer.Typer(
    name="ideogram-clients",
    help="Typed, validating clients for the Ideogram APIs on fal.ai and Magnific.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
#: Narrowest summary column worth showing in ``endpoints``; below it the table leaves the summary out.
_MIN_SUMMARY_WIDTH = 24


@app.command()
def endpoints() -> None:
    """List every endpoint with its provider and client attribute."""
    rows = [(endpoint.id, endpoint.provider, endpoint.attr, endpoint.summary) for endpoint in ENDPOINTS.values()]
    headers = ("endpoint", "provider", "client attribute")
    # ids and attributes are never cut (they are what gets copied); the summary only when it has room
    widths = [max(len(header), *(len(row[index]) for row in rows)) for index, header in enumerate(headers)]
    with_summary = out.width - (sum(widths) + 3 * len(headers) + 1) >= _MIN_SUMMARY_WIDTH + 3
    table = Table(*headers, *(["summary"] if with_summary else []))
    for column in table.columns[: len(headers)]:
        column.no_wrap = True
    for row in rows:
        table.add_row(*(row if with_summary else row[: len(headers)]))
    out.print(table)


@app.command()
def schema(
    endpoint_id: EndpointArg,
    output: Annotated[bool, typer.Option("--output", help="The output schema instead of the input one.")] = False,
) -> None:
    """Print an endpoint's JSON Schema (draft 2020-12)."""
    endpoint = _endpoint(endpoint_id)
    print(json.dumps(endpoint.json_schema("output" if output else "input"), indent=2, ensure_ascii=False))


def _read_json(path: Path) -> dict[str, Any]:
    try:
        data = _json.loads(path.read_text(encoding="utf-8"))  # nesting too deep is a ValueError too
    except OSError as exc:
        _fail(f"cannot read {path}: {exc.strerror or exc}")
    except (ValueError, UnicodeDecodeError) as exc:
        _fail(f"{path} is not valid JSON: {exc}")
    if not isinstance(data, dict):
        _fail(f"{path} must hold a JSON object of field names to values, got {type(data).__name__}")
    return data


@app.command()
def validate(
    endpoint_id: EndpointArg,
    payload: Annotated[Path, typer.Argument(help="A JSON file with the arguments.")],
) -> None:
    """Validate a payload offline against the documented constraints (all errors at once)."""
    endpoint = _endpoint(endpoint_id)
    try:
        endpoint.build_payload(_read_json(payload))
    except InvalidInputError as error:
        report_invalid(error)
    out.print(f"[green]valid[/] input for {endpoint.id}")


def _assignments(endpoint: Endpoint[Any, Any], sets: list[str], files: list[str]) -> dict[str, Any]:
    """``--set k=v`` (JSON value, else a string; a text field keeps the text as typed, so ``prompt=42``
    is the prompt "42") and ``--file field=PATH`` (lists collect repeats)."""
    arguments: dict[str, Any] = {}
    text_fields = _text_fields(endpoint)
    for item in sets:
        key, sep, raw = item.partition("=")
        if not sep or not key:
            _fail(f"--set expects key=value, got {item!r}")
        try:
            value = _json.loads(raw)
        except ValueError:
            value = raw
        arguments[key] = raw if key in text_fields and not isinstance(value, str) else value
    list_fields = {name for name, info in endpoint.input_model.model_fields.items() if _is_list(info.annotation)}
    for item in files:
        key, sep, raw = item.partition("=")
        if not sep or not key:
            _fail(f"--file expects field=PATH, got {item!r}")
        path = Path(raw)
        if key in list_fields:
            arguments.setdefault(key, []).append(path)
        else:
            arguments[key] = path
    return arguments


def _text_fields(endpoint: Endpoint[Any, Any]) -> set[str]:
    """Names (and wire names) of the free-text fields: type string without an enum."""
    fields = endpoint.spec["endpoint"]["input"]
    text = [field for field in fields if field.get("type") == "string" and not field.get("enum")]
    return {name for field in text for name in (field["name"], field.get("wire_name")) if name}


def _is_list(annotation: object) -> bool:
    return "list[" in str(annotation)


@app.command()
def run(
    endpoint_id: EndpointArg,
    set_: Annotated[
        list[str] | None, typer.Option("--set", help="key=value (value parsed as JSON if it can be).")
    ] = None,
    file: Annotated[
        list[str] | None, typer.Option("--file", help="An image field from a local file: field=PATH.")
    ] = None,
    payload: Annotated[Path | None, typer.Option("--json", help="A JSON file with (more) arguments.")] = None,
    out_dir: Annotated[Path, typer.Option("--out", help="Where outputs are saved.")] = Path("out"),
    base_url: Annotated[
        str | None, typer.Option(envvar="IDEOGRAM_CLIENTS_BASE_URL", help="Another host, e.g. the emulator's URL.")
    ] = None,
    api_key: Annotated[str | None, typer.Option(help="The API key (default: FAL_KEY / MAGNIFIC_API_KEY).")] = None,
    sync: Annotated[bool, typer.Option("--sync", help="fal: use the sync host instead of the queue.")] = False,
    timeout: Annotated[float | None, typer.Option(help="Give up waiting after this many seconds.")] = None,
    files: Annotated[
        FilePolicy, typer.Option(help="fal: local images inline (data URIs), uploaded to fal storage, or auto by size.")
    ] = "auto",
) -> None:
    """Run a job with live progress and save its outputs."""
    endpoint = _endpoint(endpoint_id)
    arguments = _read_json(payload) if payload is not None else {}
    arguments.update(_assignments(endpoint, set_ or [], file or []))
    stem = endpoint.attr
    with reported():
        check_timeout(timeout, "--timeout")
        endpoint.validate(arguments)
        _prepare(out_dir)
        if endpoint.provider == "fal":
            urls = _run_fal(endpoint, arguments, base_url, api_key, sync=sync, timeout=timeout, files=files)
        else:
            urls = _run_magnific(endpoint, arguments, base_url, api_key, timeout=timeout)
        saved = _save(urls, out_dir, stem)
    for path in saved:
        print(path)


def _run_fal(
    endpoint: Endpoint[Any, Any],
    arguments: dict[str, Any],
    base_url: str | None,
    api_key: str | None,
    *,
    sync: bool,
    timeout: float | None,
    files: FilePolicy,
) -> list[str]:
    # the sync host answers on the request's own connection: --timeout bounds that wait
    limits: dict[str, Any] = {"timeout": httpx.Timeout(timeout, connect=min(timeout, 10.0))} if sync and timeout else {}
    with FalClient(api_key, base_url=base_url, files=files, **limits) as fal:
        if sync:
            with err.status(f"running {endpoint.id} on the sync host"):
                output = fal.run(endpoint, arguments)
        else:
            with err.status(f"submitting {endpoint.id}") as spinner:

                def show(status: Queued | InProgress | Completed) -> None:
                    if isinstance(status, Queued):
                        spinner.update(f"{endpoint.id}: in queue, position {status.queue_position}")
                        return
                    for entry in status.new_logs:  # each line once, though every status repeats them all
                        err.print(f"  {entry.message}", style="dim", highlight=False, markup=False)
                    if isinstance(status, InProgress):
                        spinner.update(f"{endpoint.id}: in progress")
                    else:
                        spinner.update(f"{endpoint.id}: completed, fetching the result")

                handle = fal.submit(endpoint, arguments)
                # the id first: with it, `status`/`result`/`cancel` reach the job from anywhere
                err.print(f"request id: {handle.request_id}", highlight=False, markup=False)
                remember(handle.request_id, endpoint.id)
                try:
                    output = handle.wait(on_update=show, timeout=timeout, logs=True)
                except KeyboardInterrupt:
                    _cancel_on_interrupt(handle)
    return [image.url for image in getattr(output, "images", [])]


def _cancel_on_interrupt(handle: Any) -> NoReturn:
    """Ctrl-C while waiting: ask fal to cancel the paid job (not only stop watching it), exit 130."""
    try:
        answer = handle.cancel()
    except (IdeogramClientsError, httpx.HTTPError) as error:
        err.print(f"interrupted; cancelling {handle.request_id} failed: {error}", highlight=False, markup=False)
    else:
        err.print(f"interrupted; asked fal to cancel {handle.request_id}: {answer}", highlight=False, markup=False)
    raise typer.Exit(130)


def _run_magnific(
    endpoint: Endpoint[Any, Any],
    arguments: dict[str, Any],
    base_url: str | None,
    api_key: str | None,
    *,
    timeout: float | None,
) -> list[str]:
    with (
        MagnificClient(api_key, base_url=base_url) as magnific,
        err.status(f"creating a {endpoint.id} task") as spinner,
    ):
        started, shown = time.monotonic(), [""]

        def show(task: Any) -> None:  # each status once as a line (as fal's logs are), the spinner ticking
            elapsed = time.monotonic() - started
            if task.status != shown[0]:
                shown[0] = task.status
                err.print(f"  {task.status} after {elapsed:.1f} s", style="dim", highlight=False, markup=False)
            spinner.update(escape(f"{endpoint.id}: task {task.task_id} {task.status} ({elapsed:.0f} s)"))

        task = magnific.create(endpoint, arguments)
        err.print(f"task id: {task.task_id}", highlight=False, markup=False)
        remember(task.task_id, endpoint.id)
        task = magnific.wait(endpoint, task, timeout=timeout, on_update=show)
    return list(task.generated)


register(app)  # status, result, cancel: commands for a job that already exists
register_files(app)  # upload


@app.command(
    # every argument, --help included, goes to the emulator's own parser, which lists its options
    context_settings={"allow_extra_args": True, "ignore_unknown_options": True, "help_option_names": []}
)
def emulator(ctx: typer.Context) -> None:
    """Start the local emulator (`ideogram-clients emulator --help` lists its options)."""
    # needs only the base install: without the [emulator] extra, main() prints the one-line hint, exit 2
    from ideogram_clients.emulator.__main__ import main as emulator_main

    try:
        code = emulator_main(list(ctx.args), prog="ideogram-clients emulator")
    except SystemExit as exit_:  # argparse: --help (0) or a usage error (2), already printed
        code = exit_.code if isinstance(exit_.code, int) else 2
    raise typer.Exit(code)


register_batch(app)  # batch: many jobs from a JSON Lines file, journaled and resumable


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``ideogram-clients`` script."""
    try:
        result = app(args=argv, prog_name="ideogram-clients", standalone_mode=False)
    except typer.Exit as exit_:
        return exit_.exit_code
    except typer.Abort:
        err.print("aborted")
        return 130
    except Exception as exc:  # usage errors and anything unexpected: one line, no traceback
        show = getattr(exc, "show", None)
        if callable(show) and isinstance(getattr(exc, "exit_code", None), int):  # click's UsageError & co
            show()
            return 2
        err.print(f"[bold red]error:[/] {type(exc).__name__}: {escape(str(exc))}", highlight=False)
        return 1
    return result if isinstance(result, int) else 0


if __name__ == "__main__":
    sys.exit(main())
