"""A sync and an async call per endpoint, with a valid value for every required field."""

from __future__ import annotations

from generator.spec.model import EndpointSpec, FieldSpec

_PROMPT = '"a red knitted hat on a fox"'


def _value(field: FieldSpec) -> str:
    if field.one_of:
        return _value(field.one_of[0])
    if field.enum:
        return repr(field.enum[0]).replace("'", '"')
    if field.type == "image":
        return f'Path("{field.name.removesuffix("_url")}.png")'
    if field.type == "array" and field.items is not None:
        return f"[{_value(field.items)}]"
    if field.type == "string":
        return _PROMPT if "prompt" in field.name else f'"{field.name}"'
    if field.type in ("integer", "number"):
        return str(field.minimum if field.minimum is not None else 1)
    if field.type == "boolean":
        return "True"
    return "{}"


def _arguments(spec: EndpointSpec, indent: str) -> str:
    required = [field for field in spec.input if field.required]
    return "".join(f"{indent}{field.name}={_value(field)},\n" for field in required)


def examples(spec: EndpointSpec) -> tuple[str, str]:
    """``(sync, async)`` Python snippets; fal jobs go through ``subscribe``, Magnific tasks ``run``."""
    fal = spec.provider == "fal"
    client, variable, method = ("FalClient", "fal", "subscribe") if fal else ("MagnificClient", "magnific", "run")
    key = "FAL_KEY" if fal else "MAGNIFIC_API_KEY"
    uses_path = "Path(" in _arguments(spec, "")
    header = "from pathlib import Path\n\n" if uses_path else ""
    sync = (
        f"{header}from ideogram_clients import {client}\n\n"
        f"with {client}() as {variable}:  # {key} from the environment\n"
        f"    output = {variable}.{spec.attr}.{method}(\n{_arguments(spec, '        ')}    )\n"
        "print(output)\n"
    )
    imports = "import asyncio\nfrom pathlib import Path\n" if uses_path else "import asyncio\n"
    asynchronous = (
        f"{imports}\nfrom ideogram_clients import Async{client}\n\n\n"
        f"async def main() -> None:\n"
        f"    async with Async{client}() as {variable}:\n"
        f"        output = await {variable}.{spec.attr}.{method}(\n{_arguments(spec, '            ')}        )\n"
        "    print(output)\n\n\n"
        "asyncio.run(main())\n"
    )
    return sync, asynchronous
