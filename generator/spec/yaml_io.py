"""YAML reading with the surprises removed.

PyYAML follows YAML 1.1, where ``ON``, ``OFF``, ``yes`` and ``no`` are booleans and ``2024-01-01``
is a date: Magnific's ``magic_prompt: [AUTO, ON, OFF]`` would silently become ``[AUTO, True,
False]``. This loader resolves only YAML 1.2 core booleans, keeps dates as strings and refuses
duplicate keys instead of letting the last one win.
"""

from __future__ import annotations

import re
from typing import Any

import yaml


class DuplicateKeyError(yaml.YAMLError):
    def __init__(self, key: object, line: int) -> None:
        super().__init__(f"duplicate key {key!r} (line {line})")


class StrictLoader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 booleans, no timestamps and no duplicate keys."""


StrictLoader.yaml_implicit_resolvers = {
    first: [
        (tag, regexp)
        for tag, regexp in resolvers
        if tag not in {"tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp"}
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
StrictLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def _construct_mapping(loader: StrictLoader, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
    seen: set[object] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        try:
            duplicate = key in seen
        except TypeError:  # unhashable key; the checker reports it with its path
            continue
        if duplicate:
            raise DuplicateKeyError(key, key_node.start_mark.line + 1)
        seen.add(key)
    return loader.construct_mapping(node, deep=deep)


StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_yaml(text: str) -> Any:
    """Parse one document; raises :class:`yaml.YAMLError` on any syntax problem."""
    return yaml.load(text, Loader=StrictLoader)  # noqa: S506 - StrictLoader is a SafeLoader
