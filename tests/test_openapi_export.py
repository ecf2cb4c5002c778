"""The package's OpenAPI 3.1 document: valid (openapi-spec-validator), all ten endpoints on the
routes the clients call, and its schemas accept and refuse what the models do."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import jsonschema
import pytest
from openapi_spec_validator import validate

from ideogram_clients import ENDPOINTS, InvalidInputError


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    text = resources.files("ideogram_clients").joinpath("openapi.json").read_text(encoding="utf-8")
    result: dict[str, Any] = json.loads(text)
    return result


def test_document_is_valid_openapi_3_1(document: dict[str, Any]) -> None:
    validate(document)  # raises on any violation of the OpenAPI 3.1 schema
    assert document["openapi"] == "3.1.0"


def test_every_endpoint_has_its_routes(document: dict[str, Any]) -> None:
    paths = document["paths"]
    fal = sorted(key for key, endpoint in ENDPOINTS.items() if endpoint.provider == "fal")
    assert [path for path in paths if "post" in paths[path] and path.startswith("/fal-ai/")] == [f"/{e}" for e in fal]
    app = "/fal-ai/ideogram/requests/{request_id}"
    assert set(paths[app]) == {"get"} and set(paths[app + "/cancel"]) == {"put"}
    assert set(paths[app + "/status"]) == {"get"} and set(paths[app + "/status/stream"]) == {"get"}
    result = paths[app]["get"]["responses"]["200"]["content"]["application/json"]["schema"]["anyOf"]
    assert len(result) == len(fal)
    assert set(paths["/v1/ai/ideogram-image-edit"]) == {"get", "post"}
    assert set(paths["/v1/ai/ideogram-image-edit/{task_id}"]) == {"get"}
    operation_ids = [op["operationId"] for item in paths.values() for op in item.values()]
    assert len(operation_ids) == len(set(operation_ids)) == 9 + 4 + 3


def _validator(document: dict[str, Any], name: str) -> jsonschema.Draft202012Validator:
    schema = {"$ref": f"#/components/schemas/{name}", "components": document["components"]}
    return jsonschema.Draft202012Validator(schema)


def _model_accepts(endpoint: str, body: dict[str, Any]) -> bool:
    try:
        ENDPOINTS[endpoint].build_payload(body)
    except (InvalidInputError, ValueError):
        return False
    return True


CASES: list[tuple[str, dict[str, Any]]] = [
    ("fal-ai/ideogram/v3", {"prompt": "a cat"}),
    ("fal-ai/ideogram/v3", {"prompt": "a cat", "seed": None}),  # nullable: None means unset
    ("fal-ai/ideogram/v3", {"prompt": "a cat", "seed": -1}),
    ("fal-ai/ideogram/v3", {"prompt": "a cat", "num_images": None}),  # not nullable
    ("fal-ai/ideogram/v3", {"prompt": "a cat", "style_codes": ["0123abcd"], "style": "AUTO"}),
    ("fal-ai/ideogram/v3", {"prompt": "a cat", "style_codes": ["0123abcd"], "style": None}),
    ("fal-ai/ideogram/v3", {"prompt": "a", "color_palette": {"members": [{"rgb": {"r": 1}}]}}),
    ("fal-ai/ideogram/v3", {"prompt": "a", "color_palette": {"name": "EMBER", "members": None}}),
    ("fal-ai/ideogram/v3", {"prompt": "a", "color_palette": {"name": None, "members": None}}),
    ("fal-ai/ideogram/v3", {"prompt": "a", "image_size": {"width": 14142, "height": 1}}),
    ("fal-ai/ideogram/v3", {"prompt": "a", "image_size": {"width": 14143, "height": 1}}),
    ("fal-ai/ideogram/v3", {"prompt": "a", "unknown": 1}),
    ("fal-ai/ideogram/character/edit", {"prompt": "a", "style": "AUTO"}),
    ("magnific/ideogram-image-edit", {"prompt": "a", "image": "https://x.test/a.png", "mask": "https://x.test/m.png"}),
    (
        "magnific/ideogram-image-edit",
        {"prompt": "a", "image": "https://x.test/a.png", "mask": "https://x.test/m.png", "seed": None},
    ),
]


@pytest.mark.parametrize(("endpoint", "body"), CASES, ids=[f"{i}" for i in range(len(CASES))])
def test_schema_and_model_agree(document: dict[str, Any], endpoint: str, body: dict[str, Any]) -> None:
    name = ENDPOINTS[endpoint].input_model.__name__
    assert _validator(document, name).is_valid(body) == _model_accepts(endpoint, body)
