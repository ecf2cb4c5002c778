"""Reading cross-field rules and provider protocols, checked against the fields they name."""

from __future__ import annotations

import re
from typing import Any, cast

from generator.spec.context import (
    FAL_PROTOCOL,
    HTTP_URL,
    MAGNIFIC_PROTOCOL,
    RULE_KINDS,
    Context,
    join_path,
    read_quotes,
)
from generator.spec.model import (
    FalProtocol,
    FieldSpec,
    MagnificProtocol,
    Operation,
    PageRef,
    RuleKind,
    RuleSpec,
)

# --------------------------------------------------------------------------------------------- rules


def read_rules(
    ctx: Context, raw: object, path: str, fields: tuple[FieldSpec, ...], pages: tuple[PageRef, ...]
) -> tuple[RuleSpec, ...]:
    entries = ctx.typed(raw, list, path, "a list of rules")
    by_name = {spec.name: spec for spec in fields}
    rules: list[RuleSpec] = []
    for index, entry in enumerate(entries):
        where = f"{path}[{index}]"
        data = ctx.mapping(entry, where)
        kinds = [key for key in data if key in RULE_KINDS]
        ctx.only_keys(data, {*RULE_KINDS, "source", "curation"}, where)
        if len(kinds) != 1:
            raise ctx.fail(where, f"a rule names exactly one kind of {', '.join(RULE_KINDS)}")
        kind = kinds[0]
        if "source" not in data and "curation" not in data:
            raise ctx.fail(where, "cite the doc line with source: (or explain the rule with curation:)")
        source = read_quotes(ctx, data["source"], join_path(where, "source"), pages) if "source" in data else ()
        curation = ctx.texts(data["curation"], join_path(where, "curation")) if "curation" in data else ()
        key_path = join_path(where, kind)
        if kind == "requires":
            spec = ctx.mapping(data[kind], key_path)
            ctx.only_keys(spec, {"if", "then"}, key_path)
            for part in ("if", "then"):
                if part not in spec:
                    raise ctx.fail(key_path, f"requires needs '{part}'")
            names: tuple[str, ...] = (
                ctx.text(spec["if"], join_path(key_path, "if")),
                ctx.text(spec["then"], join_path(key_path, "then")),
            )
        else:
            names = ctx.texts(data[kind], key_path, allow_single=False)
            if len(names) < 2 or len(set(names)) != len(names):
                raise ctx.fail(key_path, f"{kind} needs at least two distinct fields")
        for name in names:
            if name not in by_name:
                raise ctx.fail(key_path, f"unknown field {name!r} (fields: {', '.join(by_name)})")
        if kind == "same_dimensions":
            for name in names:
                if by_name[name].type != "image":
                    raise ctx.fail(
                        key_path, f"same_dimensions compares images, {name!r} is {by_name[name].type or 'not an image'}"
                    )
        if kind in ("mutually_exclusive", "exactly_one") and any(by_name[name].required for name in names):
            raise ctx.fail(key_path, f"{kind} cannot involve a required field")
        rules.append(RuleSpec(kind=cast(RuleKind, kind), fields=names, path=where, source=source, curation=curation))
    return tuple(rules)


# ------------------------------------------------------------------------------------------ protocol


def read_protocol(
    ctx: Context, endpoint: str, provider: str, raw: object, path: str, pages: tuple[PageRef, ...]
) -> FalProtocol | MagnificProtocol:
    data = ctx.mapping(raw, path)
    keys = FAL_PROTOCOL if provider == "fal" else MAGNIFIC_PROTOCOL
    ctx.only_keys(data, set(keys), path)
    for key in keys:
        if key not in data:
            raise ctx.fail(path, f"missing key {key!r}")
    source = read_quotes(ctx, data["source"], join_path(path, "source"), pages)

    def url(key: str) -> str:
        value = ctx.text(data[key], join_path(path, key))
        if not HTTP_URL.match(value):
            raise ctx.fail(join_path(path, key), f"expected a scheme://host URL without a path, got {value!r}")
        return value

    def header(key: str) -> str:
        value = ctx.text(data[key], join_path(path, key))
        if not re.fullmatch(r"[A-Za-z0-9-]+", value):
            raise ctx.fail(join_path(path, key), f"not an HTTP header name: {value!r}")
        return value

    if provider == "fal":
        app = ctx.text(data["app"], join_path(path, "app"))
        if not re.fullmatch(r"[a-z0-9-]+/[a-z0-9-]+", app):
            raise ctx.fail(join_path(path, "app"), f"expected owner/alias, got {app!r}")
        if not endpoint.startswith(app + "/"):
            raise ctx.fail(join_path(path, "app"), f"{app!r} is not the owner/alias prefix of {endpoint!r}")
        return FalProtocol(
            queue_url=url("queue_url"),
            run_url=url("run_url"),
            auth_header=header("auth_header"),
            auth_scheme=ctx.text(data["auth_scheme"], join_path(path, "auth_scheme")),
            app=app,
            file_encoding=cast(Any, ctx.choice(data["file_encoding"], ("data_uri",), join_path(path, "file_encoding"))),
            source=source,
        )

    def operation(key: str) -> Operation:
        where = join_path(path, key)
        op = ctx.mapping(data[key], where)
        ctx.only_keys(op, {"method", "path"}, where)
        method = ctx.choice(op.get("method"), ("GET", "POST", "PUT", "DELETE"), join_path(where, "method"))
        op_path = ctx.text(op.get("path"), join_path(where, "path"))
        if not op_path.startswith("/"):
            raise ctx.fail(join_path(where, "path"), f"paths start with '/', got {op_path!r}")
        return Operation(method, op_path)

    statuses = ctx.texts(data["statuses"], join_path(path, "statuses"), allow_single=False)
    for required_status in ("COMPLETED", "FAILED"):
        if required_status not in statuses:
            raise ctx.fail(join_path(path, "statuses"), f"statuses must include {required_status}")
    get = operation("get")
    if "{task_id}" not in get.path:
        raise ctx.fail(join_path(path, "get.path"), "the get path must contain {task_id}")
    return MagnificProtocol(
        base_url=url("base_url"),
        auth_header=header("auth_header"),
        alt_base_url=url("alt_base_url"),
        alt_auth_header=header("alt_auth_header"),
        create=operation("create"),
        get=get,
        list=operation("list"),
        envelope=ctx.text(data["envelope"], join_path(path, "envelope")),
        statuses=statuses,
        file_encoding=cast(Any, ctx.choice(data["file_encoding"], ("base64",), join_path(path, "file_encoding"))),
        source=source,
    )
